// The content-addressed blob stores, for other workspaces (the population simulation keeps batch
// leaves in the same kubo-compatible layout the service uses).
export { FsBlobStore } from '../blobs/FsBlobStore.js';
export { KuboBlobStore } from '../blobs/KuboBlobStore.js';
export type * from '../blobs/types.js';
export * from '../blobs/errors.js';
export { parseCid } from '../blobs/parseCid.js';
export { startKubo, kuboBinary, kuboUnavailable, type KuboNode, type StartKuboOptions } from '../kubo/kuboNode.js';
export { storeAuditedBlob, eraseAuditedBlob, BLOB_AUDIT_ACTIONS, type AuditedBlobs, type StoreAuditedBlobParameters, type EraseAuditedBlobParameters } from '../blobs/auditedBlobs.js';
