import type { Address } from 'viem';
import type { FaceAuditEvent, FaceAuditLog, TemplateBlobStore } from '@identree/biometrics';

/** The service's blob store, as far as templates need it (put, get, erase). */
export type ServiceBlobs = {
  put(bytes: Uint8Array): Promise<string>;
  get(cid: string): Promise<Uint8Array | null>;
  erase(cid: string): Promise<{ unpinned?: boolean; erased?: boolean } | unknown>;
};
/** The service's audit log (`storage.audit`). */
export type ServiceAudit = { append(entry: { subject: Address; action: string; actor: Address | null; payload: { [key: string]: string | number | null } }): Promise<unknown> };

/** The audit actions face templates write, beside the blob store's own BlobPinned/BlobUnpinned. */
const ACTIONS: Record<FaceAuditEvent['action'], string> = {
  pinned: 'BlobPinned',
  unpinned: 'BlobUnpinned',
  enrolled: 'FaceTemplateEnrolled',
  're-enrolled': 'FaceTemplateReplaced',
  erased: 'FaceTemplateErased',
  'login-matched': 'FaceLoginMatched',
  'login-failed': 'FaceLoginFailed',
  'key-rewrapped': 'FaceTemplateKeyRewrapped',
};

/**
 * The face ports over the service's own blob store and audit log, so template pins, unpins, erasures
 * and face logins sit in the holder's audit trail beside every other blob.
 *
 * @example
 * const { blobs, audit } = auditedFacePorts({ blobs: serviceBlobs, audit: storage.audit })
 */
export function auditedFacePorts({ blobs, audit }: { blobs: ServiceBlobs; audit: ServiceAudit }): { blobs: TemplateBlobStore; audit: FaceAuditLog } {
  // What the blob store said it did for each CID removed, so the audit entry names it as DELETE /blobs/:cid
  // does: BlobUnpinned when a pin went (kubo), BlobErased when the bytes went (the embedded store).
  const removed = new Map<string, { unpinned?: boolean; erased?: boolean }>();
  // The pinned entry names the size as storeAuditedBlob's does; the unpin and erase entries a reason, as
  // eraseAuditedBlob's do, so a face template blob reads like any other blob in the holder's audit trail.
  const sizes = new Map<string, number>();
  const entry = (event: FaceAuditEvent, action: string, extra: { [key: string]: string | number } = {}) => audit.append({
    subject: event.holder, action, actor: event.actor ?? event.holder, payload: {
      cid: event.cid ?? null, templateVersion: event.templateVersion ?? null, kind: 'face-template',
      // Addresses only: a re-wrap's entry names the key wrapped to and the guardian, never the wrapped key.
      ...(event.recipient ? { recipient: event.recipient } : {}), ...(event.guardian ? { guardian: event.guardian } : {}), ...extra,
    },
  });
  const reason = 'face template removed (refused by the chain, replaced or erased)';
  return {
    blobs: {
      put: async (bytes) => {
        const cid = await blobs.put(bytes);
        sizes.set(cid, bytes.length);
        return cid;
      },
      get: (cid) => blobs.get(cid),
      remove: async (cid) => {
        const result = await blobs.erase(cid);
        removed.set(cid, typeof result === 'object' && result !== null ? (result as { unpinned?: boolean; erased?: boolean }) : { unpinned: true });
      },
    },
    audit: {
      append: async (event) => {
        if (event.action === 'pinned') {
          const bytes = event.cid ? sizes.get(event.cid) : undefined;
          if (event.cid) sizes.delete(event.cid);
          return void (await entry(event, ACTIONS.pinned, bytes === undefined ? {} : { bytes }));
        }
        if (event.action !== 'unpinned') return void (await entry(event, ACTIONS[event.action]));
        const result = (event.cid && removed.get(event.cid)) || { unpinned: true };
        if (event.cid) removed.delete(event.cid);
        if (result.unpinned) await entry(event, 'BlobUnpinned', { reason });
        if (result.erased) await entry(event, 'BlobErased', { reason });
      },
    },
  };
}
