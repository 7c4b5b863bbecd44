import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Schema } from './schema.js';

/** A Drizzle handle over either driver, or a transaction on one: the repositories take any of them. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** What an adapter hands over: a Drizzle handle on its driver, and how to let the driver go. */
export type Connection = { backend: 'pglite' | 'postgres'; db: Database; close(): Promise<void> };

/** Hex is stored lowercase, so `0xAbC…` and `0xabc…` name the same row. */
export const lower = <T extends string>(hex: T): T => hex.toLowerCase() as T;

/**
 * Runs raw SQL and returns its rows. Only for statements the query builder cannot express;
 * the drivers parse raw values differently (int8 is a string on node-postgres), so callers cast.
 */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
