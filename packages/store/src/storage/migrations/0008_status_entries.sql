-- 0008: status list entries (issue 16). Each credential that carries `credentialStatus` gets one
-- position in one status list; its bits are derived from the indexed chain state when the list is
-- served, so nothing here changes on revocation. Positions are drawn at random inside a list, as the
-- W3C Bitstring Status List recommends, so a position says nothing about the order of issuance.
CREATE TABLE status_entries (
  uid text PRIMARY KEY,
  issuer text NOT NULL,
  list_id integer NOT NULL,
  list_index integer NOT NULL,
  allocated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT status_entries_position UNIQUE (list_id, list_index)
);
