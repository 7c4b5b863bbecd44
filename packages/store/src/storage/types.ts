import type { ServiceAccessRepositories } from './serviceAccessTypes.js';
import type { NonceStore } from '@identree/sdk';
import type { LoginNonceStore } from '../nonces/loginNonceStore.js';
import type { CertificationLevelName, EntityKindName, EntityStatusName } from '@identree/sdk';
import type { Address, Hash, Hex } from 'viem';
import type { HolderRepositories } from './holderTypes.js';
import type { DeliveryRepositories } from './deliveryTypes.js';
import type { BlobUsageRepository } from './repositories/blobUsage.js';
import type { StatusEntriesRepository } from './repositories/statusEntries.js';
import type { EnrollmentSubmissionsRepository } from './enrollmentSubmissionTypes.js';

/** Where a chain event sits; the same fields viem puts on a log. */
export type EventPosition = { blockNumber: bigint; transactionHash: Hash; logIndex: number };

/** A chain event with the hash of its block, as the audit log keeps it. */
export type ChainEvent = EventPosition & { blockHash: Hash };

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type EntityRecord = {
  account: Address;
  kind: EntityKindName;
  status: EntityStatusName;
  registrar: Address;
  tokenId: bigint;
  /** The `EntityRegistered` event. */
  registration: EventPosition;
};

export type CredentialRecord = {
  uid: Hash;
  issuer: Address;
  /** The holder. */
  subject: Address;
  credentialType: number;
  commitment: Hex;
  level: CertificationLevelName;
  /** uint32 seconds. */
  validFrom: number;
  /** uint32 seconds. */
  validUntil: number;
  revoked: boolean;
  linked: boolean;
  anchoredAt: EventPosition;
};

export type TreeLinkRecord = {
  holder: Address;
  uid: Hash;
  linked: boolean;
  /** The last `CredentialLinked` / `CredentialUnlinked` event for this pair. */
  updatedAt: EventPosition;
};

export type AuditEntry = {
  subject: Address;
  action: string;
  actor: Address | null;
  /** Absent for actions that happened off chain. */
  event?: ChainEvent;
  payload: Json;
};
export type AuditRecord = AuditEntry & { id: number; createdAt: Date };

export type BlockRef = { blockNumber: bigint; blockHash: Hash | null };

export type RollbackSummary = {
  /** Projection rows (entities, credentials, tree links) deleted or restored. */
  rowsReverted: number;
  auditEntriesRemoved: number;
  blocksRemoved: number;
  cursorsRewound: number;
};

export type OutboxStatus = 'pending' | 'sent' | 'confirmed' | 'failed';

export type OutboxRecord = {
  id: number;
  idempotencyKey: string;
  owner: Address;
  requestHash: Hex;
  status: OutboxStatus;
  /** JSON: bigints must already be decimal strings. */
  txRequest: Json;
  txHash: Hash | null;
  nonce: number | null;
  response: Json | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
};

export type CreateOutboxParameters = { idempotencyKey: string; owner: Address; requestHash: Hex; txRequest: Json };
/** `created` is false when the key was seen before and `record` is the first request's row. */
export type CreateOutboxReturnType = { record: OutboxRecord; created: boolean };

export type IssuedNonce = { key: string; audience: string; expiresAt: Date };

export type EntitiesRepository = {
  /** Writes the entity as of event `at` (its registration when omitted); rolled back if `at`'s block is reorged out. */
  upsert(entity: EntityRecord, at?: EventPosition): Promise<void>;
  get(account: Address): Promise<EntityRecord | null>;
  /**
   * The entities `registrars` registered, in registration order per registrar (registrars in address
   * order), at most `limit` (default 100): one level of the registration tree per call. A registrar
   * is never listed as its own child (the first root registered itself).
   */
  listByRegistrars(registrars: readonly Address[], options?: { limit?: number }): Promise<EntityRecord[]>;
};

export type CredentialsRepository = {
  /** Writes the credential as of event `at` (its anchoring when omitted). */
  upsert(credential: CredentialRecord, at?: EventPosition): Promise<void>;
  get(uid: Hash): Promise<CredentialRecord | null>;
  /** The holder's credentials, in anchoring order. */
  listByHolder(holder: Address): Promise<CredentialRecord[]>;
};

export type TreeLinksRepository = {
  set(link: TreeLinkRecord): Promise<void>;
  get(holder: Address, uid: Hash): Promise<TreeLinkRecord | null>;
  listByHolder(holder: Address): Promise<TreeLinkRecord[]>;
};

