import { randomInt } from 'node:crypto';
import type { Address, Hash } from 'viem';
import type { EntityStatusName } from '@identree/sdk';
import type { StatusEntriesRepository, StatusEntry } from '../../storage/repositories/statusEntries.js';
import { collection, insertUnique, lower, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromDoc = (d: Doc): StatusEntry => ({ uid: d.uid as Hash, issuer: d.issuer as Address, listId: d.listId as number, index: d.index as number });

/** Enough draws that a half-full list fails all of them with probability 2^-64. */
const MAX_DRAWS = 64;

/**
 * Status list positions, as the SQL adapters keep them. The `_id` (the uid) and the unique
 * (listId, index) index each admit exactly one insert, which is all FerretDB v1 guarantees and
 * all the allocation needs: a losing draw finds its position taken, or its uid placed, and reads.
 */
export function mongoStatusEntriesRepository(h: MongoHandle): StatusEntriesRepository {
  const entries = () => collection(h, 'status_entries');
  const get = async (uid: Hash) => {
    const found = await entries().findOne({ _id: lower(uid) });
    return found ? fromDoc(found) : null;
  };
  const openList = async (capacity: number) => {
    const [last] = await entries().find({}).sort({ listId: -1 }).limit(1).toArray();
    if (!last) return 0;
    const listId = last.listId as number;
    return (await entries().countDocuments({ listId })) >= capacity ? listId + 1 : listId;
  };
  const listEntries = async (listId: number) => (await entries().find({ listId }).sort({ index: 1 }).toArray()).map(fromDoc);
  return {
    async allocate({ uid, issuer, listSize, listCapacity }) {
      if (!(listCapacity > 0 && listCapacity <= listSize / 2)) throw new RangeError(`listCapacity must be between 1 and half of listSize (${listSize / 2}), got ${listCapacity}`);
      const existing = await get(uid);
      if (existing) return existing;
      for (let draw = 0; draw < MAX_DRAWS; draw++) {
        const listId = await openList(listCapacity);
        await insertUnique(h, 'status_entries', { _id: lower(uid), uid: lower(uid), issuer: lower(issuer), listId, index: randomInt(listSize) });
        const entry = await get(uid);
        if (entry) return entry;
      }
      throw new Error(`no free status list position for ${uid} after ${MAX_DRAWS} draws`);
    },
    get,
    listEntries,
    async listStanding(listId) {
      const list = await listEntries(listId);
      if (list.length === 0) return [];
      const credentials = new Map(
        (await collection(h, 'credentials').find({ _id: { $in: list.map((e) => lower(e.uid)) } }).toArray()).map((c) => [c._id as string, c]),
      );
      const accounts = [...new Set([...credentials.values()].flatMap((c) => [c.subject as string, c.issuer as string]))];
      const statuses = new Map(
        (await collection(h, 'entities').find({ _id: { $in: accounts } }).toArray()).map((e) => [e._id as string, e.status as EntityStatusName]),
      );
      return list.map((e) => {
        const c = credentials.get(lower(e.uid));
        return {
          ...e,
          anchored: c !== undefined,
          anchoredBlock: c ? BigInt(c.anchoredBlock as bigint) : null,
          revoked: (c?.revoked as boolean | undefined) ?? false,
          holderStatus: c ? statuses.get(c.subject as string) ?? null : null,
          issuerStatus: c ? statuses.get(c.issuer as string) ?? null : null,
        };
      });
    },
  };
}
