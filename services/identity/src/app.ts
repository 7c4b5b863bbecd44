import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { chainPlugin, type ChainPort } from './plugins/chain.js';
import { installErrorHandler } from './errors.js';
import { entityRoutes } from './routes/entities.js';
import { credentialRoutes } from './routes/credentials.js';
import { didRoutes } from './routes/dids.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { presentationRoutes } from './routes/presentations.js';
import path from 'node:path';
import { identityOf, type NonceStore } from '@identree/sdk';
import { authPlugin } from './auth/authPlugin.js';
import type { LoginNonceStore } from '@identree/store';
import { Relayer } from './outbox/relayer.js';
import { Indexer } from './indexer/indexer.js';
import { auditRoutes } from './routes/audit.js';
import { blobRoutes } from './routes/blobs.js';
import { FsBlobStore } from '@identree/store';
import { KuboBlobStore } from '@identree/store';
import type { BlobStore } from '@identree/store';
import { storageLoginNonces, storagePresentationNonces } from '@identree/store';
import { writeRoutes } from './routes/writes.js';
import type { Storage } from '@identree/store';
import type { ServiceConfig } from './config.js';
import { grantRoutes } from './routes/grants.js';
import { accessLogRoutes } from './routes/accessLog.js';
import { shareRoutes } from './routes/shares.js';
import { webhookRoutes } from './routes/webhooks.js';
import { recoveryRoutes } from './routes/recovery.js';
import { recoveryWriteRoutes } from './routes/recoveryWrites.js';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhooks/dispatcher.js';
import { startNoncePruning } from '@identree/store';
import { loadSigningKey } from './auth/signingKey.js';
import { ajvOptions } from './requestValidation.js';

declare module 'fastify' {
  interface FastifyInstance {
    indexer: Indexer;
  }
}

export type AppDependencies = {
  chain: ChainPort;
  config: ServiceConfig;
  storage: Storage;
  /** Defaults to kubo at IPFS_API_URL, else the content-addressed store in DATA_DIR/blobs. */
  blobs?: BlobStore;
  /** Presentation nonces (verifier challenges). */
  nonces?: NonceStore;
  /** Sign-in nonces. */
  loginNonces?: LoginNonceStore;
  /** Webhook delivery timing (tests shorten the backoff). */
  webhooks?: WebhookDispatcherOptions;
  /** Worker threads verifying presentations (server.ts: VERIFY_THREADS); 0 or absent verifies on the HTTP thread. */
  verifyThreads?: number;
};

/** 64 KiB: the largest legitimate body is a presentation of 16 credentials. */
export const BODY_LIMIT = 64 * 1024;

/**
 * The service as a Fastify instance, with its dependencies passed in, so tests mount it with
 * `inject` and no port, and `server.ts` only boots.
 */
export async function buildApp(deps: AppDependencies, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT, ajv: { customOptions: { ...ajvOptions.customOptions } }, ...options }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Identree identity service', version: '0.1.0', description: 'Government-anchored, self-sovereign identity' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(chainPlugin, { chain: deps.chain });
  const publicUrl = new URL(deps.config.publicUrl);
  // Webhook bodies are signed with a key of their own, published beside the token key.
  const webhookKey = await loadSigningKey({ keyFile: path.join(deps.config.dataDir, 'webhook-signing-key.jwk.json') });
  await app.register(authPlugin, {
    publishedKeys: [webhookKey.publicJwk],
    domain: publicUrl.host,
    uri: deps.config.publicUrl,
    chainId: deps.chain.chainId,
    issuer: deps.config.publicUrl,
    keyFile: path.join(deps.config.dataDir, 'auth-signing-key.jwk.json'),
    nonces: deps.loginNonces ?? storageLoginNonces(deps.storage),
    publicClient: deps.chain.reader as never,
    // Roles are the entity's kind on chain, read at login, of the identity the key acts for: a
    // rotated key keeps its identity's role, and a retired key acts for no one, so it is a visitor.
    resolveRole: async (address) => {
      const identity = await identityOf(deps.chain.reader as never, { holderRegistry: deps.chain.holderRegistry, key: address });
      return identity ? ((await deps.chain.reader.getEntity({ entity: identity }))?.kind ?? null) : null;
    },
  });
  await app.register(healthRoutes);
  await app.register(meRoutes);
  await app.register(entityRoutes, { storage: deps.storage });
  await app.register(credentialRoutes, { storage: deps.storage });
  await app.register(didRoutes);
  await app.register(presentationRoutes, { nonces: deps.nonces ?? storagePresentationNonces(deps.storage), verifyThreads: deps.verifyThreads, nonceTtlSeconds: deps.config.presentationNonceTtlSeconds });
  const indexer = new Indexer(deps.storage, deps.chain, { confirmations: deps.config.confirmations }, app.log);
  const relayer = new Relayer(deps.storage, deps.chain, app.log);
  app.decorate('indexer', indexer);
  indexer.start();
  relayer.start();
  app.addHook('onClose', async () => {
    await relayer.stop();
    await indexer.stop();
  });
  await app.register(writeRoutes, { relayer, storage: deps.storage, indexer });
  await app.register(auditRoutes, { storage: deps.storage });
  const blobs = deps.blobs ?? (deps.config.ipfsApiUrl ? new KuboBlobStore(deps.config.ipfsApiUrl) : new FsBlobStore(path.join(deps.config.dataDir, 'blobs')));
  await app.register(blobRoutes, { blobs });
  // Holder registry (issue 5): consent relays and views, encrypted shares, webhooks, recovery reads and relays.
  await app.register(grantRoutes, { relayer, storage: deps.storage, indexer });
  await app.register(accessLogRoutes, { storage: deps.storage });
  await app.register(shareRoutes, { storage: deps.storage, blobs });
  const webhookTargets = { allowPrivate: deps.config.webhookAllowPrivate };
  await app.register(webhookRoutes, { storage: deps.storage, targets: webhookTargets });
  await app.register(recoveryRoutes, { storage: deps.storage });
  await app.register(recoveryWriteRoutes, { relayer, storage: deps.storage, indexer });
  const stopNoncePruning = startNoncePruning(deps.storage, app.log);
  app.addHook('onClose', () => stopNoncePruning());
  const dispatcher = new WebhookDispatcher(deps.storage, webhookKey, app.log, { targets: webhookTargets, ...deps.webhooks });
  dispatcher.start();
  app.addHook('onClose', () => dispatcher.stop());
  return app;
}
