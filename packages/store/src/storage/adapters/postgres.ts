import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Connection, Database } from '../database.js';
import { schema } from '../schema.js';

export type PostgresOptions = {
  /** Pool size; PostgreSQL's own default limit is 100 connections for every client together. */
  maxConnections?: number;
  /** An idle pooled connection failed (server restart, network): logged here, replaced on next use. */
  onIdleError?: (error: Error) => void;
};

/** A node-postgres pool on `databaseUrl`. */
export async function connectPostgres(databaseUrl: string, { maxConnections = 10, onIdleError = () => {} }: PostgresOptions = {}): Promise<Connection> {
  // A server that does not answer fails a query within 5 s instead of holding the request forever.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections, connectionTimeoutMillis: 5_000 });
  // Without a listener an idle client's error would be an uncaught 'error' event and end the process.
  pool.on('error', onIdleError);
  return { backend: 'postgres', db: drizzle({ client: pool, schema }) as unknown as Database, close: () => pool.end() };
}
