import type { FaceTemplateEnvelope } from '@identree/sdk';
import type { Address } from 'viem';

/** Where the sealed ciphertext lives: content-addressed (IPFS CIDs), and erasable. */
export type TemplateBlobStore = {
  put(bytes: Uint8Array): Promise<string>;
  get(cid: string): Promise<Uint8Array | null>;
  /** Deletes (embedded store) or unpins (IPFS node) the blob. Idempotent. */
  remove(cid: string): Promise<void>;
};

/** The holder's current template: its envelope, which holds the only wrapped copies of the data key. */
export type TemplateRecord = { holder: Address; envelope: FaceTemplateEnvelope; model: string; enrolledAt: number };

/** Where envelopes are kept. `delete` destroys the wrapped keys: without them no copy of the ciphertext opens. */
export type TemplateRecordStore = {
  get(holder: Address): Promise<TemplateRecord | null>;
  put(record: TemplateRecord): Promise<void>;
  delete(holder: Address): Promise<boolean>;
};

export type FaceAuditEvent = {
  at: number;
  holder: Address;
  action: 'enrolled' | 're-enrolled' | 'pinned' | 'unpinned' | 'erased' | 'login-matched' | 'login-failed' | 'key-rewrapped';
  cid?: string;
  templateVersion?: number;
  /** Who acted, when not the holder: the guardian's signed-in key that re-wrapped the template key. */
  actor?: Address;
  /** The key a re-wrapped template key was wrapped to (the holder's current key); never the key material. */
  recipient?: Address;
  /** The guardian identity the actor's key acts for. */
  guardian?: Address;
};

/** Every pin, unpin, enrolment, erasure, key re-wrap and login outcome is appended here. */
export type FaceAuditLog = { append(event: FaceAuditEvent): Promise<void> };
