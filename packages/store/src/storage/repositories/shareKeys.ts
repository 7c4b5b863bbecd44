import { and, eq } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { lower, type Database } from '../database.js';
import { shareKeys } from '../schemaHolders.js';
import type { ShareKeyRecord, ShareKeysRepository } from '../holderTypes.js';
import type { Json } from '../types.js';

type Row = typeof shareKeys.$inferSelect;

const fromRow = (r: Row): ShareKeyRecord => ({
  holder: r.holder as Address,
  verifier: r.verifier as Address,
  uid: r.uid as Hash,
  cid: r.cid,
  envelope: r.envelope as Json,
  createdAt: r.createdAt,
});

/** Verifiers' wrapped keys for holders' encrypted shares; deleting one is revoking that share. */
export function shareKeysRepository(db: Database): ShareKeysRepository {
  const key = (holder: Address, verifier: Address, uid: Hash) =>
    and(eq(shareKeys.holder, lower(holder)), eq(shareKeys.verifier, lower(verifier)), eq(shareKeys.uid, lower(uid)));
  return {
    async put(share) {
      const values = { cid: share.cid, envelope: share.envelope, createdAt: new Date() };
      await db
        .insert(shareKeys)
        .values({ holder: lower(share.holder), verifier: lower(share.verifier), uid: lower(share.uid), ...values })
        .onConflictDoUpdate({ target: [shareKeys.holder, shareKeys.verifier, shareKeys.uid], set: values });
    },
    async get(holder, verifier, uid) {
      const [row] = await db.select().from(shareKeys).where(key(holder, verifier, uid));
      return row ? fromRow(row) : null;
    },
    async remove(holder, verifier, uid) {
      return (await db.delete(shareKeys).where(key(holder, verifier, uid)).returning({ uid: shareKeys.uid })).length > 0;
    },
  };
}
