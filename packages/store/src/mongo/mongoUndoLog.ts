import type { Filter } from 'mongodb';
import type { EventPosition } from '../storage/types.js';
import {
  collection,
  deleteMatching,
  insertNext,
  putById,
  remember,
  type Doc,
  type MongoHandle,
} from './mongoHandle.js';

/** The projections a reorg can roll back; each keeps its row key (the key columns joined by a space) as `_id`. */
export const MONGO_PROJECTIONS = [
  'entities',
  'credentials',
  'tree_links',
  'access_grants',
  'key_bindings',
  'guardians',
  'guardian_sets',
  'recoveries',
] as const;
export type MongoProjection = (typeof MONGO_PROJECTIONS)[number];

/**
 * Keeps the document's current value (null when it does not exist yet) before event `at` changes
 * it, in `projection_undo`. A replayed event keeps the first value recorded (the `change` key is unique).
 */
export async function recordUndo(
  h: MongoHandle,
  projection: MongoProjection,
  key: string,
  at: EventPosition,
): Promise<void> {
  const change = `${projection} ${key} ${at.transactionHash.toLowerCase()} ${at.logIndex}`;
  const previous = await collection(h, projection).findOne({ _id: key });
  const held = () => collection(h, 'projection_undo').findOne({ change });
  await insertNext(
    h,
    'projection_undo',
    (id) => ({ _id: id, change, table: projection, rowKey: key, blockNumber: at.blockNumber, previous }),
    held,
  );
}

/**
 * Puts every projection document changed at or after `fromBlock` back to its value before that
 * block (deleting documents that did not exist then) and drops the undo entries used. Returns how
 * many documents were reverted. Run inside `runJournaled`, so a failure halfway is undone.
 */
export async function rollbackProjections(h: MongoHandle, fromBlock: bigint): Promise<number> {
  let reverted = 0;
  const undo = collection(h, 'projection_undo');
  for (const projection of MONGO_PROJECTIONS) {
    const changes = await undo
      .find({ table: projection, blockNumber: { $gte: fromBlock } })
      .sort({ _id: 1 })
      .toArray();
    // The earliest change at or after the block holds the value from before it.
    const earliest = new Map<string, Doc | null>();
    for (const c of changes)
      if (!earliest.has(c.rowKey as string)) earliest.set(c.rowKey as string, (c.previous as Doc | null) ?? null);
    for (const [key, previous] of earliest) {
      if (previous) {
        await putById(h, projection, previous);
      } else {
        await remember(h, projection, [key]);
        await collection(h, projection).deleteOne({ _id: key } as Filter<Doc>);
      }
      reverted++;
    }
  }
  await deleteMatching(h, 'projection_undo', { blockNumber: { $gte: fromBlock } });
  return reverted;
}
