-- 0013: face template records (issue 21): each holder's envelope (the only wrapped copies of its template's
-- data key), the template's CID and version, and the face model, one row per holder, so every API process
-- reads and replaces the same one. They were files under DATA_DIR/face-templates, which a second machine
-- never saw; the service imports any such files once and then deletes them.
CREATE TABLE face_template_records (
  holder text PRIMARY KEY,
  cid text NOT NULL,
  template_version integer NOT NULL,
  model text NOT NULL,
  envelope jsonb NOT NULL,
  enrolled_at timestamp with time zone NOT NULL
);
