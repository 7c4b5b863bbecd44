import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import pg from 'pg';
import { freePort, partBinary, partUnavailable, spawnPart } from '../parts/localPart.js';
import { StorageError } from '../storage/errors.js';

/**
 * Where the FerretDB binary is: `FERRETDB_BIN` when set, else `$IDENTREE_BIN_CACHE/ferretdb`
 * (default `~/.cache/identree/bin`), where tools/parts/install-go-parts.sh builds it from the Go proxy.
 */
export function ferretdbBinary(env: NodeJS.ProcessEnv = process.env): string {
  return partBinary('ferretdb', 'FERRETDB_BIN', env);
}

/** Why FerretDB cannot be started here, or undefined when it can. */
export function ferretdbUnavailable(binary = ferretdbBinary()): string | undefined {
  return partUnavailable('FerretDB', binary, ['--version'], 'tools/parts/install-go-parts.sh --only ferretdb');
}

/** FerretDB could not be started (its PostgreSQL refused, or the process exited before it listened). */
export class FerretDbStartError extends StorageError {
  override name = 'FerretDbStartError';
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Creates `database` on the server at `adminUrl` when it has none by that name; returns its URL. */
export async function ensurePostgresDatabase(adminUrl: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new FerretDbStartError(`Not a plain PostgreSQL database name: "${database}".`);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } catch (error) {
    throw new FerretDbStartError(`PostgreSQL for FerretDB is not usable at ${new URL(adminUrl).host}.`, {
      cause: error,
      details: (error as Error).message,
    });
  } finally {
    await client.end().catch(() => {});
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export type FerretDbNode = { mongoUrl: string; postgresUrl: string; process: ChildProcess; stop(): Promise<void> };
export type StartFerretDbOptions = {
  /** The PostgreSQL database FerretDB keeps its collections in; it must exist (see `ensurePostgresDatabase`). */
  postgresUrl: string;
  binary?: string;
  port?: number;
  /** FerretDB's state directory (a small file with its instance id). */
  stateDir: string;
  log?: (line: string) => void;
  /** Wraps the command line, e.g. so that it dies with its launcher (devchain's `tiedToParent`). */
  wrapCommand?: (command: string, args: readonly string[]) => [string, string[]];
};

/**
 * A FerretDB v1 process (the MongoDB wire protocol over PostgreSQL) on a loopback port, telemetry
 * off. Resolves once it accepts connections.
 *
 * @example
 * const node = await startFerretDb({ postgresUrl: await ensurePostgresDatabase(adminUrl, 'identree_mongo'), stateDir: '.data-mongo' })
 * const storage = await openMongoStorage({ url: node.mongoUrl })
 */
export async function startFerretDb({
  postgresUrl,
  binary = ferretdbBinary(),
  port,
  stateDir,
  log = () => {},
  wrapCommand = (c, a) => [c, [...a]],
}: StartFerretDbOptions): Promise<FerretDbNode> {
  await mkdir(stateDir, { recursive: true });
  const listenPort = port ?? (await freePort());
  const args = [
    '--handler=postgresql',
    `--postgresql-url=${postgresUrl}`,
    `--listen-addr=127.0.0.1:${listenPort}`,
    // Port 0: the debug HTTP handler would otherwise take 8088, which two instances cannot share.
    '--debug-addr=127.0.0.1:0',
    `--state-dir=${stateDir}`,
    '--telemetry=disable',
    '--log-level=WARN',
  ];
  const { process: child, output, stop } = spawnPart(wrapCommand(binary, args), { log });
  const mongoUrl = `mongodb://127.0.0.1:${listenPort}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new FerretDbStartError(`FerretDB exited (${child.exitCode}) before it listened.`, {
        details: output().trim(),
      });
    if (await listening(listenPort)) return { mongoUrl, postgresUrl, process: child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new FerretDbStartError(`FerretDB did not listen on 127.0.0.1:${listenPort} within 30 s.`, {
        details: output().trim(),
      });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
