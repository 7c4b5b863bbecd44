// Boots the API alone, talking gRPC to a chain worker (the split arrangement). `npm start` runs
// everything in one process instead (services/stack). Everything else is in app.ts.
import { availableParallelism } from 'node:os';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { connectRegistry } from '@identree/chain';
import { openStorage } from '@identree/store';
import { buildApp } from './app.js';
import { createChainWorkerClient } from './chainWorker/chainWorkerClient.js';
import { writesGateway } from './chainWorker/writesGateway.js';
import { relayedFaceDependencies } from './face/faceDependencies.js';
import { relayedEnrollmentDependencies } from './enrollment/enrollmentDependencies.js';
import { ConfigError, loadConfig } from './config.js';
import { listenOrExplain } from './listen.js';

const config = loadConfig();
const workerUrl = config.chainWorkerUrl;
if (!workerUrl) throw new ConfigError('CHAIN_WORKER_URL: the chain worker\'s gRPC address (http://host:port) is required when the API runs alone');
if (!config.rpcUrl) throw new ConfigError('RPC_URL: the API reads the chain directly; set the node the chain worker writes to');
if (!config.databaseUrl && !config.mongodbUrl) throw new ConfigError('DATABASE_URL: the API and the chain worker share one database when they run apart (PostgreSQL, or MongoDB with MONGODB_URL)');
const threadsVar = process.env.VERIFY_THREADS;
if (threadsVar !== undefined && threadsVar !== '' && !/^[0-9]{1,2}$/.test(threadsVar)) throw new ConfigError(`VERIFY_THREADS: expected 0–99, got "${threadsVar}"`);
const verifyThreads = threadsVar ? Number(threadsVar) : availableParallelism();

const chainWorker = createChainWorkerClient(createGrpcTransport({ baseUrl: workerUrl }));
// The worker owns the deployment and the sponsor key; the API reads what it writes to.
const deployment = await chainWorker.health.describe({}, { timeoutMs: 10_000 }).catch((error: Error) => {
  throw new ConfigError(`CHAIN_WORKER_URL: the chain worker at ${workerUrl} did not answer (${error.message})`);
});
const chain = await connectRegistry({
  rpcUrl: config.rpcUrl,
  chainId: Number(deployment.chainId),
  registry: deployment.registry as `0x${string}`,
  holderRegistry: deployment.holderRegistry as `0x${string}`,
  fromBlock: deployment.fromBlock,
  sponsorAddress: deployment.sponsor as `0x${string}`,
});
const storage = await openStorage({ databaseUrl: config.databaseUrl, mongodbUrl: config.mongodbUrl });
// Face templates (issue 21): the worker deployed their registry and relays the holders' messages from its
// outbox, as every other sponsored write here. A worker that names none leaves the face routes at 503.
const face = deployment.faceTemplateRegistry
  ? await relayedFaceDependencies({ chain, writes: writesGateway(chainWorker), faceTemplateRegistry: deployment.faceTemplateRegistry as `0x${string}`, config, storage })
  : undefined;
// Document enrollment (issue 20): on when the worker names its registry (DOCUMENT_ENROLLMENT=1 there). The
// sponsor is the identity provider, as in `npm start`; its batches and attestations go through the outbox.
const documents = deployment.enrollmentRegistry
  ? relayedEnrollmentDependencies({ chain, writes: writesGateway(chainWorker), enrollmentRegistry: deployment.enrollmentRegistry as `0x${string}`, store: storage.enrollmentSubmissions })
  : undefined;
const app = await buildApp({ chain, chainWorker, config, storage, verifyThreads, face, enrollment: documents?.enrollment }, { logger: { level: process.env.LOG_LEVEL ?? 'info' } });
await listenOrExplain(app, config, async () => {
  await documents?.close();
  await storage.close();
});
console.log(`Identree API on ${config.publicUrl} (chain worker ${workerUrl}, chain ${chain.chainId}, registry ${chain.registry}${documents ? `, enrollment registry ${deployment.enrollmentRegistry}` : ''})`);

const shutdown = async () => {
  await app.close();
  await documents?.close();
  await storage.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
