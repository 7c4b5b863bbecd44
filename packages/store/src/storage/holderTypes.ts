import type { Address, Hash, Hex } from 'viem';
import type { ChainEvent, EventPosition, Json } from './types.js';

/** An access grant as the indexer last saw it; keyed by the holder's identity, never by its key. */
export type GrantRecord = {
  holder: Address;
  verifier: Address;
  uid: Hash;
  /** Unix seconds; live strictly before. */
  expiresAt: number;
  revoked: boolean;
  /** bytes26: zero for the whole credential. */
  attributes: Hex;
  updatedAt: EventPosition;
};

/** One `AccessLogged` event: who accessed which attributes of which credential, when, and whether it worked. */
export type AccessLogRecord = {
  holder: Address;
  verifier: Address;
  uid: Hash;
  attributes: Hex;
  success: boolean;
  /** Unix seconds of the block; null when the node did not report it. */
  blockTime: number | null;
  event: ChainEvent;
  /** Whether the verifier held a live grant for the credential when it logged this; null: unknown (logged before this was recorded). */
  granted?: boolean | null;
};

export type KeyChangeHow = 'Rotation' | 'GuardianRecovery' | 'RegistrarRebind';
export type KeyBindingRecord = { identity: Address; key: Address; how: KeyChangeHow; updatedAt: EventPosition };

export type GuardianSetRecord = { identity: Address; guardians: Address[]; threshold: number; nonce: number };

export type RecoveryStatus = 'pending' | 'completed' | 'cancelled';
export type RecoveryRecord = {
  recoveryId: Hash;
  identity: Address;
  newKey: Address;
  approvals: Address[];
  /** Unix seconds; 0 until the threshold is met. */
  readyAt: number;
  status: RecoveryStatus;
  updatedAt: EventPosition;
};

/** One verifier's wrapped key for a holder's share of one credential (the envelope carries only that key). */
export type ShareKeyRecord = { holder: Address; verifier: Address; uid: Hash; cid: string; envelope: Json; createdAt: Date };

export const WEBHOOK_EVENTS = ['grant.revoked', 'credential.revoked', 'credential.reissued'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type WebhookSubscriptionRecord = { id: number; owner: Address; url: string; events: WebhookEvent[]; createdAt: Date };

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';
export type WebhookDeliveryRecord = {
  id: number;
  deliveryId: string;
  subscriptionId: number;
  url: string;
  event: WebhookEvent;
  payload: Json;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

export type GrantsRepository = {
  /** Writes the grant as of event `updatedAt`; rolled back if that block is reorged out. */
  upsert(grant: GrantRecord): Promise<void>;
  get(holder: Address, verifier: Address, uid: Hash): Promise<GrantRecord | null>;
  listByHolder(holder: Address): Promise<GrantRecord[]>;
  /** Grants on one credential, any holder and verifier (to tell verifiers the credential changed). */
  listByCredential(uid: Hash): Promise<GrantRecord[]>;
};

export type AccessLogRepository = {
  /** False when the event is already recorded: replays are no-ops. */
  append(entry: AccessLogRecord): Promise<boolean>;
  /** The holder's timeline, newest first; page with `beforeId`. */
  listByHolder(holder: Address, options?: { limit?: number; beforeId?: number; granted?: boolean }): Promise<(AccessLogRecord & { id: number })[]>;
};

export type KeyBindingsRepository = {
  set(binding: KeyBindingRecord): Promise<void>;
  /** The binding of an identity whose control moved; null when it never moved. */
  byIdentity(identity: Address): Promise<KeyBindingRecord | null>;
  /** The binding whose current key is `key`. */
  byKey(key: Address): Promise<KeyBindingRecord | null>;
};

export type GuardiansRepository = {
  add(identity: Address, guardian: Address, set: { threshold: number; nonce: number }, at: EventPosition): Promise<void>;
  remove(identity: Address, guardian: Address, set: { threshold: number; nonce: number }, at: EventPosition): Promise<void>;
  /** Moves the recovery nonce (a cancel, or a change of key) without touching the guardians. */
  setNonce(identity: Address, nonce: number, at: EventPosition): Promise<void>;
  get(identity: Address): Promise<GuardianSetRecord | null>;
};

export type RecoveriesRepository = {
  upsert(recovery: RecoveryRecord): Promise<void>;
  get(recoveryId: Hash): Promise<RecoveryRecord | null>;
  listByIdentity(identity: Address): Promise<RecoveryRecord[]>;
};

export type ShareKeysRepository = {
  put(share: Omit<ShareKeyRecord, 'createdAt'>): Promise<void>;
  get(holder: Address, verifier: Address, uid: Hash): Promise<ShareKeyRecord | null>;
  /** True when a row was there. */
  remove(holder: Address, verifier: Address, uid: Hash): Promise<boolean>;
};

export type WebhooksRepository = {
  /** Subscribes, or replaces the events of the owner's existing subscription to the same URL. */
  subscribe(owner: Address, url: string, events: WebhookEvent[]): Promise<WebhookSubscriptionRecord>;
  listByOwner(owner: Address): Promise<WebhookSubscriptionRecord[]>;
  /** True when the owner had that subscription. */
  unsubscribe(owner: Address, id: number): Promise<boolean>;
  /**
   * Queues `event` for every subscription of `owners` that wants it, once per chain event (replays
   * queue nothing new). One delivery per distinct URL, at most `maxDeliveries` (default 20).
   * Returns how many deliveries were queued.
   */
  enqueue(parameters: { owners: Address[]; event: WebhookEvent; payload: Json; at?: EventPosition; maxDeliveries?: number }): Promise<number>;
  /**
   * Claims up to `limit` due deliveries for `leaseMs`: a claimed delivery is not due again until the
   * lease runs out, so two workers never send it at once, and a crashed worker's claim expires.
   */
  claimDue(options: { limit: number; leaseMs: number }): Promise<WebhookDeliveryRecord[]>;
  markDelivered(id: number): Promise<void>;
  /** Counts the attempt; `retryInMs` null gives up (status failed). */
  markAttemptFailed(id: number, error: string, retryInMs: number | null): Promise<void>;
  getDelivery(deliveryId: string): Promise<WebhookDeliveryRecord | null>;
  listDeliveries(subscriptionId: number): Promise<WebhookDeliveryRecord[]>;
};

export type HolderRepositories = {
  grants: GrantsRepository;
  accessLog: AccessLogRepository;
  keyBindings: KeyBindingsRepository;
  guardians: GuardiansRepository;
  recoveries: RecoveriesRepository;
  shareKeys: ShareKeysRepository;
  webhooks: WebhooksRepository;
};
