import type { Address, Hash } from 'viem';
import type { Json } from '../../storage/types.js';
import type { OidcReleaseRecord, OidcReleasesRepository, ServiceAccessChannel, ServiceAccessLogRepository, ServiceAccessRecord } from '../../storage/serviceAccessTypes.js';
import { collection, insertNext, insertUnique, lower, remember, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromLogDoc = (d: Doc): ServiceAccessRecord => ({
  id: d._id as number,
  holder: d.holder as Address,
  accessor: d.accessor as string,
  accessorName: (d.accessorName as string | null) ?? null,
  channel: d.channel as ServiceAccessChannel,
  uids: d.uids as Hash[],
  attributes: d.attributes as string[],
  success: d.success as boolean,
  detail: (d.detail as string | null) ?? null,
  releaseId: (d.releaseId as string | null) ?? null,
  at: d.at as Date,
});

/** The service-side access log: appended by the routes that serve a holder's data, read by that holder only. */
export function mongoServiceAccessLogRepository(h: MongoHandle): ServiceAccessLogRepository {
  return {
    async append(entry) {
      const { doc } = await insertNext(h, 'service_access_log', (id) => ({
        _id: id, ...entry, holder: lower(entry.holder), uids: entry.uids.map(lower), attributes: [...entry.attributes], at: new Date(),
      }));
      return doc._id as number;
    },
    async listByHolder(holder, { limit = 100, beforeId } = {}) {
      const found = await collection(h, 'service_access_log')
        .find({ holder: lower(holder), ...(beforeId === undefined ? {} : { _id: { $lt: beforeId } }) })
        .sort({ _id: -1 })
        .limit(limit)
        .toArray();
      return found.map(fromLogDoc);
    },
  };
}

const fromReleaseDoc = (d: Doc): OidcReleaseRecord => ({
  id: d._id as string,
  holder: d.holder as Address,
  clientId: d.clientId as string,
  clientName: d.clientName as string,
  verifier: (d.verifier as Address | null) ?? null,
  // Stored as JSON text: claims may hold keys MongoDB reserves ($, dots).
  claims: JSON.parse(d.claims as string) as Json,
  uids: d.uids as Hash[],
  createdAt: d.createdAt as Date,
  expiresAt: d.expiresAt as Date,
  revokedAt: (d.revokedAt as Date | null) ?? null,
});

/** OpenID Connect releases: what a holder let each relying party read, until it expires or the holder revokes it. */
export function mongoOidcReleasesRepository(h: MongoHandle): OidcReleasesRepository {
  return {
    async create(release) {
      const doc: Doc = {
        _id: release.id, holder: lower(release.holder), clientId: release.clientId, clientName: release.clientName,
        verifier: release.verifier ? lower(release.verifier) : null, claims: JSON.stringify(release.claims), uids: release.uids.map(lower),
        createdAt: new Date(), expiresAt: release.expiresAt, revokedAt: null,
      };
      if (!(await insertUnique(h, 'oidc_releases', doc))) throw new Error(`oidc release ${release.id} already exists`);
      return fromReleaseDoc(doc);
    },
    async get(id) {
      const doc = await collection(h, 'oidc_releases').findOne({ _id: id });
      return doc ? fromReleaseDoc(doc) : null;
    },
    async listByHolder(holder, { limit = 100 } = {}) {
      const found = await collection(h, 'oidc_releases').find({ holder: lower(holder) }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
      return found.map(fromReleaseDoc);
    },
    async revoke(holder, id, at = new Date()) {
      await remember(h, 'oidc_releases', [id]);
      const result = await collection(h, 'oidc_releases').updateOne({ _id: id, holder: lower(holder), revokedAt: null }, { $set: { revokedAt: at } });
      return result.modifiedCount > 0;
    },
  };
}
