import type { Address, Hash } from 'viem';
import type { FieldConfirmation, FieldCorrection } from '@identree/sdk';

/** One field of a submitted document, as the service keeps it (the crop and text never leave for the chain). */
export type StoredField = {
  name: string;
  /** The binarised crop, PNG: what the field's verifiers are shown. */
  crop: Uint8Array;
  /** The normalised text OCR read. */
  text: string;
  fieldHash: Hash;
  textHash: Hash;
};

/** A submitted document: its commitment, its fields, and the answers its verifiers sent. */
export type Submission = {
  enrollee: Address;
  templateId: string;
  imageHash: Hash;
  fieldsRoot: Hash;
  /** The on-chain id, `keccak256(abi.encode(enrollee, imageHash, fieldsRoot))`. */
  enrollment: Hash;
  fields: StoredField[];
  /** Answers received and not yet recorded on chain. */
  pending: FieldConfirmation[];
  /** Batches recorded on chain, in order, as sent (each confirmation is proved against its batch root). */
  batches: FieldConfirmation[][];
  /** What opens each correction's salted text hash: kept here, never sent on chain. */
  corrections: CorrectionOpening[];
};

/** A verifier's correction of one slot of one field: the text it typed and the salt its hash commits with. */
export type CorrectionOpening = { field: number; slot: number } & FieldCorrection;

/**
 * The submission store port: a submission is written whole, or not at all, and `update`s of one
 * submission never lose each other's answers. The embedded adapter is below; the database adapters
 * (PGlite, PostgreSQL, MongoDB) are the store package's `storage.enrollmentSubmissions`.
 */
export type SubmissionStore = {
  put(submission: Submission): Promise<void>;
  get(enrollment: Hash): Promise<Submission | undefined>;
  /** Applies `change` to the stored submission atomically; the store keeps what it returns. */
  update(enrollment: Hash, change: (s: Submission) => Submission): Promise<Submission>;
};

/** The embedded adapter: a map, copied on the way in and out so callers cannot mutate what is stored. */
export function memorySubmissionStore(): SubmissionStore & { size(): number } {
  const byId = new Map<Hash, Submission>();
  const copy = (s: Submission): Submission => structuredClone(s);
  return {
    async put(s) {
      byId.set(s.enrollment, copy(s));
    },
    async get(id) {
      const s = byId.get(id);
      return s && copy(s);
    },
    async update(id, change) {
      const s = byId.get(id);
      if (!s) throw new Error(`no submission ${id}`);
      const next = change(copy(s));
      byId.set(id, copy(next));
      return copy(next);
    },
    size: () => byId.size,
  };
}
