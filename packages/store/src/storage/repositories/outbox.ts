import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Address, Hash, Hex } from 'viem';
import { lower, type Database } from '../database.js';
import { IdempotencyKeyReusedError, StorageError } from '../errors.js';
import { outbox } from '../schema.js';
import type { Json, OutboxRecord, OutboxRepository, OutboxStatus } from '../types.js';

type Row = typeof outbox.$inferSelect;

const fromRow = (r: Row): OutboxRecord => ({
  id: r.id,
  idempotencyKey: r.idempotencyKey,
  owner: r.owner as Address,
  requestHash: r.requestHash as Hex,
  status: r.status,
  txRequest: r.txRequest as Json,
  txHash: r.txHash as Hash | null,
  nonce: r.nonce,
  response: r.response as Json | null,
  error: r.error,
  attempts: r.attempts,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** Sponsored transactions, recorded before sending so a retried request is answered, not re-sent. */
export function outboxRepository(db: Database): OutboxRepository {
  const transition = async (id: number, from: OutboxStatus[], set: PgUpdateSetSource<typeof outbox>) => {
    const [row] = await db
      .update(outbox)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(outbox.id, id), inArray(outbox.status, from)))
      .returning();
    return row ? fromRow(row) : null;
  };
  const list = async (status: OutboxStatus, limit: number, afterId = 0) =>
    (await db.select().from(outbox).where(and(eq(outbox.status, status), gt(outbox.id, afterId))).orderBy(asc(outbox.id)).limit(limit)).map(fromRow);

  /** The row of `owner`'s Idempotency-Key: keys are scoped to their owner. */
  const rowByKey = async (owner: Address, idempotencyKey: string) =>
    (await db.select().from(outbox).where(and(eq(outbox.owner, lower(owner)), eq(outbox.idempotencyKey, idempotencyKey))))[0];

  return {
    async create({ idempotencyKey, owner, requestHash, txRequest }) {
      // ON CONFLICT DO NOTHING waits for a concurrent insert of the same owner and key to commit, so exactly one row is created.
      // Keys are scoped to their owner: another owner's use of the same key is not a conflict, and must not be revealed.
      const [inserted] = await db
        .insert(outbox)
        .values({ idempotencyKey, owner: lower(owner), requestHash: lower(requestHash), txRequest })
        .onConflictDoNothing({ target: [outbox.owner, outbox.idempotencyKey] })
        .returning();
      if (inserted) return { record: fromRow(inserted), created: true };
      const existing = await rowByKey(owner, idempotencyKey);
      if (!existing) throw new StorageError(`Outbox entry for idempotency key "${idempotencyKey}" vanished during create.`);
      if (existing.requestHash !== lower(requestHash)) throw new IdempotencyKeyReusedError(idempotencyKey);
      return { record: fromRow(existing), created: false };
    },
    async get(id) {
      const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
      return row ? fromRow(row) : null;
    },
    async getByKey(owner, idempotencyKey) {
      const row = await rowByKey(owner, idempotencyKey);
      return row ? fromRow(row) : null;
    },
    replacePending: (id, txRequest) => transition(id, ['pending'], { txRequest }),
    markSent: (id, { txHash, nonce }) =>
      transition(id, ['pending', 'sent'], { status: 'sent', txHash: lower(txHash), nonce, attempts: sql`${outbox.attempts} + 1` }),
    markConfirmed: (id, response) => transition(id, ['sent'], { status: 'confirmed', response }),
    markFailed: (id, error, response) => transition(id, ['pending', 'sent'], { status: 'failed', error, ...(response !== undefined ? { response } : {}) }),
    listPending: ({ limit = 100 } = {}) => list('pending', limit),
    listSent: ({ limit = 100, afterId } = {}) => list('sent', limit, afterId),
    async listMinedAfter(blockNumber, { limit = 1_000 } = {}) {
      // Confirmed and reverted writes both name their block; a reverted one still used its nonce.
      const minedAt = sql`(${outbox.response}->>'blockNumber')::numeric`;
      const rows = await db
        .select()
        .from(outbox)
        .where(and(inArray(outbox.status, ['confirmed', 'failed']), sql`${outbox.response} ? 'blockNumber'`, sql`${minedAt} > ${blockNumber.toString()}::numeric`))
        .orderBy(asc(minedAt), asc(outbox.id))
        .limit(limit);
      return rows.map(fromRow);
    },
    reopen: (id) => transition(id, ['confirmed', 'failed'], { status: 'sent', response: null, error: null }),
  };
}