export type AuditRepository = {
  /** False when an entry for the same (transaction, log index) is already there: replays are no-ops. */
  append(entry: AuditEntry): Promise<boolean>;
  /** Oldest first; page with `afterId`. */
  listBySubject(subject: Address, options?: { limit?: number; afterId?: number }): Promise<AuditRecord[]>;
  /** Wei the sponsor spent for `subject` since `since` (its `SponsoredGasSpent` entries), for the sponsor's quota. */
  sponsoredWeiSince(subject: Address, since: Date): Promise<bigint>;
  /** Everything the sponsor ever spent for each of `subjects`, summed by the database; a subject it never paid for is left out. */
  sponsoredGasBySubjects(subjects: readonly Address[]): Promise<SponsoredGasTotal[]>;
};

/** What the sponsor paid for one subject's relayed writes, mined or reverted (its `SponsoredGasSpent` entries). */
export type SponsoredGasTotal = { subject: Address; gasUsed: bigint; wei: bigint; writes: number };

export type CursorRepository = {
  get(name: string): Promise<BlockRef | null>;
  set(name: string, at: BlockRef): Promise<void>;
};

export type BlocksRepository = {
  record(blockNumber: bigint, hash: Hash): Promise<void>;
  hashAt(blockNumber: bigint): Promise<Hash | null>;
  /**
   * Undoes everything learnt from block `blockNumber` onwards, in one transaction: projection rows
   * go back to their value before that block (or away if they did not exist), audit entries and
   * block hashes from that block are deleted, and cursors past it are moved back to the block before.
   */
  deleteFrom(blockNumber: bigint): Promise<RollbackSummary>;
  /** Forgets block hashes and undo data below `blockNumber`, once those blocks are final. */
  prune(belowBlock: bigint): Promise<void>;
};

export type OutboxRepository = {
  /** Records a request once per owner and idempotency key; concurrent creates with one owner and key yield one row. */
  create(parameters: CreateOutboxParameters): Promise<CreateOutboxReturnType>;
  get(id: number): Promise<OutboxRecord | null>;
  getByKey(owner: Address, idempotencyKey: string): Promise<OutboxRecord | null>;
  /**
   * Swaps the stored request of a row that is still pending (a transaction re-signed before its first
   * send). Null when the row had already moved on, so a request that may have been sent is never replaced.
   */
  replacePending(id: number, txRequest: Json): Promise<OutboxRecord | null>;
  /** pending (or sent, for a replacement) -> sent, counting the attempt. Null when the row had already moved on. */
  markSent(id: number, sent: { txHash: Hash; nonce: number }): Promise<OutboxRecord | null>;
  /** sent -> confirmed. Null when the row was not `sent`. */
  markConfirmed(id: number, response: Json): Promise<OutboxRecord | null>;
  /** pending or sent -> failed. Null when the row had already finished. */
  markFailed(id: number, error: string, response?: Json): Promise<OutboxRecord | null>;
  /** Not yet sent, oldest first. */
  listPending(options?: { limit?: number }): Promise<OutboxRecord[]>;
  /** Sent and waiting for a receipt, oldest first; `afterId` pages on from a record's id. */
  listSent(options?: { limit?: number; afterId?: number }): Promise<OutboxRecord[]>;
  /**
   * Confirmed or reverted writes mined in a block above `blockNumber`, in the order they were mined:
   * what a chain restarted from an older state no longer holds.
   */
  listMinedAfter(blockNumber: bigint, options?: { limit?: number }): Promise<OutboxRecord[]>;
  /** confirmed or failed -> sent, forgetting the receipt: the chain lost the block and the write is sent again. Null when the row was not settled. */
  reopen(id: number): Promise<OutboxRecord | null>;
};

export type NoncesRepository = {
  /**
   * Expiry is computed by the database clock, the same clock `consume` compares against. A `payload`
   * is kept with the nonce and handed to whoever `take`s it.
   */
  issue(parameters: { key: string; audience: string; ttlMs: number; payload?: Json }): Promise<IssuedNonce>;
  /** True exactly once per nonce, for its audience, before it expires. */
  consume(parameters: { key: string; audience: string }): Promise<boolean>;
  /**
   * `consume` that also answers the nonce's payload: `{ payload }` exactly once per nonce, for its
   * audience, before it expires (concurrent callers, other processes included), null for every other call.
   */
  take(parameters: { key: string; audience: string }): Promise<{ payload: Json | null } | null>;
  /** Deletes expired nonces, at most `limit` (default all) in one statement; returns how many. */
  pruneExpired(options?: { limit?: number }): Promise<number>;
};

