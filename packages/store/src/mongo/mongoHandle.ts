import type { Collection, Db, Document, Filter } from 'mongodb';
import { StorageError } from '../storage/errors.js';

/** A stored document: every collection here is keyed by `_id` (a string key, a sequence number or a block number). */
export type Doc = Document & { _id: MongoId };
export type MongoId = string | number | bigint;

/**
 * The undo journal of one `storage.transaction`: the value each document had before the
 * transaction first wrote it (null: it did not exist), so a failed transaction is put back by
 * writing those values in reverse order. See `mongoTransaction.ts` for what this does and does not promise.
 */
export type Journal = { entries: { collection: string; id: MongoId; previous: Doc | null }[]; seen: Set<string> };

/** What the Mongo repositories take: the database, and the journal when they run inside a transaction. */
export type MongoHandle = { db: Db; journal?: Journal };

export const collection = (h: MongoHandle, name: string): Collection<Doc> => h.db.collection<Doc>(name);

/** Hex is stored lowercase, so `0xAbC…` and `0xabc…` name the same document. */
export const lower = <T extends string>(hex: T): T => hex.toLowerCase() as T;

/** E11000: a unique index (the `_id` one included) refused the write. */
export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: unknown }).code === 11000 || (error as { code?: unknown }).code === 11001);

const journalKey = (name: string, id: MongoId) => `${name}\u0000${typeof id}\u0000${String(id)}`;

/**
 * Inside a transaction, records the current value of each document `ids` names in `name` (null for
 * one that does not exist yet) before it is written; the first value recorded wins. Outside, nothing.
 */
export async function remember(h: MongoHandle, name: string, ids: readonly MongoId[]): Promise<void> {
  const { journal } = h;
  if (!journal) return;
  const fresh = ids.filter((id) => !journal.seen.has(journalKey(name, id)));
  if (fresh.length === 0) return;
  const found = await collection(h, name)
    .find({ _id: { $in: [...fresh] } } as Filter<Doc>)
    .toArray();
  const byKey = new Map(found.map((d) => [journalKey(name, d._id), d]));
  for (const id of fresh) {
    const key = journalKey(name, id);
    if (journal.seen.has(key)) continue;
    journal.seen.add(key);
    journal.entries.push({ collection: name, id, previous: byKey.get(key) ?? null });
  }
}

/** `remember` for every document `filter` matches (deletes by filter); returns their ids. */
export async function rememberMatching(h: MongoHandle, name: string, filter: Filter<Doc>): Promise<MongoId[]> {
  const ids = (
    await collection(h, name)
      .find(filter, { projection: { _id: 1 } })
      .toArray()
  ).map((d) => d._id);
  await remember(h, name, ids);
  return ids;
}

/**
 * Writes `doc` under its `_id`, replacing what was there. Two first writes of one `_id` can race
 * (both upserts insert, one is refused with E11000), so a refused upsert is retried as a replace.
 */
export async function putById(h: MongoHandle, name: string, doc: Doc): Promise<void> {
  await remember(h, name, [doc._id]);
  const c = collection(h, name);
  try {
    await c.replaceOne({ _id: doc._id } as Filter<Doc>, doc, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await c.replaceOne({ _id: doc._id } as Filter<Doc>, doc);
  }
}

/** Inserts `doc`; false when its `_id` or another unique key is already there. */
export async function insertUnique(h: MongoHandle, name: string, doc: Doc): Promise<boolean> {
  await remember(h, name, [doc._id]);
  try {
    await collection(h, name).insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** A sequence-numbered insert kept retrying past this many id collisions means something else is wrong. */
const MAX_ID_ATTEMPTS = 50;

/**
 * Inserts the document `build(id)` under the next sequence number of `name` (the highest `_id` + 1:
 * ids grow in insertion order, like a bigserial). Two inserts that pick the same number collide on
 * `_id` and the loser draws again. When the collection has another unique key, `existing` finds the
 * document that holds it: a collision there returns that document instead of retrying.
 */
export async function insertNext(
  h: MongoHandle,
  name: string,
  build: (id: number) => Doc,
  existing?: () => Promise<Doc | null>,
): Promise<{ doc: Doc; created: boolean }> {
  const c = collection(h, name);
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const [last] = await c
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    const doc = build(Number(last?._id ?? 0) + 1 + attempt);
    await remember(h, name, [doc._id]);
    try {
      await c.insertOne(doc);
      return { doc, created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const held = existing ? await existing() : null;
      if (held) return { doc: held, created: false };
    }
  }
  throw new StorageError(`Could not draw a free id in ${name} after ${MAX_ID_ATTEMPTS} attempts.`);
}

/** Deletes the documents `filter` matches (journaled in a transaction); returns how many went. */
export async function deleteMatching(h: MongoHandle, name: string, filter: Filter<Doc>): Promise<number> {
  if (!h.journal) return (await collection(h, name).deleteMany(filter)).deletedCount;
  const ids = await rememberMatching(h, name, filter);
  if (ids.length === 0) return 0;
  return (await collection(h, name).deleteMany({ _id: { $in: ids } } as Filter<Doc>)).deletedCount;
}
