-- 0009: accesses the service sees itself (issue 19): OpenID Connect releases, which a holder can
-- revoke, and the service-side access log (OIDC token exchanges and userinfo calls, share reads,
-- presentation verdicts). Not chain data: a reorg does not touch these tables.
CREATE TABLE service_access_log (
  id bigserial PRIMARY KEY,
  holder text NOT NULL,
  accessor text NOT NULL,
  accessor_name text,
  channel text NOT NULL,
  uids jsonb NOT NULL,
  attributes jsonb NOT NULL,
  success boolean NOT NULL,
  detail text,
  release_id text,
  at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX service_access_log_holder_idx ON service_access_log (holder, id);
--> statement-breakpoint
CREATE TABLE oidc_releases (
  id text PRIMARY KEY,
  holder text NOT NULL,
  client_id text NOT NULL,
  client_name text NOT NULL,
  verifier text,
  claims jsonb NOT NULL,
  uids jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  expires_at timestamp with time zone NOT NULL,
  revoked_at timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX oidc_releases_holder_idx ON oidc_releases (holder, created_at);
