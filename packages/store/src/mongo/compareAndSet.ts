import type { Filter } from 'mongodb';
import { collection, insertUnique, isDuplicateKey, remember, type Doc, type MongoHandle } from './mongoHandle.js';

/** A claim whose writer has not moved the document on within this long is taken to be abandoned (its process died). */
export const ABANDONED_CLAIM_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Changes the first document `filter` matches to `change(doc)`, exactly once however many callers
 * race: the conditional UPDATE … RETURNING of the SQL adapters. Returns the document as written,
 * or null when none matches (any more).
 *
 * Why not `findOneAndUpdate`: FerretDB v1 runs it as a read and then a write, so of 20 concurrent
 * `{ status: 'pending' } -> 'sent'` updates several "win", and 20 concurrent `$inc`s add 4 (measured
 * on v1.24.2). What it does do atomically is refuse a second insert of one `_id`. So each document
 * carries a revision `rev`; the caller that inserts the claim `<collection>:<_id>:<rev>` into
 * `claims` is the one that may write revision `rev + 1`, and a loser reads the document again and
 * re-checks `filter`. On MongoDB proper this costs one insert more than `findOneAndUpdate`.
 *
 * A writer that dies between its claim and its write leaves the document at `rev`; after
 * `ABANDONED_CLAIM_MS` the claim is deleted (a delete has one winner) and the change retried.
 */
export async function compareAndSet(
  h: MongoHandle,
  name: string,
  filter: Filter<Doc>,
  change: (doc: Doc) => Record<string, unknown>,
): Promise<Doc | null> {
  const c = collection(h, name);
  const claims = collection(h, 'claims');
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    const doc = await c.findOne(filter);
    if (!doc) return null;
    const rev = Number(doc.rev ?? 0);
    const claimId = `${name}:${String(doc._id)}:${rev}`;
    if (!(await insertUnique(h, 'claims', { _id: claimId, at: new Date() }))) {
      const claim = await claims.findOne({ _id: claimId });
      if (claim && Date.now() - (claim.at as Date).getTime() > ABANDONED_CLAIM_MS) {
        const current = await c.findOne({ _id: doc._id } as Filter<Doc>);
        if (Number(current?.rev ?? 0) === rev) await claims.deleteOne({ _id: claimId, at: claim.at });
      }
      await sleep(wait);
      continue;
    }
    const next = { ...change(doc), rev: rev + 1 };
    await remember(h, name, [doc._id]);
    try {
      await c.updateOne({ _id: doc._id } as Filter<Doc>, { $set: next });
    } catch (error) {
      // The change broke another unique key: nothing was written, so the claim is given back.
      if (isDuplicateKey(error)) await claims.deleteOne({ _id: claimId });
      throw error;
    }
    return { ...doc, ...next };
  }
}
