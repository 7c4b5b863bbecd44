-- 0002: the holder registry's read model (consent, key bindings, guardian recovery), encrypted
-- shares and webhooks. Written by hand to match ../schema.ts; the storage suite checks the two agree.
CREATE TABLE access_grants (
  holder text NOT NULL,
  verifier text NOT NULL,
  uid text NOT NULL,
  expires_at bigint NOT NULL,
  revoked boolean NOT NULL DEFAULT false,
  attributes text NOT NULL,
  updated_block bigint NOT NULL,
  updated_tx_hash text NOT NULL,
  updated_log_index integer NOT NULL,
  PRIMARY KEY (holder, verifier, uid)
);
--> statement-breakpoint
CREATE INDEX access_grants_verifier_idx ON access_grants (verifier);
--> statement-breakpoint
CREATE INDEX access_grants_uid_idx ON access_grants (uid);
--> statement-breakpoint
CREATE TABLE access_log (
  id bigserial PRIMARY KEY,
  holder text NOT NULL,
  verifier text NOT NULL,
  uid text NOT NULL,
  attributes text NOT NULL,
  success boolean NOT NULL,
  block_number bigint NOT NULL,
  block_hash text NOT NULL,
  block_time bigint,
  tx_hash text NOT NULL,
  log_index integer NOT NULL,
  CONSTRAINT access_log_event_key UNIQUE (tx_hash, log_index)
);
--> statement-breakpoint
CREATE INDEX access_log_holder_idx ON access_log (holder, block_number, log_index);
--> statement-breakpoint
CREATE INDEX access_log_block_idx ON access_log (block_number);
--> statement-breakpoint
CREATE TABLE key_bindings (
  identity text PRIMARY KEY,
  key text NOT NULL,
  how text NOT NULL,
  updated_block bigint NOT NULL,
  updated_tx_hash text NOT NULL,
  updated_log_index integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX key_bindings_key_idx ON key_bindings (key);
--> statement-breakpoint
CREATE TABLE guardians (
  identity text NOT NULL,
  guardian text NOT NULL,
  updated_block bigint NOT NULL,
  updated_tx_hash text NOT NULL,
  updated_log_index integer NOT NULL,
  PRIMARY KEY (identity, guardian)
);
--> statement-breakpoint
CREATE TABLE guardian_sets (
  identity text PRIMARY KEY,
  threshold integer NOT NULL,
  nonce bigint NOT NULL,
  updated_block bigint NOT NULL,
  updated_tx_hash text NOT NULL,
  updated_log_index integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE recoveries (
  recovery_id text PRIMARY KEY,
  identity text NOT NULL,
  new_key text NOT NULL,
  approvals jsonb NOT NULL DEFAULT '[]'::jsonb,
  ready_at bigint NOT NULL,
  status text NOT NULL,
  updated_block bigint NOT NULL,
  updated_tx_hash text NOT NULL,
  updated_log_index integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX recoveries_identity_idx ON recoveries (identity);
--> statement-breakpoint
CREATE TABLE share_keys (
  holder text NOT NULL,
  verifier text NOT NULL,
  uid text NOT NULL,
  cid text NOT NULL,
  envelope jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY (holder, verifier, uid)
);
--> statement-breakpoint
CREATE TABLE webhook_subscriptions (
  id bigserial PRIMARY KEY,
  owner text NOT NULL,
  url text NOT NULL,
  events jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT webhook_subscriptions_owner_url_key UNIQUE (owner, url)
);
--> statement-breakpoint
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  delivery_id text NOT NULL,
  subscription_id bigint NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamp with time zone NOT NULL DEFAULT now(),
  last_error text,
  block_number bigint,
  tx_hash text,
  log_index integer,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  delivered_at timestamp with time zone,
  CONSTRAINT webhook_deliveries_delivery_id_key UNIQUE (delivery_id),
  CONSTRAINT webhook_deliveries_event_key UNIQUE (subscription_id, event, tx_hash, log_index)
);
--> statement-breakpoint
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
--> statement-breakpoint
CREATE INDEX webhook_deliveries_block_idx ON webhook_deliveries (block_number);
