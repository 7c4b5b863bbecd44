import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** Environment of the chain worker as its own process (`npm run start:split`, the compose file). */
const Environment = Type.Object({
  GRPC_PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  GRPC_HOST: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  RPC_URL: Type.String({ pattern: '^https?://' }),
  REGISTRY_ADDRESS: Type.Optional(Type.String({ pattern: '^0x[0-9a-fA-F]{40}$' })),
  SPONSOR_PRIVATE_KEY: Type.String({ pattern: '^0x[0-9a-fA-F]{64}$' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  MONGODB_URL: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  CONFIRMATIONS: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  WEBHOOK_ALLOW_PRIVATE: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  WEBHOOK_SIGNING_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  WRITE_EXPIRY_SECONDS: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$' })),
  WEBHOOK_DELIVERIES_PER_EVENT: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$' })),
  TOKEN_METADATA_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DOCUMENT_ENROLLMENT: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
});

/** Every variable the chain worker reads (the compose file's environment is checked against this list). */
export const CHAIN_WORKER_ENVIRONMENT = Object.keys(Environment.properties);

export type ChainWorkerConfig = {
  grpcPort: number;
  grpcHost: string;
  dataDir: string;
  rpcUrl: string;
  registryAddress?: `0x${string}`;
  sponsorPrivateKey: `0x${string}`;
  /** PostgreSQL; exactly one of this and `mongodbUrl` is set. */
  databaseUrl?: string;
  /** MongoDB (tested on FerretDB v1); exactly one of this and `databaseUrl` is set. */
  mongodbUrl?: string;
  confirmations: number;
  webhookAllowPrivate: boolean;
  webhookSigningKeyFile: string;
  /** Seconds before a caller-signed write that has not mined is marked failed (default 900). */
  writeExpirySeconds: number;
  /** Webhook deliveries one event makes at most (default 20). */
  webhookDeliveriesPerEvent: number;
  /** The API's `/tokens/` URL, set as the identity token's base URI when the worker deploys a registry. */
  tokenMetadataUrl?: string;
  /** Document enrollment (issue 20, DOCUMENT_ENROLLMENT=1): the worker deploys its registry and names it in Describe. */
  documentEnrollment: boolean;
};

/** A configuration problem, named by variable, found before anything starts. */
export class ChainWorkerConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The worker as a process of its own needs a real node, a shared database (PostgreSQL or MongoDB;
 * PGlite is one process's database) and the sponsor key; none has a development default here, only the embedded stack does.
 */
export function loadChainWorkerConfig(env: Record<string, string | undefined> = process.env): ChainWorkerConfig {
  const relevant = Object.fromEntries(Object.keys(Environment.properties).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  if (!Value.Check(Environment, relevant)) {
    const first = [...Value.Errors(Environment, relevant)][0]!;
    throw new ChainWorkerConfigError(`${first.path.slice(1)}: ${first.message}`);
  }
  const e = relevant as Static<typeof Environment>;
  if (!e.DATABASE_URL && !e.MONGODB_URL) throw new ChainWorkerConfigError('DATABASE_URL: set it (PostgreSQL) or MONGODB_URL; the worker shares its database with the API');
  if (e.DATABASE_URL && e.MONGODB_URL) throw new ChainWorkerConfigError('MONGODB_URL: DATABASE_URL is set too; the worker keeps its data in one database, so set one of them');
  const grpcPort = Number(e.GRPC_PORT ?? 8081);
  if (grpcPort > 65_535) throw new ChainWorkerConfigError(`GRPC_PORT: ${grpcPort} is not a port`);
  const grpcHost = e.GRPC_HOST ?? '127.0.0.1';
  const dataDir = path.resolve(e.DATA_DIR ?? '.data');
  return {
    grpcPort,
    grpcHost,
    dataDir,
    rpcUrl: e.RPC_URL,
    registryAddress: e.REGISTRY_ADDRESS as `0x${string}` | undefined,
    sponsorPrivateKey: e.SPONSOR_PRIVATE_KEY as `0x${string}`,
    databaseUrl: e.DATABASE_URL,
    mongodbUrl: e.MONGODB_URL,
    confirmations: Number(e.CONFIRMATIONS ?? 0),
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookSigningKeyFile: e.WEBHOOK_SIGNING_KEY_FILE ?? path.join(dataDir, 'webhook-signing-key.jwk.json'),
    writeExpirySeconds: Number(e.WRITE_EXPIRY_SECONDS ?? 900),
    webhookDeliveriesPerEvent: Number(e.WEBHOOK_DELIVERIES_PER_EVENT ?? 20),
    tokenMetadataUrl: e.TOKEN_METADATA_URL,
    documentEnrollment: e.DOCUMENT_ENROLLMENT === '1',
  };
}
