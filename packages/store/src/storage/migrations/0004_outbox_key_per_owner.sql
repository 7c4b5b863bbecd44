-- 0004: an Idempotency-Key is unique per owner, not across the service. With one key space for
-- everyone, a caller who picked a key another caller had used was refused with 409 for good, and
-- learnt that the key existed. Keys that were unique globally are unique per owner too, so the
-- new constraint holds on existing rows. It leads with owner, so it also serves the lookups by
-- owner that outbox_owner_idx was for; that index would only cost writes.
ALTER TABLE outbox DROP CONSTRAINT outbox_idempotency_key_key;
--> statement-breakpoint
ALTER TABLE outbox ADD CONSTRAINT outbox_owner_idempotency_key_key UNIQUE (owner, idempotency_key);
--> statement-breakpoint
DROP INDEX outbox_owner_idx;
