import type { Filter } from 'mongodb';
import type { Address, Hash, Hex } from 'viem';
import { IdempotencyKeyReusedError } from '../../storage/errors.js';
import type { Json, OutboxRecord, OutboxRepository, OutboxStatus } from '../../storage/types.js';
import { compareAndSet } from '../compareAndSet.js';
import { collection, insertNext, lower, type Doc, type MongoHandle } from '../mongoHandle.js';

const json = (text: unknown) => (text === null || text === undefined ? null : (JSON.parse(text as string) as Json));

const fromDoc = (d: Doc): OutboxRecord => ({
  id: d._id as number,
  idempotencyKey: d.idempotencyKey as string,
  owner: d.owner as Address,
  requestHash: d.requestHash as Hex,
  status: d.status as OutboxStatus,
  txRequest: json(d.txRequest) as Json,
  txHash: d.txHash as Hash | null,
  nonce: d.nonce as number | null,
  response: json(d.response),
  error: d.error as string | null,
  attempts: d.attempts as number,
  createdAt: d.createdAt as Date,
  updatedAt: d.updatedAt as Date,
});

/** The block a settled write was mined in, from its receipt (`response.blockNumber`, a decimal string), for `listMinedAfter`. */
const minedBlock = (response: Json | undefined | null): bigint | null => {
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return null;
  const n = response.blockNumber;
  if (typeof n === 'string' && /^[0-9]+$/.test(n)) return BigInt(n);
  return typeof n === 'number' && Number.isSafeInteger(n) ? BigInt(n) : null;
};

/** Sponsored transactions, recorded before sending so a retried request is answered, not re-sent. */
export function mongoOutboxRepository(h: MongoHandle): OutboxRepository {
  const outbox = () => collection(h, 'outbox');
  const transition = async (id: number, from: OutboxStatus[], change: (d: Doc) => Record<string, unknown>) => {
    const written = await compareAndSet(h, 'outbox', { _id: id, status: { $in: from } } as Filter<Doc>, (d) => ({
      ...change(d),
      updatedAt: new Date(),
    }));
    return written ? fromDoc(written) : null;
  };
  const list = async (status: OutboxStatus, limit: number, afterId = 0) =>
    (
      await outbox()
        .find({ status, _id: { $gt: afterId } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray()
    ).map(fromDoc);
  const rowByKey = (owner: Address, idempotencyKey: string) =>
    outbox().findOne({ owner: lower(owner), idempotencyKey });

  return {
    async create({ idempotencyKey, owner, requestHash, txRequest }) {
      // The unique (owner, key) index lets one of racing creates insert; the others get its row.
      const now = new Date();
      const { doc, created } = await insertNext(
        h,
        'outbox',
        (id) => ({
          _id: id,
          idempotencyKey,
          owner: lower(owner),
          requestHash: lower(requestHash),
          status: 'pending',
          txRequest: JSON.stringify(txRequest),
          txHash: null,
          nonce: null,
          response: null,
          minedBlock: null,
          error: null,
          attempts: 0,
          createdAt: now,
          updatedAt: now,
          rev: 0,
        }),
        () => rowByKey(owner, idempotencyKey),
      );
      if (created) return { record: fromDoc(doc), created: true };
      if (doc.requestHash !== lower(requestHash)) throw new IdempotencyKeyReusedError(idempotencyKey);
      return { record: fromDoc(doc), created: false };
    },
    async get(id) {
      const d = await outbox().findOne({ _id: id });
      return d ? fromDoc(d) : null;
    },
    async getByKey(owner, idempotencyKey) {
      const d = await rowByKey(owner, idempotencyKey);
      return d ? fromDoc(d) : null;
    },
    replacePending: (id, txRequest) => transition(id, ['pending'], () => ({ txRequest: JSON.stringify(txRequest) })),
    markSent: (id, { txHash, nonce }) =>
      transition(id, ['pending', 'sent'], (d) => ({
        status: 'sent',
        txHash: lower(txHash),
        nonce,
        attempts: (d.attempts as number) + 1,
      })),
    markConfirmed: (id, response) =>
      transition(id, ['sent'], () => ({
        status: 'confirmed',
        response: JSON.stringify(response),
        minedBlock: minedBlock(response),
      })),
    markFailed: (id, error, response) =>
      transition(id, ['pending', 'sent'], () => ({
        status: 'failed',
        error,
        ...(response !== undefined ? { response: JSON.stringify(response), minedBlock: minedBlock(response) } : {}),
      })),
    listPending: ({ limit = 100 } = {}) => list('pending', limit),
    listSent: ({ limit = 100, afterId } = {}) => list('sent', limit, afterId),
    async listMinedAfter(blockNumber, { limit = 1_000 } = {}) {
      // Confirmed and reverted writes both name their block; a reverted one still used its nonce.
      const found = await outbox()
        .find({ status: { $in: ['confirmed', 'failed'] }, minedBlock: { $gt: blockNumber } })
        .sort({ minedBlock: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return found.map(fromDoc);
    },
    reopen: (id) =>
      transition(id, ['confirmed', 'failed'], () => ({
        status: 'sent',
        response: null,
        minedBlock: null,
        error: null,
      })),
  };
}