/**
 * Failed logins counted per subject (a face login's identity), shared by every process of the service and
 * kept across restarts. Each failure is its own row, so concurrent failures all count: there is no
 * read-then-write of a counter to lose one. Times are the caller's clock, so a limiter and its tests
 * agree on what a window is.
 */
export type LoginFailuresRepository = {
  /** Records one failure at `at`, forgets the subject's failures before `since`, and answers those left (this one included). */
  record(subject: string, parameters: { at: Date; since: Date }): Promise<LoginFailureCount>;
  /** The subject's failures at or after `since`: how many, and when the oldest was. */
  count(subject: string, parameters: { since: Date }): Promise<LoginFailureCount>;
  /** Forgets the subject's failures (a successful login). */
  clear(subject: string): Promise<void>;
};
export type LoginFailureCount = { count: number; oldest: Date | null };

/** A holder's face template as the service keeps it: the envelope holds the only wrapped copies of its data key. */
export type FaceTemplateRecordRow = {
  holder: Address;
  /** The ciphertext's CID and the template's version, as in the envelope (kept apart so they can be read without it). */
  cid: string;
  templateVersion: number;
  /** The face model that made the embedding. */
  model: string;
  envelope: Json;
  enrolledAt: Date;
};

/**
 * Face template records, one per holder, shared by every process of the service. Each write is one
 * statement: a re-enrollment replaces the whole record at once, an erasure deletes it, so no reader ever
 * sees half of one and no wrapped key outlives its record.
 */
export type FaceTemplatesRepository = {
  get(holder: Address): Promise<FaceTemplateRecordRow | null>;
  /** Replaces the holder's record (or creates it). */
  put(record: FaceTemplateRecordRow): Promise<void>;
  /** Creates the holder's record only when it has none; false when one was there (the one-time import of old files). */
  add(record: FaceTemplateRecordRow): Promise<boolean>;
  /** Deletes the holder's record; false when there was none. */
  delete(holder: Address): Promise<boolean>;
};

export type StorageRepositories = {
  entities: EntitiesRepository;
  credentials: CredentialsRepository;
  links: TreeLinksRepository;
  audit: AuditRepository;
  cursor: CursorRepository;
  blocks: BlocksRepository;
  outbox: OutboxRepository;
  nonces: NoncesRepository;
  loginFailures: LoginFailuresRepository;
  /** Document enrollment's submissions (issue 20). */
  enrollmentSubmissions: EnrollmentSubmissionsRepository;
  faceTemplates: FaceTemplatesRepository;
} & HolderRepositories & DeliveryRepositories & ServiceAccessRepositories & { blobUsage: BlobUsageRepository; statusEntries: StatusEntriesRepository };

/**
 * The service's storage port: the same repositories over PGlite (embedded), PostgreSQL or MongoDB.
 *
 * @example
 * const storage = await openStorage({ dataDir: '.data' })
 * await storage.transaction(async (tx) => {
 *   await tx.blocks.record(log.blockNumber, log.blockHash)
 *   await tx.entities.upsert(entity)
 *   await tx.cursor.set('registry', { blockNumber: log.blockNumber, blockHash: log.blockHash })
 * })
 */
/** Tables that are pruned, so their space is worth reclaiming. */
export type ReclaimableTable = 'nonces' | 'webhook_deliveries';

export type Storage = StorageRepositories & {
  readonly backend: 'pglite' | 'postgres' | 'mongodb';
  /**
   * Verifier challenges, issued and consumed in batches (one statement per batch): the one nonce
   * store production and tests both use, in one process or many.
   */
  readonly presentationNonces: NonceStore;
  /** Sign-in (SIWE) nonces, in the same table under their own audience. */
  readonly loginNonces: LoginNonceStore;
  /** Runs `fn` in one transaction; the repositories it receives write inside it. Do not use `storage` itself inside `fn`. */
  transaction<T>(fn: (tx: StorageRepositories) => Promise<T>): Promise<T>;
  /**
   * Gives the space of deleted rows back: VACUUM, which lets the table reuse it and returns empty
   * pages at its end; `full` rewrites the table compactly (VACUUM FULL: its files shrink, but it is
   * locked meanwhile, so only after a large prune). Outside any transaction.
   */
  reclaimSpace(table: ReclaimableTable, options?: { full?: boolean }): Promise<void>;
  close(): Promise<void>;
};
