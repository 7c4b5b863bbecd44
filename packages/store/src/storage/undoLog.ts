import { sql, type SQL } from 'drizzle-orm';
import { rows, type Database } from './database.js';
import type { EventPosition } from './types.js';

/** The projections a reorg can roll back, with their key columns (the row key joins them with a space). */
const projections = {
  entities: ['account'],
  credentials: ['uid'],
  tree_links: ['holder', 'uid'],
  access_grants: ['holder', 'verifier', 'uid'],
  key_bindings: ['identity'],
  guardians: ['identity', 'guardian'],
  guardian_sets: ['identity'],
  recoveries: ['recovery_id'],
} as const satisfies Record<string, readonly string[]>;

export type Projection = keyof typeof projections;

const matchKey = (projection: Projection, key: (i: number) => SQL) =>
  sql.join(
    projections[projection].map((column, i) => sql`t.${sql.identifier(column)} = ${key(i)}`),
    sql` AND `,
  );

/**
 * Keeps the row's current value (null when it does not exist yet) before event `at` changes it.
 * Call it in the same transaction as the change. A replayed event keeps the first value recorded.
 */
export async function recordUndo(db: Database, projection: Projection, key: readonly string[], at: EventPosition): Promise<void> {
  const table = sql.identifier(projection);
  await db.execute(sql`
    INSERT INTO projection_undo (block_number, tx_hash, log_index, table_name, row_key, previous)
    VALUES (
      ${at.blockNumber.toString()}::bigint, ${at.transactionHash.toLowerCase()}, ${at.logIndex}, ${projection}, ${key.join(' ')},
      (SELECT to_jsonb(t) FROM ${table} t WHERE ${matchKey(projection, (i) => sql`${key[i]}`)})
    )
    ON CONFLICT (table_name, row_key, tx_hash, log_index) DO NOTHING`);
}

/**
 * Puts every projection row changed at or after `fromBlock` back to its value before that block
 * (deleting rows that did not exist then) and drops the undo entries used. Run inside a transaction.
 * Returns how many rows were reverted.
 */
export async function rollbackProjections(db: Database, fromBlock: bigint): Promise<number> {
  let reverted = 0;
  for (const projection of Object.keys(projections) as Projection[]) {
    const table = sql.identifier(projection);
    // The earliest change at or after the block holds the value from before it.
    const earliest = sql`
      SELECT DISTINCT ON (row_key) row_key, previous FROM projection_undo
      WHERE table_name = ${projection} AND block_number >= ${fromBlock.toString()}::bigint
      ORDER BY row_key, id`;
    const removed = await rows(
      db,
      sql`WITH earliest AS (${earliest})
          DELETE FROM ${table} t USING earliest e
          WHERE ${matchKey(projection, (i) => sql`split_part(e.row_key, ' ', ${sql.raw(String(i + 1))})`)}
          RETURNING 1`,
    );
    await db.execute(sql`WITH earliest AS (${earliest})
      INSERT INTO ${table}
      SELECT r.* FROM earliest e, LATERAL jsonb_populate_record(NULL::${table}, e.previous) r
      WHERE e.previous IS NOT NULL`);
    reverted += removed.length;
  }
  await db.execute(sql`DELETE FROM projection_undo WHERE block_number >= ${fromBlock.toString()}::bigint`);
  return reverted;
}
