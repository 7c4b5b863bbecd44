import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * Credential delivery (issue 17): holders' public keys, credentials sealed to them by their issuers,
 * and OpenID for Verifiable Credential Issuance offers. Part of the one schema; created by
 * `0005_credential_deliveries.sql`.
 */

/** A key's secp256k1 public key, recovered from its sign-in signature: what an issuer seals a credential to. */
export const holderPublicKeys = pgTable('holder_public_keys', {
  address: text('address').primaryKey(),
  /** Uncompressed, 0x04-prefixed hex. */
  publicKey: text('public_key').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A credential document sealed to its holder's key: the service stores what it cannot read. */
export const credentialDeliveries = pgTable(
  'credential_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    holder: text('holder').notNull(),
    issuer: text('issuer').notNull(),
    uid: text('uid').notNull(),
    envelope: jsonb('envelope').notNull(),
    /** base64url of the AES-GCM ciphertext. */
    ciphertext: text('ciphertext').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('credential_deliveries_holder_uid_key').on(t.holder, t.uid), index('credential_deliveries_holder_idx').on(t.holder)],
);

/**
 * An OpenID for Verifiable Credential Issuance offer (pre-authorized code flow): the issuer's signed
 * SD-JWT VC, held until the wallet fetches it once, then cleared. Only hashes of the code and of the
 * access token are kept, so a read of the table gives no one the right to fetch.
 */
export const credentialOffers = pgTable(
  'credential_offers',
  {
    codeHash: text('code_hash').primaryKey(),
    issuer: text('issuer').notNull(),
    holder: text('holder').notNull(),
    uid: text('uid').notNull(),
    /** The SD-JWT VC; null once fetched. */
    credential: text('credential'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    redeemed: boolean('redeemed').notNull().default(false),
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('credential_offers_token_idx').on(t.tokenHash)],
);

export const deliverySchema = { holderPublicKeys, credentialDeliveries, credentialOffers };
