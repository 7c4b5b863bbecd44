-- 0010: the registration tree (issue 19's government view) reads one level at a time, the
-- entities a set of registrars registered, in registration order.
CREATE INDEX entities_registrar_idx ON entities (registrar, registered_block, log_index);
