// `npm start`: the whole stack in one process on its embedded default (anvil, PGlite, the local
// blob store), the API talking to the chain worker through Connect's in-process transport: the
// same generated clients and routes as over gRPC, and no socket between the parts.
import { availableParallelism } from 'node:os';
import { createRouterTransport } from '@connectrpc/connect';
import { buildApp, ConfigError, createChainWorkerClient, loadConfig, relayedEnrollmentDependencies, relayedFaceDependencies, writesGateway } from '@identree/api';
import { connectChain, ensureEnrollmentRegistry, ensureFaceTemplateRegistry } from '@identree/chain';
import { chainWorkerRoutes, createChainWorker } from '@identree/chain-worker';
import { AnvilPortInUseError, devAccount, devPrivateKey } from '@identree/devchain';
import { loadSigningKey, openStorage } from '@identree/store';
import { chainPortFromEnv } from './chainPort.js';
import { startEmbeddedChain } from './embeddedChain.js';
import { ensureWebApp } from './webApp.js';

// `npm start` runs this in the workspace's folder; relative paths a user gives (DATA_DIR,
// OIDC_CLIENTS) and the default `.data` mean the folder the user ran npm in.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
// The web app at /app, built on the first start, unless WEB_APP_DIR names another build.
process.env.WEB_APP_DIR ||= ensureWebApp();
const config = loadConfig();
// VERIFY_THREADS: worker threads verifying presentations (0 = on the HTTP thread); default one per core.
const threadsVar = process.env.VERIFY_THREADS;
if (threadsVar !== undefined && threadsVar !== '' && !/^[0-9]{1,2}$/.test(threadsVar)) throw new ConfigError(`VERIFY_THREADS: expected 0–99, got "${threadsVar}"`);
const verifyThreads = threadsVar ? Number(threadsVar) : availableParallelism();
if (config.rpcUrl && !config.sponsorPrivateKey) {
  throw new ConfigError('SPONSOR_PRIVATE_KEY: required with RPC_URL (the key that deploys the registry and pays for relayed holder writes); only the embedded chain has a development key');
}

