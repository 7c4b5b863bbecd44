-- 0011: face login state that every API process shares and that survives a restart (issue 21).
-- A nonce may carry a payload that the one consumer who wins it gets back (a face login's liveness
-- challenge rides on its sign-in nonce), and failed logins are counted per subject, one row each,
-- so concurrent failures add up without a read-then-write.
ALTER TABLE nonces ADD COLUMN payload jsonb;
--> statement-breakpoint
CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  at timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX login_failures_subject_idx ON login_failures (subject, at);
