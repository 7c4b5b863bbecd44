-- 0006: what each account stored in the blob store (issue 23 §4: a storage budget per identity).
-- A CID is charged to an account once, however often it uploads the same bytes.
CREATE TABLE blob_usage (
  owner text NOT NULL,
  cid text NOT NULL,
  bytes bigint NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, cid)
);