const chainPort = chainPortFromEnv(process.env.CHAIN_PORT);
let embedded: Awaited<ReturnType<typeof startEmbeddedChain>> | undefined;
try {
  embedded = config.rpcUrl ? undefined : await startEmbeddedChain(config.dataDir, { port: chainPort });
} catch (error) {
  if (!(error instanceof AnvilPortInUseError)) throw error;
  console.error(`Identree: the embedded chain's port ${error.message} (CHAIN_PORT); stop what listens there or choose another port`);
  process.exit(1);
}
const stopAll: (() => Promise<unknown>)[] = [];
const stop = async () => {
  for (const step of stopAll.reverse()) await step().catch(() => {});
  await embedded?.stop();
};
try {
  var chain = await connectChain({
    rpcUrl: config.rpcUrl ?? embedded!.rpcUrl,
    sponsorPrivateKey: config.sponsorPrivateKey ?? embedded!.sponsorPrivateKey,
    registryAddress: config.registryAddress,
    deploymentDir: config.dataDir,
    describeNode: embedded ? 'the embedded anvil' : undefined,
    embedded: embedded !== undefined,
    tokenBaseUri: `${config.publicUrl}/tokens/`,
  });
  var documents: ReturnType<typeof relayedEnrollmentDependencies> | undefined;
  var enrollmentRegistry: Awaited<ReturnType<typeof ensureEnrollmentRegistry>> | undefined;
  var storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, mongodbUrl: config.mongodbUrl });
  stopAll.push(() => storage.close());
  const webhookKey = await loadSigningKey({ keyFile: config.webhookSigningKeyFile });
  // Face templates (issue 21): their registry is deployed once beside the registry, and the chain worker
  // relays the holders' signed messages from its outbox, so the sponsor's nonces have one owner.
  const faceTemplateRegistry = await ensureFaceTemplateRegistry({ chain, deploymentDir: config.dataDir });
  // Document enrollment (issue 20): its registry too, before the worker, which relays enrollees' signed enrollments.
  enrollmentRegistry = process.env.DOCUMENT_ENROLLMENT === '1' ? await ensureEnrollmentRegistry({ chain, deploymentDir: config.dataDir }) : undefined;
  const worker = createChainWorker({
    faceTemplateRegistry,
    enrollmentRegistry,
    storage, chain, confirmations: config.confirmations, webhookKey, webhookTargets: { allowPrivate: config.webhookAllowPrivate },
    writeExpiryMs: config.writeExpirySeconds * 1000, webhookDeliveriesPerEvent: config.webhookDeliveriesPerEvent,
  });
  await worker.start();
  stopAll.push(() => worker.stop());
  const chainWorker = createChainWorkerClient(createRouterTransport(chainWorkerRoutes(worker)));
  const writes = writesGateway(chainWorker);
  const face = await relayedFaceDependencies({ chain, writes, faceTemplateRegistry, config, storage });
  // The identity provider here is the sponsor, whose key the worker owns: its batches and attestations go through
  // the outbox too, as in the split arrangement, so no two writers race for the sponsor's nonces.
  documents = enrollmentRegistry ? relayedEnrollmentDependencies({ chain, writes, enrollmentRegistry, store: storage.enrollmentSubmissions }) : undefined;
  if (documents) stopAll.push(documents.close);
  var app = await buildApp({ chain, chainWorker, config, storage, webhookKey, verifyThreads, face, enrollment: documents?.enrollment }, { logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  stopAll.push(() => app.close());
  // A burst of new connections (a load balancer reconnecting, a thousand clients at once) overflows
  // Node's default accept queue of 511; every dropped SYN then costs its client a one-second
  // retransmit. The kernel caps this at net.core.somaxconn.
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
} catch (error) {
  // Nothing is left behind: no anvil, no open database, whatever failed.
  await stop();
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Identree: ${config.host}:${config.port} is already in use (PORT, HOST); stop what listens there or choose another port`);
    process.exit(1);
  }
  throw error;
}

const lines = [
  '',
  `Identree identity service on ${config.publicUrl}`,
  `  API docs        ${config.publicUrl}/docs   (OpenAPI: ${config.publicUrl}/docs/json)`,
  `  web app         ${config.webAppDir ? `${config.publicUrl}/app/` : 'not served (its build failed; see above)'}`,
  `  sign-in (OIDC)  ${config.publicUrl}/.well-known/openid-configuration   (${config.oidcClients.length} client${config.oidcClients.length === 1 ? '' : 's'}, OIDC_CLIENTS)`,
  `  chain           ${embedded ? `embedded anvil at ${chain.rpcUrl}` : chain.rpcUrl} (chain id ${chain.chainId})`,
  `  registry        ${chain.registry}`,
  `  database        ${{ postgres: 'PostgreSQL (DATABASE_URL)', mongodb: 'MongoDB (MONGODB_URL)', pglite: `PGlite in ${config.dataDir}/pg` }[storage.backend]}`,
  `  chain worker    in this process (Connect in-process transport)`,
  `  enrollment      ${enrollmentRegistry ? `${enrollmentRegistry} (document enrollment registry, DOCUMENT_ENROLLMENT=1; the sponsor attests through the chain worker)` : 'off (DOCUMENT_ENROLLMENT=1 turns it on)'}`,
  `  data directory  ${config.dataDir}`,
  `  verification    ${verifyThreads > 0 ? `${verifyThreads} worker thread${verifyThreads > 1 ? 's' : ''} (VERIFY_THREADS)` : 'on the HTTP thread (VERIFY_THREADS=0)'}`,
];
if (embedded) lines.push(...devAccountLines());
console.log(lines.join('\n'));

const shutdown = async () => {
  await stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

/** The dev accounts with their private keys, so a user can import them into a wallet; the label is loud on purpose. */
function devAccountLines(): string[] {
  return [
    '  dev accounts: anvil\'s PUBLIC test keys, known to everyone. NEVER USE THEM ON A REAL CHAIN.',
    ...[0, 1, 2, 3].map((i) => `    #${i} ${devAccount(i).address}  private key ${devPrivateKey(i)}${i === 0 ? '  (root government, sponsor)' : ''}`),
  ];
}
