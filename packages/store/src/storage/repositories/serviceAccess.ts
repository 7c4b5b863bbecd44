import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { batcher } from '../batcher.js';
import { lower, type Database } from '../database.js';
import { oidcReleases, serviceAccessLog } from '../schemaServiceAccess.js';
import type { Json } from '../types.js';
import type { OidcReleaseRecord, OidcReleasesRepository, ServiceAccessChannel, ServiceAccessLogRepository, ServiceAccessRecord } from '../serviceAccessTypes.js';

const fromLogRow = (r: typeof serviceAccessLog.$inferSelect): ServiceAccessRecord => ({
  id: r.id,
  holder: r.holder as Address,
  accessor: r.accessor,
  accessorName: r.accessorName,
  channel: r.channel as ServiceAccessChannel,
  uids: r.uids as Hash[],
  attributes: r.attributes as string[],
  success: r.success,
  detail: r.detail,
  releaseId: r.releaseId,
  at: r.at,
});

/** The service-side access log: appended by the routes that serve a holder's data, read by that holder only. */
export function serviceAccessLogRepository(db: Database): ServiceAccessLogRepository {
  return {
    async append(entry) {
      const [row] = await db
        .insert(serviceAccessLog)
        .values({ ...entry, holder: lower(entry.holder), uids: entry.uids.map(lower), attributes: entry.attributes })
        .returning({ id: serviceAccessLog.id });
      return row!.id;
    },
    async listByHolder(holder, { limit = 100, beforeId } = {}) {
      const found = await db
        .select()
        .from(serviceAccessLog)
        .where(and(eq(serviceAccessLog.holder, lower(holder)), beforeId === undefined ? undefined : lt(serviceAccessLog.id, beforeId)))
        .orderBy(desc(serviceAccessLog.id))
        .limit(limit);
      return found.map(fromLogRow);
    },
  };
}

/**
 * The same log with appends batched: every presentation verified appends a row before its answer, and one INSERT
 * per request cost the HTTP thread about 0.5 ms on PGlite, most of it the statement's fixed part. Appends that
 * arrive while one batch is written go together in the next, each still answered only once its row is written;
 * an idle append waits for no one (no linger). Used by the storage itself, not inside transactions.
 */
export function batchedServiceAccessLog(db: Database, { maxBatch = 100 } = {}): ServiceAccessLogRepository {
  const repository = serviceAccessLogRepository(db);
  const append = batcher<Parameters<ServiceAccessLogRepository['append']>[0], number>(async (entries) => {
    const written = await db
      .insert(serviceAccessLog)
      .values(entries.map((entry) => ({ ...entry, holder: lower(entry.holder), uids: entry.uids.map(lower), attributes: entry.attributes })))
      .returning({ id: serviceAccessLog.id });
    // Ids come from one sequence in the order of the VALUES list, so sorting pairs them with their entries.
    return written.map((r) => r.id).sort((a, b) => a - b);
  }, { maxBatch, lingerMs: 0 });
  return { ...repository, append };
}

const fromReleaseRow = (r: typeof oidcReleases.$inferSelect): OidcReleaseRecord => ({
  id: r.id,
  holder: r.holder as Address,
  clientId: r.clientId,
  clientName: r.clientName,
  verifier: r.verifier as Address | null,
  claims: r.claims as Json,
  uids: r.uids as Hash[],
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt,
});

/** OpenID Connect releases: what a holder let each relying party read, until it expires or the holder revokes it. */
export function oidcReleasesRepository(db: Database): OidcReleasesRepository {
  return {
    async create(release) {
      const [row] = await db
        .insert(oidcReleases)
        .values({ ...release, holder: lower(release.holder), verifier: release.verifier ? lower(release.verifier) : null, uids: release.uids.map(lower), claims: release.claims as never })
        .returning();
      return fromReleaseRow(row!);
    },
    async get(id) {
      const [row] = await db.select().from(oidcReleases).where(eq(oidcReleases.id, id));
      return row ? fromReleaseRow(row) : null;
    },
    async listByHolder(holder, { limit = 100 } = {}) {
      const found = await db.select().from(oidcReleases).where(eq(oidcReleases.holder, lower(holder))).orderBy(desc(oidcReleases.createdAt), desc(oidcReleases.id)).limit(limit);
      return found.map(fromReleaseRow);
    },
    async revoke(holder, id, at = new Date()) {
      const gone = await db
        .update(oidcReleases)
        .set({ revokedAt: at })
        .where(and(eq(oidcReleases.id, id), eq(oidcReleases.holder, lower(holder)), isNull(oidcReleases.revokedAt)))
        .returning({ id: oidcReleases.id });
      return gone.length > 0;
    },
  };
}
