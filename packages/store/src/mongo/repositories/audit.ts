import { randomUUID } from 'node:crypto';
import type { Address, Hash } from 'viem';
import type { AuditRecord, AuditRepository, Json, SponsoredGasTotal } from '../../storage/types.js';
import { collection, insertNext, lower, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromDoc = (d: Doc): AuditRecord => ({
  id: d._id as number,
  subject: d.subject as Address,
  action: d.action as string,
  actor: d.actor as Address | null,
  ...(d.txHash
    ? {
        event: {
          blockNumber: d.blockNumber as bigint,
          blockHash: d.blockHash as Hash,
          transactionHash: d.txHash as Hash,
          logIndex: d.logIndex as number,
        },
      }
    : {}),
  // JSON is kept as text: a payload key may start with `$` or hold a dot, which documents refuse.
  payload: JSON.parse(d.payload as string) as Json,
  createdAt: d.createdAt as Date,
});

/** What happened to each subject, oldest first; chain events are recorded once however often they are replayed. */
export function mongoAuditRepository(h: MongoHandle): AuditRepository {
  return {
    async append(entry) {
      // Unique per chain event; an off-chain entry gets a key of its own (FerretDB v1 has no partial indexes).
      const eventKey = entry.event
        ? `${lower(entry.event.transactionHash)} ${entry.event.logIndex}`
        : `off-chain ${randomUUID()}`;
      const held = () => collection(h, 'audit_log').findOne({ eventKey });
      const { created } = await insertNext(
        h,
        'audit_log',
        (id) => ({
          _id: id,
          eventKey,
          subject: lower(entry.subject),
          action: entry.action,
          actor: entry.actor === null ? null : lower(entry.actor),
          txHash: entry.event ? lower(entry.event.transactionHash) : null,
          blockNumber: entry.event?.blockNumber ?? null,
          blockHash: entry.event ? lower(entry.event.blockHash) : null,
          logIndex: entry.event?.logIndex ?? null,
          payload: JSON.stringify(entry.payload),
          createdAt: new Date(),
        }),
        held,
      );
      return created;
    },
    async listBySubject(subject, { limit = 100, afterId = 0 } = {}) {
      const found = await collection(h, 'audit_log')
        .find({ subject: lower(subject), _id: { $gt: afterId } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return found.map(fromDoc);
    },
    async sponsoredWeiSince(subject, since) {
      // Summed here, not by the server: wei overflow an int64 and the payload is text.
      const spent = await collection(h, 'audit_log')
        .find(
          { subject: lower(subject), action: 'SponsoredGasSpent', createdAt: { $gte: since } },
          { projection: { payload: 1 } },
        )
        .toArray();
      return spent.reduce((sum, d) => {
        const wei = (JSON.parse(d.payload as string) as { wei?: unknown }).wei;
        return typeof wei === 'string' && /^[0-9]+$/.test(wei) ? sum + BigInt(wei) : sum;
      }, 0n);
    },
    async sponsoredGasBySubjects(subjects) {
      // Summed here, as above, one entry at a time off the cursor: no more than the totals stays in memory.
      const totals = new Map<string, SponsoredGasTotal>();
      const entries = collection(h, 'audit_log').find(
        { subject: { $in: subjects.map(lower) }, action: 'SponsoredGasSpent' },
        { projection: { subject: 1, payload: 1 } },
      );
      const decimal = (v: unknown) => (typeof v === 'string' && /^[0-9]{1,78}$/.test(v) ? BigInt(v) : 0n);
      for await (const d of entries) {
        const subject = d.subject as Address;
        const payload = JSON.parse(d.payload as string) as { wei?: unknown; gasUsed?: unknown };
        const total = totals.get(subject) ?? { subject, gasUsed: 0n, wei: 0n, writes: 0 };
        totals.set(subject, { subject, gasUsed: total.gasUsed + decimal(payload.gasUsed), wei: total.wei + decimal(payload.wei), writes: total.writes + 1 });
      }
      return [...totals.values()].sort((a, b) => (a.subject < b.subject ? -1 : 1));
    },
  };
}
