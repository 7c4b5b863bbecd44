import type { Filter } from 'mongodb';
import { NonceAlreadyIssuedError, StorageError } from '../../storage/errors.js';
import type { Json, NoncesRepository } from '../../storage/types.js';
import { collection, insertUnique, type Doc, type MongoHandle } from '../mongoHandle.js';

/**
 * Single-use challenges. Consuming one deletes it: a delete has exactly one winner on FerretDB v1
 * too (its conditional updates do not, see `compareAndSet.ts`), so two racing consumers cannot both
 * win. Expiry is by this process's clock, not the server's (the SQL adapters use the database's):
 * instances with skewed clocks disagree by their skew about a nonce at the edge of its lifetime.
 */
export function mongoNoncesRepository(h: MongoHandle): NoncesRepository {
  const nonces = () => collection(h, 'nonces');
  return {
    async issue({ key, audience, ttlMs, payload }) {
      if (!Number.isFinite(ttlMs) || ttlMs <= 0)
        throw new StorageError(`Nonce lifetime must be a positive number of milliseconds, got ${ttlMs}.`);
      const expiresAt = new Date(Date.now() + ttlMs);
      if (!(await insertUnique(h, 'nonces', { _id: key, audience, expiresAt, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) }))) throw new NonceAlreadyIssuedError(key);
      return { key, audience, expiresAt };
    },
    async consume({ key, audience }) {
      return (
        (await nonces().deleteOne({ _id: key, audience, expiresAt: { $gt: new Date() } } as Filter<Doc>))
          .deletedCount === 1
      );
    },
    async take({ key, audience }) {
      // Read, then delete under the same filter: the delete has one winner, and a payload never
      // changes, so the winner's read is the nonce's. Stored as JSON text: a payload may hold keys
      // MongoDB reserves ($, dots).
      const filter = () => ({ _id: key, audience, expiresAt: { $gt: new Date() } }) as Filter<Doc>;
      const found = await nonces().findOne(filter());
      if (!found || (await nonces().deleteOne(filter())).deletedCount !== 1) return null;
      return { payload: typeof found.payload === 'string' ? (JSON.parse(found.payload) as Json) : null };
    },
    async pruneExpired({ limit }: { limit?: number } = {}) {
      const now = new Date();
      if (limit === undefined) return (await nonces().deleteMany({ expiresAt: { $lt: now } })).deletedCount;
      if (!Number.isSafeInteger(limit) || limit <= 0)
        throw new StorageError(`Prune limit must be a positive integer, got ${limit}.`);
      const expired = await nonces()
        .find({ expiresAt: { $lt: now } }, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
      if (expired.length === 0) return 0;
      return (
        await nonces().deleteMany({ _id: { $in: expired.map((d) => d._id) }, expiresAt: { $lt: now } } as Filter<Doc>)
      ).deletedCount;
    },
  };
}
