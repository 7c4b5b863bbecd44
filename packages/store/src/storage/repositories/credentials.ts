import { asc, eq } from 'drizzle-orm';
import type { Address, Hash, Hex } from 'viem';
import { lower, type Database } from '../database.js';
import { credentials } from '../schema.js';
import type { CredentialRecord, CredentialsRepository } from '../types.js';
import { recordUndo } from '../undoLog.js';

type Row = typeof credentials.$inferSelect;

const toRow = (c: CredentialRecord): Row => ({
  uid: lower(c.uid),
  issuer: lower(c.issuer),
  subject: lower(c.subject),
  credentialType: c.credentialType,
  commitment: lower(c.commitment),
  level: c.level,
  validFrom: c.validFrom,
  validUntil: c.validUntil,
  revoked: c.revoked,
  linked: c.linked,
  anchoredBlock: c.anchoredAt.blockNumber,
  anchoredTxHash: lower(c.anchoredAt.transactionHash),
  anchoredLogIndex: c.anchoredAt.logIndex,
});

const fromRow = (r: Row): CredentialRecord => ({
  uid: r.uid as Hash,
  issuer: r.issuer as Address,
  subject: r.subject as Address,
  credentialType: r.credentialType,
  commitment: r.commitment as Hex,
  level: r.level as CredentialRecord['level'],
  validFrom: r.validFrom,
  validUntil: r.validUntil,
  revoked: r.revoked,
  linked: r.linked,
  anchoredAt: { blockNumber: r.anchoredBlock, transactionHash: r.anchoredTxHash as Hash, logIndex: r.anchoredLogIndex },
});

/** Anchored credentials, as the indexer last saw them. */
export function credentialsRepository(db: Database): CredentialsRepository {
  return {
    async upsert(credential, at = credential.anchoredAt) {
      const { uid, ...rest } = toRow(credential);
      await db.transaction(async (tx) => {
        await recordUndo(tx, 'credentials', [uid], at);
        await tx.insert(credentials).values({ uid, ...rest }).onConflictDoUpdate({ target: credentials.uid, set: rest });
      });
    },
    async get(uid) {
      const [row] = await db.select().from(credentials).where(eq(credentials.uid, lower(uid)));
      return row ? fromRow(row) : null;
    },
    async listByHolder(holder) {
      const found = await db
        .select()
        .from(credentials)
        .where(eq(credentials.subject, lower(holder)))
        .orderBy(asc(credentials.anchoredBlock), asc(credentials.anchoredLogIndex));
      return found.map(fromRow);
    },
  };
}
