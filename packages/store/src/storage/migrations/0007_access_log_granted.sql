-- 0007: whether the verifier held a live grant for the credential when it logged an access (issue 23
-- §5). The contract lets any account log an access to any holder's credential, truthfully naming
-- itself; the timeline keeps every entry and says which ones consent covered. Null: logged before
-- this migration, unknown.
ALTER TABLE access_log ADD COLUMN granted boolean;
