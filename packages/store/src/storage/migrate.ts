import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Database } from './database.js';
import { MigrationChecksumError, MigrationFailedError, StorageError } from './errors.js';

export type Migration = { version: number; file: string; statements: string[]; checksum: string };

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** drizzle-kit's separator: PGlite runs one statement per query, so files are split on it. */
const BREAKPOINT = '--> statement-breakpoint';
/** Any fixed number: it only has to differ from the other advisory locks the database sees. */
const MIGRATION_LOCK = 0x1de7_2ee;

const hasCode = (statement: string) => statement.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--'));

/** Reads `NNNN_name.sql` files in version order. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new StorageError(`Migration file ${file} is not named NNNN_name.sql.`);
    const text = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      file,
      statements: text.split(BREAKPOINT).filter(hasCode),
      checksum: createHash('sha256').update(text).digest('hex'),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StorageError(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.file} at position ${i + 1}.`);
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction under an
 * advisory lock, so two service instances starting together apply each file once. Applied files
 * are checked against their recorded checksum: editing one after the fact fails loudly.
 *
 * @example
 * const applied = await migrate(db) // ['0001_init.sql'] the first time, [] after
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const pending = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`));
    await tx.execute(
      sql.raw(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, file text NOT NULL, checksum text NOT NULL, applied_at timestamp with time zone NOT NULL DEFAULT now())',
      ),
    );
    const recorded = new Map(
      (await rows<{ version: number; checksum: string }>(tx, sql`SELECT version, checksum FROM schema_migrations`)).map((r) => [Number(r.version), r.checksum]),
    );
    const applied: string[] = [];
    for (const migration of pending) {
      const checksum = recorded.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new MigrationChecksumError(migration.version, migration.file);
        continue;
      }
      try {
        for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      } catch (error) {
        throw new MigrationFailedError(migration.file, error);
      }
      await tx.execute(sql`INSERT INTO schema_migrations (version, file, checksum) VALUES (${migration.version}, ${migration.file}, ${migration.checksum})`);
      applied.push(migration.file);
    }
    return applied;
  });
}
