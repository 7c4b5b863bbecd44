-- 0005: credential delivery (issue 17). Holders' public keys (recovered from their sign-in
-- signatures), credentials sealed to them by their issuers, and OID4VCI pre-authorized code offers
-- (the issuer's SD-JWT VC until fetched once; only hashes of the code and of the access token).
CREATE TABLE holder_public_keys (
  address text PRIMARY KEY,
  public_key text NOT NULL,
  updated_at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE credential_deliveries (
  id bigserial PRIMARY KEY,
  holder text NOT NULL,
  issuer text NOT NULL,
  uid text NOT NULL,
  envelope jsonb NOT NULL,
  ciphertext text NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT credential_deliveries_holder_uid_key UNIQUE (holder, uid)
);
--> statement-breakpoint
CREATE INDEX credential_deliveries_holder_idx ON credential_deliveries (holder);
--> statement-breakpoint
CREATE TABLE credential_offers (
  code_hash text PRIMARY KEY,
  issuer text NOT NULL,
  holder text NOT NULL,
  uid text NOT NULL,
  credential text,
  expires_at timestamp with time zone NOT NULL,
  redeemed boolean NOT NULL DEFAULT false,
  token_hash text,
  token_expires_at timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX credential_offers_token_idx ON credential_offers (token_hash);
