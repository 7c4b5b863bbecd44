import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LocalAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createRouterTransport } from '@connectrpc/connect';
import { buildApp, createChainWorkerClient, loadConfig } from '@identree/api';
import { connectChain } from '@identree/chain';
import { chainWorkerRoutes, createChainWorker } from '@identree/chain-worker';
import { devAccount, devPrivateKey, startAnvil } from '@identree/devchain';
import { deployRegistryToPoa, gethPath, hasGeth, startPoaNetwork } from '@identree/poa';
import { ensurePostgresDatabase, ferretdbUnavailable, loadSigningKey, openStorage, startFerretDb, type FerretDbNode } from '@identree/store';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why the PostgreSQL run is skipped, or undefined when a server answers. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  admin.on('error', () => {});
  const down = await admin.connect().then(() => undefined, (e: Error) => `PostgreSQL not reachable at ${ADMIN_URL}: ${e.message}`);
  await admin.end().catch(() => {});
  return down;
}

/** Why the FerretDB run is skipped (no binary, or no PostgreSQL under it), or undefined. */
export async function ferretdbBackendUnavailable(): Promise<string | undefined> {
  return ferretdbUnavailable() ?? (await postgresUnavailable());
}

/** Why the geth Clique run is skipped, or undefined when geth is built. */
export function gethUnavailable(): string | undefined {
  return hasGeth() ? undefined : `geth is not at ${gethPath()}: build it with tools/parts/install-go-parts.sh --only geth`;
}

export type WalkthroughBackend = 'pglite' | 'postgres' | 'ferretdb' | 'geth';

/**
 * The whole service as `npm start` runs it (anvil, the chain worker in process, the API), listening
 * on a random loopback port, on PGlite, on a fresh PostgreSQL database, or on MongoDB's protocol (FerretDB over a
 * fresh PostgreSQL database, as `npm run mongo` starts it); a test talks to it over
 * HTTP only. `PUBLIC_URL` is not the listening address on purpose: a client learns the sign-in
 * domain and URI from `POST /auth/nonce`.
 *
 * `geth` swaps the chain (and takes PostgreSQL when one answers, else PGlite): three geth Clique validators sealing a block a
 * second, the registry's paris build deployed from the network's funded key, and the service
 * configured as an operator configures it (RPC_URL, REGISTRY_ADDRESS, SPONSOR_PRIVATE_KEY), not
 * embedded. `root` is the account that deployed the registry: the root government.
 */
export async function startService({ backend }: { backend: WalkthroughBackend }): Promise<{ baseUrl: string; rpcUrl: string; root: LocalAccount; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-walkthrough-'));
  let database: string | undefined;
  let databaseUrl: string | undefined;
  let mongodbUrl: string | undefined;
  let ferretdb: FerretDbNode | undefined;
  if (backend === 'ferretdb') {
    database = `identree_walkthrough_${randomBytes(6).toString('hex')}`;
    ferretdb = await startFerretDb({ postgresUrl: await ensurePostgresDatabase(ADMIN_URL, database), stateDir: path.join(dataDir, 'ferretdb') });
    mongodbUrl = `${ferretdb.mongoUrl.replace(/\/[^/]*$/, '').replace(/\/$/, '')}/identree`;
  }
  // An operator's chain goes with an operator's database: PostgreSQL when one answers, else PGlite.
  const onPostgres = backend === 'postgres' || (backend === 'geth' && !(await postgresUnavailable()));
  if (onPostgres) {
    database = `identree_walkthrough_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  }
  const { rpcUrl, root, operatorEnv, stopChain } = backend === 'geth' ? await startClique() : await startEmbedded();
  const config = loadConfig({
    DATA_DIR: dataDir, PUBLIC_URL: 'http://identree.localhost:8080', ...operatorEnv,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...(mongodbUrl ? { MONGODB_URL: mongodbUrl } : {}),
  });
  const chain = await connectChain({
    rpcUrl: config.rpcUrl ?? rpcUrl, sponsorPrivateKey: config.sponsorPrivateKey ?? devPrivateKey(0), registryAddress: config.registryAddress,
    deploymentDir: dataDir, embedded: !config.rpcUrl,
  });
  const storage = await openStorage({ dataDir, databaseUrl, mongodbUrl });
  const webhookKey = await loadSigningKey({ keyFile: path.join(dataDir, 'webhook-signing-key.jwk.json') });
  const silent = { info() {}, warn() {}, error() {} };
  const worker = createChainWorker({ storage, chain, confirmations: 0, webhookKey, webhookTargets: { allowPrivate: true }, log: silent });
  await worker.start();
  const chainWorker = createChainWorkerClient(createRouterTransport(chainWorkerRoutes(worker)));
  const app = await buildApp({ chain, chainWorker, config, storage, webhookKey }, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await worker.stop();
    await storage.close();
    await chain.stop();
    await stopChain();
    await ferretdb?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (database) {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  };
  return { baseUrl: address, rpcUrl, root, stop };
}

/** anvil, as `npm start` embeds it: the service deploys the registry from the first dev key. */
async function startEmbedded() {
  const anvil = await startAnvil({ accounts: 10 });
  return { rpcUrl: anvil.rpcUrl, root: devAccount(0) as LocalAccount, operatorEnv: {}, stopChain: () => anvil.stop() };
}

/** A geth Clique network with the registry already on it, handed to the service the way an operator would. */
async function startClique() {
  const net = await startPoaNetwork({ validators: 3, periodS: 1 });
  try {
    const { registry } = await deployRegistryToPoa(net);
    return {
      rpcUrl: net.rpcUrls[0]!,
      root: privateKeyToAccount(net.fundedKey) as LocalAccount,
      operatorEnv: { RPC_URL: net.rpcUrls[0]!, REGISTRY_ADDRESS: registry, SPONSOR_PRIVATE_KEY: net.fundedKey },
      stopChain: () => net.stop(),
    };
  } catch (error) {
    await net.stop();
    throw error;
  }
}
