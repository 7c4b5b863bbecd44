// The content-addressed blob stores, for other workspaces (the population simulation keeps batch
// leaves in the same kubo-compatible layout the service uses).
export { FsBlobStore } from './FsBlobStore.js';
export { KuboBlobStore } from './KuboBlobStore.js';
export type * from './types.js';
