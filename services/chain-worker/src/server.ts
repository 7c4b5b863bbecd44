// Boots the chain worker as its own process (the split arrangement). Everything else is in chainWorker.ts.
import { connectChain, ensureEnrollmentRegistry, ensureFaceTemplateRegistry } from '@identree/chain';
import { loadSigningKey, openStorage } from '@identree/store';
import { createChainWorker } from './chainWorker.js';
import { loadChainWorkerConfig } from './config.js';
import { listenChainWorker } from './grpc/listenChainWorker.js';

const config = loadChainWorkerConfig();
const chain = await connectChain({ rpcUrl: config.rpcUrl, sponsorPrivateKey: config.sponsorPrivateKey, registryAddress: config.registryAddress, deploymentDir: config.dataDir, tokenBaseUri: config.tokenMetadataUrl });
const storage = await openStorage({ databaseUrl: config.databaseUrl, mongodbUrl: config.mongodbUrl });
// The worker owns the sponsor key, so it deploys the face template registry (once, recorded beside the
// registry's deployment) and relays the holders' face template messages from its outbox; the API reads
// the address from Describe.
const faceTemplateRegistry = await ensureFaceTemplateRegistry({ chain, deploymentDir: config.dataDir });
// Document enrollment (issue 20), when DOCUMENT_ENROLLMENT=1: its registry too, for the same reason. The worker
// relays the enrollees' signed enrollments and sends the identity provider's batches and attestations (the
// sponsor is the provider), all from its outbox; Describe names the registry, which turns the API's routes on.
const enrollmentRegistry = config.documentEnrollment ? await ensureEnrollmentRegistry({ chain, deploymentDir: config.dataDir }) : undefined;
const worker = createChainWorker({
  faceTemplateRegistry,
  enrollmentRegistry,
  storage,
  chain,
  confirmations: config.confirmations,
  webhookKey: await loadSigningKey({ keyFile: config.webhookSigningKeyFile }),
  webhookTargets: { allowPrivate: config.webhookAllowPrivate },
  writeExpiryMs: config.writeExpirySeconds * 1000,
  webhookDeliveriesPerEvent: config.webhookDeliveriesPerEvent,
});
await worker.start();
const server = await listenChainWorker(worker, { port: config.grpcPort, host: config.grpcHost }).catch(async (error: NodeJS.ErrnoException) => {
  await worker.stop();
  await storage.close();
  if (error.code === 'EADDRINUSE') {
    console.error(`chain worker: ${config.grpcHost}:${config.grpcPort} is taken (GRPC_PORT); stop what uses it or choose another port`);
    process.exit(1);
  }
  throw error;
});
console.log(`Identree chain worker on ${server.url} (gRPC, HTTP/2), chain ${chain.chainId} registry ${chain.registry}${enrollmentRegistry ? ` enrollment registry ${enrollmentRegistry}` : ''}`);

const shutdown = async () => {
  await server.close();
  await worker.stop();
  await storage.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
