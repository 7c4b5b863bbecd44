import type { BlobUsageRepository } from '../../storage/repositories/blobUsage.js';
import type { Address } from 'viem';
import { collection, deleteMatching, insertUnique, lower, type MongoHandle } from '../mongoHandle.js';

/** What each account has put in the blob store, for its storage budget. */
export function mongoBlobUsageRepository(h: MongoHandle): BlobUsageRepository {
  return {
    record: (owner, cid, bytes) =>
      insertUnique(h, 'blob_usage', { _id: `${lower(owner)} ${cid}`, owner: lower(owner), cid, bytes }),
    async totalFor(owner) {
      const [row] = await collection(h, 'blob_usage')
        .aggregate<{ total: number }>([
          { $match: { owner: lower(owner) } },
          { $group: { _id: null, total: { $sum: '$bytes' } } },
        ])
        .toArray();
      return Number(row?.total ?? 0);
    },
    async owners(cid) {
      return (await collection(h, 'blob_usage').find({ cid }).toArray()).map((d) => d.owner as Address);
    },
    async release(owner, cid) {
      return (await deleteMatching(h, 'blob_usage', { _id: `${lower(owner)} ${cid}` })) > 0;
    },
  };
}
