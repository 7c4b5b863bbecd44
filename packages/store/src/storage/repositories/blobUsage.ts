import { and, eq, sum } from 'drizzle-orm';
import type { Address } from 'viem';
import { lower, type Database } from '../database.js';
import { blobUsage } from '../schemaBlobUsage.js';

/** What each account has put in the blob store, for its storage budget. */
export type BlobUsageRepository = {
  /** Charges `bytes` for `cid` to `owner`; false (and no charge) when that CID is already charged to it. */
  record(owner: Address, cid: string, bytes: number): Promise<boolean>;
  /** Bytes charged to `owner` so far. */
  totalFor(owner: Address): Promise<number>;
  /** The accounts charged for `cid`: everyone who stored those bytes. */
  owners(cid: string): Promise<Address[]>;
  /** Drops `owner`'s charge for `cid`; false when it had none. */
  release(owner: Address, cid: string): Promise<boolean>;
};

export function blobUsageRepository(db: Database): BlobUsageRepository {
  return {
    async record(owner, cid, bytes) {
      const inserted = await db.insert(blobUsage).values({ owner: lower(owner), cid, bytes }).onConflictDoNothing().returning({ cid: blobUsage.cid });
      return inserted.length > 0;
    },
    async totalFor(owner) {
      const [row] = await db.select({ total: sum(blobUsage.bytes) }).from(blobUsage).where(eq(blobUsage.owner, lower(owner)));
      return Number(row?.total ?? 0);
    },
    async owners(cid) {
      const rows = await db.select({ owner: blobUsage.owner }).from(blobUsage).where(eq(blobUsage.cid, cid));
      return rows.map((r) => r.owner as Address);
    },
    async release(owner, cid) {
      const gone = await db.delete(blobUsage).where(and(eq(blobUsage.owner, lower(owner)), eq(blobUsage.cid, cid))).returning({ cid: blobUsage.cid });
      return gone.length > 0;
    },
  };
}
