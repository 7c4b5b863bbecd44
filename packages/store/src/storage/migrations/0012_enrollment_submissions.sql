-- 0012: document enrollment's submissions (issue 20) in the database, so a restart keeps every pending
-- enrollment. The submission row holds the verifiers' answers, rewritten under a row lock so concurrent
-- confirmations all land; the fields row by row, with their crops as PNG bytes.
CREATE TABLE enrollment_submissions (
  enrollment text PRIMARY KEY,
  enrollee text NOT NULL,
  template_id text NOT NULL,
  image_hash text NOT NULL,
  fields_root text NOT NULL,
  pending jsonb NOT NULL,
  batches jsonb NOT NULL,
  corrections jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE enrollment_fields (
  enrollment text NOT NULL REFERENCES enrollment_submissions (enrollment) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL,
  crop bytea NOT NULL,
  text text NOT NULL,
  field_hash text NOT NULL,
  text_hash text NOT NULL,
  PRIMARY KEY (enrollment, position)
);
