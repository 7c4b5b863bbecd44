// `npm run start:split`: the same services as separate processes talking gRPC over loopback, on
// PostgreSQL: the chain (anvil, unless RPC_URL names a node), the chain worker, and the API. A
// process that dies is started again, as a process manager would, so each can be killed alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AnvilPortInUseError, tiedToParent } from '@identree/devchain';
import { chainPortFromEnv } from './chainPort.js';
import { startEmbeddedChain } from './embeddedChain.js';

// `npm start` runs this in the workspace's folder; relative paths a user gives (DATA_DIR,
// OIDC_CLIENTS) and the default `.data` mean the folder the user ran npm in.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const env = process.env;
let stopping = false;
const dataDir = path.resolve(env.DATA_DIR ?? '.data-split');
// MONGODB_URL (e.g. `npm run mongo`'s FerretDB) replaces PostgreSQL for both processes: the parts
// inherit it from this environment, and DATABASE_URL goes empty, which their configs read as unset.
const mongodbUrl = env.MONGODB_URL || undefined;
const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/identree';
const partDatabaseUrl = mongodbUrl ? '' : databaseUrl;
const port = env.PORT ?? '8080';
const grpcPort = env.GRPC_PORT ?? '8081';
if (env.RPC_URL && !env.SPONSOR_PRIVATE_KEY) {
  console.error('SPONSOR_PRIVATE_KEY: required with RPC_URL (the key that deploys the registry and pays for relayed holder writes)');
  process.exit(1);
}

/** Creates the database named in DATABASE_URL when the server has none by that name. */
async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1)) || 'postgres';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (error) {
    console.error(`DATABASE_URL: PostgreSQL at ${target.host} did not answer (${(error as Error).message}); start it first (bash tools/postgres.sh starts a local one)`);
    process.exit(1);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

type Part = { name: string; script: string; nodeFlags?: string[]; env: Record<string, string>; ready: RegExp; child?: ChildProcess; banner?: string };

/** Starts a part and resolves once it printed its banner; restarts it whenever it dies. */
function run(part: Part): Promise<void> {
  return new Promise((resolve, reject) => {
    // Each part dies with the launcher, whatever kills it (see tiedToParent): a supervisor killed alone leaves no part behind.
    const child = spawn(...tiedToParent(process.execPath, [...(part.nodeFlags ?? []), '--import', 'tsx', part.script]), { env: { ...env, ...part.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    part.child = child;
    let started = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (!started && part.ready.test(String(chunk))) {
        started = true;
        part.banner = String(chunk);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (!started) return reject(new Error(`${part.name} exited (${signal ?? code}) before it started`));
      console.error(`${part.name} exited (${signal ?? code}); starting it again`);
      setTimeout(() => void run(part).catch((error) => console.error(String(error))), 500);
    });
  });
}

await mkdir(dataDir, { recursive: true });
if (!mongodbUrl) await ensureDatabase(databaseUrl);
let chain = env.RPC_URL
  ? undefined
  : await startEmbeddedChain(dataDir, { port: chainPortFromEnv(env.CHAIN_PORT) }).catch((error: unknown) => {
      if (!(error instanceof AnvilPortInUseError)) throw error;
      console.error(`the embedded chain's port ${error.message} (CHAIN_PORT); stop what listens there or choose another port`);
      process.exit(1);
    });
const rpcUrl = env.RPC_URL ?? chain!.rpcUrl;
const sponsorPrivateKey = env.SPONSOR_PRIVATE_KEY ?? chain!.sponsorPrivateKey;
/** The embedded chain is a part like the others: started again, on the same port and state file, when it dies. */
const superviseChain = (running: NonNullable<typeof chain>) =>
  void running.exited.then(async () => {
    if (stopping) return;
    console.error('chain (anvil) exited; starting it again from its last dump');
    await new Promise((r) => setTimeout(r, 500));
    chain = await startEmbeddedChain(dataDir, { port: running.port });
    superviseChain(chain);
  });
if (chain) superviseChain(chain);
const here = path.dirname(fileURLToPath(import.meta.url));
const worker: Part = {
  name: 'chain worker',
  script: path.join(here, '../../chain-worker/src/server.ts'),
  // TOKEN_METADATA_URL: the API's public URL, which the worker names in tokenURI when it deploys.
  env: { RPC_URL: rpcUrl, SPONSOR_PRIVATE_KEY: sponsorPrivateKey, DATABASE_URL: partDatabaseUrl, DATA_DIR: dataDir, GRPC_PORT: grpcPort, WEBHOOK_ALLOW_PRIVATE: env.WEBHOOK_ALLOW_PRIVATE ?? 'true', TOKEN_METADATA_URL: `${env.PUBLIC_URL ?? `http://127.0.0.1:${port}`}/tokens/` },
  ready: /Identree chain worker on/,
};
const api: Part = {
  name: 'API',
  script: path.join(here, '../../api/src/server.ts'),
  // As the API package's start script runs it (see the README: a larger young generation, no memory
  // reducer), plus API_NODE_FLAGS (the benchmark passes its own).
  nodeFlags: ['--max-semi-space-size=64', '--no-memory-reducer', ...(env.API_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])],
  env: { RPC_URL: rpcUrl, DATABASE_URL: partDatabaseUrl, DATA_DIR: dataDir, PORT: port, CHAIN_WORKER_URL: `http://127.0.0.1:${grpcPort}` },
  ready: /Identree API on/,
};
const stop = async () => {
  stopping = true;
  for (const part of [api, worker]) part.child?.kill('SIGTERM');
  await chain?.stop();
};
try {
  await run(worker);
  await run(api);
} catch (error) {
  console.error(String((error as Error).message));
  await stop();
  process.exit(1);
}
// DOCUMENT_ENROLLMENT reaches both parts with this environment; the worker names the registry it deployed.
const enrollmentRegistry = /enrollment registry (0x[0-9a-fA-F]{40})/.exec(worker.banner ?? '')?.[1];
console.log([
  '',
  'Identree, split: each part its own process, talking gRPC over loopback, on PostgreSQL',
  `  API            http://${env.HOST ?? '127.0.0.1'}:${port}   (docs at /docs)`,
  `  chain worker   http://127.0.0.1:${grpcPort}   (gRPC over HTTP/2; GET /health)`,
  `  chain          ${chain ? `embedded anvil at ${rpcUrl}` : rpcUrl}`,
  mongodbUrl ? `  database       MongoDB at ${new URL(mongodbUrl).host}` : `  database       ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`,
  `  enrollment     ${enrollmentRegistry ? `${enrollmentRegistry} (document enrollment registry, DOCUMENT_ENROLLMENT=1; the sponsor attests through the chain worker)` : 'off (DOCUMENT_ENROLLMENT=1 turns it on)'}`,
  `  data directory ${dataDir}`,
].join('\n'));
const shutdown = async () => {
  await stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
