import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LocalAccount } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { createRouterTransport } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { connectChain, ensureEnrollmentRegistry, ensureFaceTemplateRegistry, type ChainPort } from '@identree/chain';
import { memorySubmissionStore, sdkEnrollmentChain } from '@identree/enrollment';
import { chainWorkerRoutes, createChainWorker, listenChainWorker, type WebhookDispatcherOptions } from '@identree/chain-worker';
import { devPrivateKey, startAnvil } from '@identree/devchain';
import { loadSigningKey, openStorage, type Storage } from '@identree/store';
import { buildApp, type AppDependencies } from '../app.js';
import { relayedFaceDependencies } from '../face/faceDependencies.js';
import { writesGateway } from '../chainWorker/writesGateway.js';
import { createChainWorkerClient } from '../chainWorker/chainWorkerClient.js';
import { loadConfig, type ServiceConfig } from '../config.js';

/**
 * How the API reaches the chain worker in this test run: Connect's in-process transport (as
 * `npm start` runs), or gRPC over HTTP/2 on loopback (as `npm run start:split` runs). `npm test`
 * runs the API suite once with each: same assertions, two transports.
 */
export const TEST_TRANSPORT = process.env.IDENTREE_TEST_TRANSPORT === 'grpc' ? 'grpc' : 'in-process';

export type ServiceFixtureOptions = {
  webhooks?: WebhookDispatcherOptions;
  /** More of the app's dependencies (verification threads, a nonce store). */
  app?: Partial<AppDependencies>;
  /**
   * Document enrollment as `npm start` mounts it with DOCUMENT_ENROLLMENT=1 (its registry deployed, the
   * chain worker relaying to it, the sponsor as identity provider), without OCR: an upload is refused.
   */
  enrollment?: boolean;
};

/** The whole service on a fresh data directory: anvil, PGlite, the chain worker, the app mounted for `inject`; `env` as the service would read it. */
export async function serviceFixture(env: Record<string, string> = {}, options: ServiceFixtureOptions = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-svc-'));
  const config: ServiceConfig = loadConfig({ ...env, DATA_DIR: dataDir });
  const anvil = config.rpcUrl ? undefined : await startAnvil({ accounts: 10 });
  const chain: ChainPort = await connectChain({
    rpcUrl: config.rpcUrl ?? anvil!.rpcUrl,
    sponsorPrivateKey: config.sponsorPrivateKey ?? devPrivateKey(0),
    registryAddress: config.registryAddress,
    deploymentDir: dataDir,
    embedded: anvil !== undefined,
    onStop: async () => anvil?.stop(),
  });
  const storage: Storage = await openStorage({ dataDir });
  const webhookKey = await loadSigningKey({ keyFile: path.join(dataDir, 'webhook-signing-key.jwk.json') });
  const faceTemplateRegistry = await ensureFaceTemplateRegistry({ chain, deploymentDir: dataDir });
  const enrollmentRegistry = options.enrollment ? await ensureEnrollmentRegistry({ chain, deploymentDir: dataDir }) : undefined;
  const sponsor = chain.sponsor as Parameters<typeof sdkEnrollmentChain>[0];
  const enrollment: AppDependencies['enrollment'] = enrollmentRegistry && {
    chain: sdkEnrollmentChain(sponsor, enrollmentRegistry, chain.chainId),
    store: memorySubmissionStore(),
    read: async () => { throw new Error('this fixture reads no documents'); },
    provider: { address: sponsor.account!.address, client: sponsor },
  };
  const worker = createChainWorker({ faceTemplateRegistry, enrollmentRegistry, storage, chain, confirmations: config.confirmations, webhookKey, webhookTargets: { allowPrivate: config.webhookAllowPrivate }, webhooks: options.webhooks, log: quiet, writeExpiryMs: config.writeExpirySeconds * 1000, webhookDeliveriesPerEvent: config.webhookDeliveriesPerEvent });
  await worker.start();
  const server = TEST_TRANSPORT === 'grpc' ? await listenChainWorker(worker) : undefined;
  const transport = server ? createGrpcTransport({ baseUrl: server.url }) : createRouterTransport(chainWorkerRoutes(worker));
  const chainWorker = createChainWorkerClient(transport);
  const apps: FastifyInstance[] = [];
  /** Another app over the same chain, storage and chain worker, e.g. with other verification threads. */
  // Face templates as `npm start` mounts them (their registry deployed once per data directory), so route
  // sweeps such as the 5xx fuzz reach the face routes' own checks rather than a 503.
  // As both arrangements run them: writes through the chain worker's outbox, over this run's transport.
  const face = options.app?.face ?? (await relayedFaceDependencies({ chain, writes: writesGateway(chainWorker), faceTemplateRegistry, config, storage }));
  const mount = async (extra: Partial<AppDependencies> = {}) => {
    const mounted = await buildApp({ chain, chainWorker, config, storage, webhookKey, face, enrollment, ...options.app, ...extra });
    apps.push(mounted);
    return mounted;
  };
  const app = await mount();

  /** Signs in as `account` and returns its bearer token. */
  const login = async (account: LocalAccount): Promise<string> => {
    const { nonce } = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    const url = new URL(config.publicUrl);
    const message = createSiweMessage({ domain: url.host, uri: url.origin, address: account.address, chainId: chain.chainId, nonce, version: '1', issuedAt: new Date() });
    const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature: await account.signMessage({ message }) } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    return res.json().accessToken;
  };

  const stop = async () => {
    for (const mounted of apps) await mounted.close();
    await server?.close();
    await worker.stop();
    await storage.close();
    await chain.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { dataDir, config, chain, storage, worker, chainWorker, faceTemplateRegistry, enrollmentRegistry, app, mount, login, stop };
}
export type ServiceFixture = Awaited<ReturnType<typeof serviceFixture>>;

const quiet = { info() {}, warn() {}, error() {} };
