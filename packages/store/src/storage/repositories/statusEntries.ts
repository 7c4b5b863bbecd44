import { randomInt } from 'node:crypto';
import { asc, count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { statusEntries } from '../schemaStatusEntries.js';
import { credentials, entities } from '../schema.js';
import type { EntityStatusName } from '@identree/sdk';

/** Where a credential's status bits live: list `listId`, bit `index`. */
export type StatusEntry = { uid: Hash; issuer: Address; listId: number; index: number };

export type AllocateStatusEntryParameters = {
  uid: Hash;
  issuer: Address;
  /** Bits per list (the W3C minimum is 131,072). */
  listSize: number;
  /**
   * A list takes new entries until it holds this many; then the next list opens. Filling only part
   * of a list keeps random draws cheap and leaves every position equally likely.
   */
  listCapacity: number;
};

/**
 * What a status list shows for one entry, read from the indexed chain state: whether the anchor is
 * still indexed (a reorg can drop it), revoked, and the standing of its holder and issuer (null when
 * the account is no registered entity).
 */
export type StatusEntryStanding = StatusEntry & {
  anchored: boolean;
  /** The block of the credential's anchor, null when it is not anchored: dated against an issuer's compromise report. */
  anchoredBlock: bigint | null;
  revoked: boolean;
  holderStatus: EntityStatusName | null;
  issuerStatus: EntityStatusName | null;
};

/** Status list positions, allocated once per credential. */
export type StatusEntriesRepository = {
  /**
   * The credential's position, drawn at random in the open list on first call and the same on every
   * later call (concurrent calls for one credential agree: the uid is the key).
   */
  allocate(parameters: AllocateStatusEntryParameters): Promise<StatusEntry>;
  get(uid: Hash): Promise<StatusEntry | null>;
  /** Every entry of one list, by position. */
  listEntries(listId: number): Promise<StatusEntry[]>;
  /** Every entry of one list with its credential's and entities' standing, in one read. */
  listStanding(listId: number): Promise<StatusEntryStanding[]>;
};

const fromRow = (r: typeof statusEntries.$inferSelect): StatusEntry => ({ uid: r.uid as Hash, issuer: r.issuer as Address, listId: r.listId, index: r.listIndex });

/** Enough draws that a half-full list fails all of them with probability 2^-64. */
const MAX_DRAWS = 64;

export function statusEntriesRepository(db: Database): StatusEntriesRepository {
  const get = async (uid: Hash) => {
    const [row] = await db.select().from(statusEntries).where(eq(statusEntries.uid, lower(uid)));
    return row ? fromRow(row) : null;
  };
  const openList = async (capacity: number) => {
    const [last] = await db.select({ listId: statusEntries.listId }).from(statusEntries).orderBy(desc(statusEntries.listId)).limit(1);
    if (!last) return 0;
    const [filled] = await db.select({ n: count() }).from(statusEntries).where(eq(statusEntries.listId, last.listId));
    return (filled?.n ?? 0) >= capacity ? last.listId + 1 : last.listId;
  };
  return {
    async allocate({ uid, issuer, listSize, listCapacity }) {
      if (!(listCapacity > 0 && listCapacity <= listSize / 2)) throw new RangeError(`listCapacity must be between 1 and half of listSize (${listSize / 2}), got ${listCapacity}`);
      const existing = await get(uid);
      if (existing) return existing;
      for (let draw = 0; draw < MAX_DRAWS; draw++) {
        const listId = await openList(listCapacity);
        // A position taken by another credential, or this uid allocated meanwhile, inserts nothing.
        await db.insert(statusEntries).values({ uid: lower(uid), issuer: lower(issuer), listId, listIndex: randomInt(listSize) }).onConflictDoNothing();
        const entry = await get(uid);
        if (entry) return entry;
      }
      throw new Error(`no free status list position for ${uid} after ${MAX_DRAWS} draws`);
    },
    get,
    async listEntries(listId) {
      const rows = await db.select().from(statusEntries).where(eq(statusEntries.listId, listId)).orderBy(asc(statusEntries.listIndex));
      return rows.map(fromRow);
    },
    async listStanding(listId) {
      const holder = alias(entities, 'holder_entity');
      const issuer = alias(entities, 'issuer_entity');
      const rows = await db
        .select({ entry: statusEntries, uid: credentials.uid, anchoredBlock: credentials.anchoredBlock, revoked: credentials.revoked, holderStatus: holder.status, issuerStatus: issuer.status })
        .from(statusEntries)
        .leftJoin(credentials, eq(credentials.uid, statusEntries.uid))
        .leftJoin(holder, eq(holder.account, credentials.subject))
        .leftJoin(issuer, eq(issuer.account, credentials.issuer))
        .where(eq(statusEntries.listId, listId))
        .orderBy(asc(statusEntries.listIndex));
      return rows.map((r) => ({
        ...fromRow(r.entry),
        anchored: r.uid !== null,
        anchoredBlock: r.anchoredBlock ?? null,
        revoked: r.revoked ?? false,
        holderStatus: (r.holderStatus as EntityStatusName | null) ?? null,
        issuerStatus: (r.issuerStatus as EntityStatusName | null) ?? null,
      }));
    },
  };
}
