import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Address, Hash, Hex } from 'viem';
import { lower, rows, type Database } from '../database.js';
import { credentialDeliveries, credentialOffers, holderPublicKeys } from '../schemaDeliveries.js';
import type { CredentialDeliveriesRepository, CredentialDeliveryRecord, CredentialOffersRepository, HolderPublicKeysRepository } from '../deliveryTypes.js';
import type { Json } from '../types.js';

type Row = typeof credentialDeliveries.$inferSelect;
const fromRow = (r: Row): CredentialDeliveryRecord => ({
  id: r.id, holder: r.holder as Address, issuer: r.issuer as Address, uid: r.uid as Hash, envelope: r.envelope as Json, ciphertext: r.ciphertext, createdAt: r.createdAt,
});

/** Public keys recovered from sign-in signatures. */
export function holderPublicKeysRepository(db: Database): HolderPublicKeysRepository {
  return {
    async put(address, publicKey) {
      const values = { publicKey: lower(publicKey), updatedAt: new Date() };
      await db.insert(holderPublicKeys).values({ address: lower(address), ...values }).onConflictDoUpdate({ target: holderPublicKeys.address, set: values });
    },
    async get(address) {
      const [row] = await db.select().from(holderPublicKeys).where(eq(holderPublicKeys.address, lower(address)));
      return row ? (row.publicKey as Hex) : null;
    },
  };
}

/** Credentials sealed to their holders. */
export function credentialDeliveriesRepository(db: Database): CredentialDeliveriesRepository {
  return {
    async put(d) {
      const values = { issuer: lower(d.issuer), envelope: d.envelope, ciphertext: d.ciphertext, createdAt: new Date() };
      const [row] = await db
        .insert(credentialDeliveries)
        .values({ holder: lower(d.holder), uid: lower(d.uid), ...values })
        .onConflictDoUpdate({ target: [credentialDeliveries.holder, credentialDeliveries.uid], set: values })
        .returning();
      return fromRow(row!);
    },
    async listByHolder(holder) {
      return (await db.select().from(credentialDeliveries).where(eq(credentialDeliveries.holder, lower(holder))).orderBy(desc(credentialDeliveries.id))).map(fromRow);
    },
    async get(id) {
      const [row] = await db.select().from(credentialDeliveries).where(eq(credentialDeliveries.id, id));
      return row ? fromRow(row) : null;
    },
  };
}

/** OID4VCI pre-authorized code offers, by hash. */
export function credentialOffersRepository(db: Database): CredentialOffersRepository {
  return {
    async create({ codeHash, issuer, holder, uid, credential, expiresAt }) {
      await db.insert(credentialOffers).values({ codeHash: lower(codeHash), issuer: lower(issuer), holder: lower(holder), uid: lower(uid), credential, expiresAt });
    },
    async redeem(codeHash, { tokenHash, tokenExpiresAt, now }) {
      const [row] = await db
        .update(credentialOffers)
        .set({ redeemed: true, tokenHash: lower(tokenHash), tokenExpiresAt })
        .where(and(eq(credentialOffers.codeHash, lower(codeHash)), eq(credentialOffers.redeemed, false), gt(credentialOffers.expiresAt, now)))
        .returning();
      return row ? { issuer: row.issuer as Address, holder: row.holder as Address, uid: row.uid as Hash, expiresAt: row.expiresAt, credential: row.credential } : null;
    },
    async takeCredential(tokenHash, now) {
      // Returns the row as it was (the self-join reads the statement's snapshot) while clearing it; a
      // second fetch with the token waits on the row lock, then finds the credential gone.
      const [row] = await rows<{ credential: string }>(db, sql`
        UPDATE credential_offers o SET credential = NULL
        FROM credential_offers prev
        WHERE prev.code_hash = o.code_hash AND o.token_hash = ${lower(tokenHash)} AND o.token_expires_at > ${now.toISOString()} AND o.credential IS NOT NULL
        RETURNING prev.credential`);
      return row?.credential ?? null;
    },
  };
}
