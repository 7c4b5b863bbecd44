import { and, asc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { auditLog } from '../schema.js';
import type { AuditRecord, AuditRepository, Json } from '../types.js';

type Row = typeof auditLog.$inferSelect;

const fromRow = (r: Row): AuditRecord => ({
  id: r.id,
  subject: r.subject as Address,
  action: r.action,
  actor: r.actor as Address | null,
  ...(r.txHash !== null && r.blockNumber !== null && r.logIndex !== null
    ? { event: { blockNumber: r.blockNumber, blockHash: r.blockHash as Hash, transactionHash: r.txHash as Hash, logIndex: r.logIndex } }
    : {}),
  payload: r.payload as Json,
  createdAt: r.createdAt,
});

/** What happened to each subject, oldest first; chain events are recorded once however often they are replayed. */
export function auditRepository(db: Database): AuditRepository {
  return {
    async append(entry) {
      const inserted = await db
        .insert(auditLog)
        .values({
          subject: lower(entry.subject),
          action: entry.action,
          actor: entry.actor === null ? null : lower(entry.actor),
          txHash: entry.event ? lower(entry.event.transactionHash) : null,
          blockNumber: entry.event?.blockNumber ?? null,
          blockHash: entry.event ? lower(entry.event.blockHash) : null,
          logIndex: entry.event?.logIndex ?? null,
          payload: entry.payload,
        })
        .onConflictDoNothing({ target: [auditLog.txHash, auditLog.logIndex] })
        .returning({ id: auditLog.id });
      return inserted.length === 1;
    },
    async listBySubject(subject, { limit = 100, afterId = 0 } = {}) {
      const found = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subject, lower(subject)), gt(auditLog.id, afterId)))
        .orderBy(asc(auditLog.id))
        .limit(limit);
      return found.map(fromRow);
    },
    async sponsoredWeiSince(subject, since) {
      const [row] = await db
        .select({ wei: sql<string>`coalesce(sum((${auditLog.payload}->>'wei')::numeric), 0)::text` })
        .from(auditLog)
        .where(and(eq(auditLog.subject, lower(subject)), eq(auditLog.action, 'SponsoredGasSpent'), gte(auditLog.createdAt, since)));
      return BigInt(row?.wei ?? '0');
    },
    async sponsoredGasBySubjects(subjects) {
      if (subjects.length === 0) return [];
      // numeric, not int8: wei overflow 64 bits. A payload field that is not a decimal counts as 0 rather than failing the sum.
      const decimal = (field: string) =>
        sql<string>`coalesce(sum(case when ${auditLog.payload}->>${field} ~ '^[0-9]{1,78}$' then (${auditLog.payload}->>${field})::numeric else 0 end), 0)::text`;
      const found = await db
        .select({ subject: auditLog.subject, gasUsed: decimal('gasUsed'), wei: decimal('wei'), writes: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(and(inArray(auditLog.subject, subjects.map(lower)), eq(auditLog.action, 'SponsoredGasSpent')))
        .groupBy(auditLog.subject)
        .orderBy(asc(auditLog.subject));
      return found.map((r) => ({ subject: r.subject as Address, gasUsed: BigInt(r.gasUsed), wei: BigInt(r.wei), writes: Number(r.writes) }));
    },
  };
}
