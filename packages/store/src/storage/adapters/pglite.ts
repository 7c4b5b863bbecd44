import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Connection, Database } from '../database.js';
import { schema } from '../schema.js';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) with its files in `dataDir/pg`, or in memory when no
 * `dataDir` is given. One connection: PGlite runs queries one at a time and a transaction holds it
 * exclusively, which is what makes the embedded default safe without a server.
 */
export async function connectPglite(dataDir?: string): Promise<Connection> {
  let client: PGlite;
  if (dataDir) {
    const dir = path.join(dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    client = await PGlite.create(dir);
  } else {
    client = await PGlite.create();
  }
  return { backend: 'pglite', db: drizzle({ client, schema }) as unknown as Database, close: () => client.close() };
}
