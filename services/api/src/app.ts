import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { chainPlugin } from './plugins/chain.js';
import type { RegistryPort } from '@identree/chain';
import { installErrorHandler } from './errors.js';
import { entityRoutes } from './routes/entities.js';
import { credentialRoutes } from './routes/credentials.js';
import { didRoutes } from './routes/dids.js';
import { tokenMetadataRoutes } from './routes/tokenMetadata.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { presentationRoutes } from './routes/presentations.js';
import { storedFailedVerdictWindow } from './presentations/failedVerdictWindow.js';
import path from 'node:path';
import { getCompromise, identityOf, type NonceStore } from '@identree/sdk';
import { getBlock } from 'viem/actions';
import { loadSigningKey, type SigningKey } from '@identree/store';
import { writesGateway } from './chainWorker/writesGateway.js';
import type { ChainWorkerClient } from './chainWorker/chainWorkerClient.js';
import { authPlugin } from './auth/authPlugin.js';
import type { LoginNonceStore } from '@identree/store';
import { auditRoutes } from './routes/audit.js';
import { registrationTreeRoutes } from './routes/registrationTree.js';
import { blobRoutes } from './routes/blobs.js';
import { FsBlobStore } from '@identree/store';
import { KuboBlobStore } from '@identree/store';
import type { BlobStore } from '@identree/store';
import { writeRoutes } from './routes/writes.js';
import { addNamedSchemas, openapiOptions } from './plugins/openapi.js';
import { authorityWriteRoutes } from './routes/authorityWrites.js';
import { authorityRelayRoutes } from './routes/authorityRelay.js';
import { holderTypedDataRoutes } from './routes/holderTypedData.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { sponsorPolicyPlugin } from './plugins/sponsorPolicy.js';
import { oid4vciRoutes } from './routes/oid4vci.js';
import type { Storage } from '@identree/store';
import type { ServiceConfig } from './config.js';
import { grantRoutes } from './routes/grants.js';
import { accessLogRoutes } from './routes/accessLog.js';
import { shareRoutes } from './routes/shares.js';
import { serviceAccessLogRoutes } from './routes/serviceAccessLog.js';
import { oidcReleaseRoutes } from './routes/oidcReleases.js';
import { webhookRoutes } from './routes/webhooks.js';
import { recoveryRoutes } from './routes/recovery.js';
import { recoveryWriteRoutes } from './routes/recoveryWrites.js';
import { ajvOptions } from './requestValidation.js';
import { oidcRoutes } from './oidc/oidcRoutes.js';
import { webAppRoutes } from './routes/webApp.js';
import { holderCredentialRoutes } from './routes/holderCredentials.js';
import { refuseControlCharacters } from './textFields.js';
import { requestLimitsPlugin, signInLimit } from './plugins/requestLimits.js';
import { enrollmentRoutes, type EnrollmentRouteDependencies } from './routes/enrollments.js';
import { statusListRoutes } from './routes/statusLists.js';
import { faceRoutes, type FaceRouteDependencies } from './routes/faceTemplates.js';
import { statusListPublisher } from './statusLists/publishStatusLists.js';

export type AppDependencies = {
  /** Read clients and the sponsor's address; the API holds no key. */
  chain: RegistryPort;
  /** The chain worker's generated clients, over an in-process or a gRPC transport. */
  chainWorker: ChainWorkerClient;
  config: ServiceConfig;
  storage: Storage;
  /** Defaults to kubo at IPFS_API_URL, else the content-addressed store in DATA_DIR/blobs. */
  blobs?: BlobStore;
  /** Presentation nonces (verifier challenges); default the storage's batched store, as in production. */
  nonces?: NonceStore;
  /** Sign-in nonces. */
  loginNonces?: LoginNonceStore;
  /** Signs webhook bodies in the chain worker; the API publishes its public half. Default: the key file in DATA_DIR. */
  webhookKey?: SigningKey;
  /** Signs the status lists; the API publishes its public half. Default: the key file in DATA_DIR. */
  statusListKey?: SigningKey;
  /** Worker threads verifying presentations (server.ts: VERIFY_THREADS); 0 or absent verifies on the HTTP thread. */
  verifyThreads?: number;
  /**
   * Document enrollment (issue 20); without it its routes answer 503 enrollment_unavailable. Its
   * submissions default to the storage's, so they outlive a restart and every process shares them.
   */
  enrollment?: Omit<EnrollmentRouteDependencies, 'store'> & { store?: EnrollmentRouteDependencies['store'] };
  /** Face templates and face login (issue 21); without it their routes answer 503 face_unavailable. */
  face?: FaceRouteDependencies;
};

