-- 0003: consuming presentation nonces in one call that deletes what it wins. Under load the
-- verifier consumes thousands of nonces a second, and on the embedded PGlite each one runs on the
-- HTTP thread. Measured on PGlite over 120,000 live nonces, 35 to 100 per call: the UPDATE sent
-- as a statement cost 25-34 us per nonce; this function 14-17. PL/pgSQL keeps the plan between
-- calls instead of parsing and planning every batch, and a DELETE writes no new row version and
-- no index entries, and leaves nothing behind for a table that PGlite never vacuums. A nonce that
-- is gone is refused exactly as a spent one is. Rows consumed elsewhere (consumed_at set) and
-- expired ones are never won. `expires_at + interval '0 s'` keeps the planner on the primary key
-- rather than the expires_at index (see storageNonces.ts). Of two concurrent calls naming the
-- same nonce, the second waits for the first's row lock and then finds the row gone: one win.
CREATE FUNCTION consume_presentation_nonces(keys text[], audiences text[])
RETURNS TABLE (key text, audience text)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
    DELETE FROM nonces n
    USING unnest(keys, audiences) AS c(k, a)
    WHERE n.key = c.k AND n.audience = c.a AND n.consumed_at IS NULL AND n.expires_at + interval '0 s' > now()
    RETURNING n.key, n.audience;
END
$$;
