-- 0001: the identity service's tables. Written by hand to match ../schema.ts; the storage suite
-- checks the two agree. Statements are separated by drizzle's breakpoint marker because PGlite
-- runs one statement per query.
CREATE TABLE entities (
  account text PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL,
  registrar text NOT NULL,
  token_id numeric(78, 0) NOT NULL,
  registered_block bigint NOT NULL,
  tx_hash text NOT NULL,
  log_index integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE credentials (
  uid text PRIMARY KEY,
  issuer text NOT NULL,
  subject text NOT NULL,
  credential_type integer NOT NULL,
  commitment text NOT NULL,
  level text NOT NULL,
  valid_from bigint NOT NULL,
  valid_until bigint NOT NULL,
  revoked boolean NOT NULL DEFAULT false,
  linked boolean NOT NULL DEFAULT false,
  anchored_block bigint NOT NULL,
  anchored_tx_hash text NOT NULL,
  anchored_log_index integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX credentials_subject_idx ON credentials (subject);
--> statement-breakpoint
CREATE TABLE tree_links (
  holder text NOT NULL,
  uid text NOT NULL,
  linked boolean NOT NULL,
  updated_block bigint NOT NULL,
  updated_tx_hash text NOT NULL,
  updated_log_index integer NOT NULL,
  PRIMARY KEY (holder, uid)
);
--> statement-breakpoint
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  action text NOT NULL,
  actor text,
  tx_hash text,
  block_number bigint,
  block_hash text,
  log_index integer,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT audit_log_event_key UNIQUE (tx_hash, log_index)
);
--> statement-breakpoint
CREATE INDEX audit_log_subject_idx ON audit_log (subject, id);
--> statement-breakpoint
CREATE INDEX audit_log_block_idx ON audit_log (block_number);
--> statement-breakpoint
CREATE TABLE indexer_cursor (
  name text PRIMARY KEY,
  block_number bigint NOT NULL,
  block_hash text,
  updated_at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE blocks (
  number bigint PRIMARY KEY,
  hash text NOT NULL
);
--> statement-breakpoint
CREATE TABLE projection_undo (
  id bigserial PRIMARY KEY,
  block_number bigint NOT NULL,
  tx_hash text NOT NULL,
  log_index integer NOT NULL,
  table_name text NOT NULL,
  row_key text NOT NULL,
  previous jsonb,
  CONSTRAINT projection_undo_event_key UNIQUE (table_name, row_key, tx_hash, log_index)
);
--> statement-breakpoint
CREATE INDEX projection_undo_block_idx ON projection_undo (block_number);
--> statement-breakpoint
CREATE TYPE outbox_status AS ENUM ('pending', 'sent', 'confirmed', 'failed');
--> statement-breakpoint
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  idempotency_key text NOT NULL,
  owner text NOT NULL,
  request_hash text NOT NULL,
  status outbox_status NOT NULL DEFAULT 'pending',
  tx_request jsonb NOT NULL,
  tx_hash text,
  nonce bigint,
  response jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT outbox_idempotency_key_key UNIQUE (idempotency_key)
);
--> statement-breakpoint
CREATE INDEX outbox_status_idx ON outbox (status, id);
--> statement-breakpoint
CREATE INDEX outbox_owner_idx ON outbox (owner);
--> statement-breakpoint
CREATE TABLE nonces (
  key text PRIMARY KEY,
  audience text NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  consumed_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX nonces_expires_at_idx ON nonces (expires_at);