/** 64 KiB: the largest legitimate body is a presentation of 16 credentials. */
export const BODY_LIMIT = 64 * 1024;

/**
 * The service as a Fastify instance, with its dependencies passed in, so tests mount it with
 * `inject` and no port, and `server.ts` only boots.
 */
export async function buildApp(deps: AppDependencies, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT, ajv: { customOptions: { ...ajvOptions.customOptions } }, trustProxy: deps.config.trustProxy ?? false, ...options }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  // Before any route: a control character in any text field is a 400 naming it (issue 23 §3).
  refuseControlCharacters(app);
  // A browser app on another origin may call the API when its origin is configured (CORS_ORIGINS).
  // Tokens travel in the Authorization header, never in cookies, so no credentials mode is needed.
  if (deps.config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: deps.config.corsOrigins.includes('*') ? '*' : [...deps.config.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposedHeaders: ['retry-after', 'www-authenticate'],
      maxAge: 600,
    });
  }
  addNamedSchemas(app);
  await app.register(swagger, openapiOptions({ title: 'Identree identity service', version: '0.1.0', description: 'Government-anchored, self-sovereign identity' }));
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(chainPlugin, { chain: deps.chain });
  await app.register(sponsorPolicyPlugin, { storage: deps.storage, quotaWei: deps.config.sponsorQuotaWei ?? null });
  const publicUrl = new URL(deps.config.publicUrl);
  // Webhook bodies are signed with a key of their own, published beside the token key.
  const webhookKey = deps.webhookKey ?? (await loadSigningKey({ keyFile: deps.config.webhookSigningKeyFile }));
  // Status lists are signed with a key of their own too, so rotating one key never touches the others.
  const statusListKey = deps.statusListKey ?? (await loadSigningKey({ keyFile: path.join(deps.config.dataDir, 'status-list-signing-key.jwk.json') }));
  await app.register(authPlugin, {
    publishedKeys: [webhookKey.publicJwk, statusListKey.publicJwk],
    domain: publicUrl.host,
    uri: deps.config.publicUrl,
    chainId: deps.chain.chainId,
    issuer: deps.config.publicUrl,
    keyFile: path.join(deps.config.dataDir, 'auth-signing-key.jwk.json'),
    nonces: deps.loginNonces ?? deps.storage.loginNonces,
    nonceLimit: signInLimit(deps.config.requestLimits),
    publicClient: deps.chain.reader as never,
    onPublicKey: (address, publicKey) => deps.storage.holderPublicKeys.put(address, publicKey),
    // Roles are the entity's kind on chain, read at login, of the identity the key acts for: a
    // rotated key keeps its identity's role, and a retired key acts for no one, so it is a visitor.
    resolveRole: async (address) => {
      const identity = await identityOf(deps.chain.reader as never, { holderRegistry: deps.chain.holderRegistry, key: address });
      const entity = identity ? await deps.chain.reader.getEntity({ entity: identity }) : null;
      // A suspended or revoked entity signs in as a visitor: its kind grants nothing until reinstated.
      return entity?.status === 'Active' ? entity.kind : null;
    },
  });
  // Before the routes it limits: it finds them as they are added (issue 23 §4).
  await app.register(requestLimitsPlugin, { limits: deps.config.requestLimits });
  await app.register(healthRoutes, { chainWorker: deps.chainWorker, storage: deps.storage, enrollmentRegistry: deps.enrollment?.chain.enrollmentRegistry });
  await app.register(meRoutes);
  await app.register(entityRoutes, { storage: deps.storage });
  await app.register(credentialRoutes, { storage: deps.storage });
  await app.register(holderCredentialRoutes, { storage: deps.storage });
  await app.register(didRoutes, { storage: deps.storage, publicUrl: deps.config.publicUrl });
  await app.register(tokenMetadataRoutes);
  await app.register(statusListRoutes, {
    storage: deps.storage,
    publicUrl: deps.config.publicUrl,
    publisher: statusListPublisher({
      storage: deps.storage, publicUrl: deps.config.publicUrl, key: statusListKey,
      compromises: {
        reportOn: (issuer) => getCompromise(deps.chain.reader as never, { holderRegistry: deps.chain.holderRegistry, entity: issuer }),
        blockTime: async (blockNumber) => Number((await getBlock(deps.chain.reader as never, { blockNumber })).timestamp),
      },
    }),
  });
  await app.register(presentationRoutes, { nonces: deps.nonces ?? deps.storage.presentationNonces, verifyThreads: deps.verifyThreads, nonceTtlSeconds: deps.config.presentationNonceTtlSeconds, accessLog: deps.storage.serviceAccessLog, failedVerdicts: storedFailedVerdictWindow({ claims: deps.storage.nonces }) });
  const writes = writesGateway(deps.chainWorker);
  await app.register(writeRoutes, { writes });
  await app.register(authorityWriteRoutes, { writes });
  await app.register(authorityRelayRoutes, { writes });
  await app.register(holderTypedDataRoutes);
  await app.register(deliveryRoutes, { storage: deps.storage });
  await app.register(oid4vciRoutes, { storage: deps.storage, publicUrl: deps.config.publicUrl, dataDir: deps.config.dataDir });
  await app.register(auditRoutes, { storage: deps.storage });
  await app.register(registrationTreeRoutes, { storage: deps.storage });
  const blobs = deps.blobs ?? (deps.config.ipfsApiUrl ? new KuboBlobStore(deps.config.ipfsApiUrl) : new FsBlobStore(path.join(deps.config.dataDir, 'blobs')));
  await app.register(blobRoutes, { blobs, usage: deps.storage.blobUsage, budgetBytes: deps.config.blobBudgetBytes, audit: deps.storage.audit });
  // Holder registry (issue 5): consent relays and views, encrypted shares, webhooks, recovery reads and relays.
  await app.register(grantRoutes, { writes, storage: deps.storage });
  await app.register(accessLogRoutes, { storage: deps.storage });
  await app.register(serviceAccessLogRoutes, { storage: deps.storage });
  await app.register(oidcReleaseRoutes, { storage: deps.storage });
  await app.register(shareRoutes, { storage: deps.storage, blobs });
  const webhookTargets = { allowPrivate: deps.config.webhookAllowPrivate };
  await app.register(webhookRoutes, { storage: deps.storage, targets: webhookTargets, maxPerSubscriber: deps.config.webhooksPerSubscriber });
  await app.register(recoveryRoutes, { storage: deps.storage });
  await app.register(recoveryWriteRoutes, { writes, storage: deps.storage });
  await app.register(enrollmentRoutes, { enrollment: deps.enrollment && { ...deps.enrollment, store: deps.enrollment.store ?? deps.storage.enrollmentSubmissions }, writes });
  await app.register(faceRoutes, { face: deps.face });
  // Sign in with Identree: an OpenID Connect provider whose login page is the web app's.
  await app.register(oidcRoutes, {
    issuer: deps.config.publicUrl,
    clients: deps.config.oidcClients,
    keyFile: path.join(deps.config.dataDir, 'auth-signing-key.jwk.json'),
    codeKeyFile: path.join(deps.config.dataDir, 'oidc-code-key'),
    siwe: { domain: publicUrl.host, uri: deps.config.publicUrl, chainId: deps.chain.chainId },
    loginNonces: deps.loginNonces ?? deps.storage.loginNonces,
    storage: deps.storage,
    publicClient: deps.chain.reader as never,
    writes,
    face: deps.face,
  });
  if (deps.config.webAppDir) await app.register(webAppRoutes, { root: deps.config.webAppDir });
  return app;
}
