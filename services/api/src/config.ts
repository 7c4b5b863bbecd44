import { isIP } from 'node:net';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_SPOOF_GATE, type SpoofGate } from '@identree/biometrics/browser';
import { OidcClientsError, parseOidcClients, type OidcClient } from './oidc/oidcClients.js';
import { DEFAULT_REQUEST_LIMITS, LIMITED_ACTIONS, type LimitedAction, type RequestLimits } from './plugins/requestLimits.js';

/** Environment the service reads; every variable is optional and has an embedded default. */
const Environment = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  RPC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  REGISTRY_ADDRESS: Type.Optional(Type.String({ pattern: '^0x[0-9a-fA-F]{40}$' })),
  SPONSOR_PRIVATE_KEY: Type.Optional(Type.String({ pattern: '^0x[0-9a-fA-F]{64}$' })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  MONGODB_URL: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  IPFS_API_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  CONFIRMATIONS: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  PRESENTATION_NONCE_TTL: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  WEBHOOK_ALLOW_PRIVATE: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  WEBHOOK_SIGNING_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  CHAIN_WORKER_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  CORS_ORIGINS: Type.Optional(Type.String({ minLength: 1 })),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  OIDC_CLIENTS: Type.Optional(Type.String({ minLength: 1 })),
  WEB_APP_DIR: Type.Optional(Type.String({ minLength: 1 })),
  SPONSOR_QUOTA_WEI: Type.Optional(Type.String({ pattern: '^[0-9]{1,40}$' })),
  FACE_ANTISPOOF: Type.Optional(Type.String({ maxLength: 64 })),
  ...limitEnvironment(),
});

/**
 * Issue 23 §4: RATE_LIMIT_WINDOW, RATE_LIMIT_<ACTION>_PER_CLIENT / _PER_IDENTITY, BLOB_BUDGET_BYTES,
 * WEBHOOKS_PER_SUBSCRIBER, and for the embedded chain worker WRITE_EXPIRY_SECONDS and WEBHOOK_DELIVERIES_PER_EVENT.
 */
function limitEnvironment() {
  const count = () => Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' }));
  const perAction = LIMITED_ACTIONS.flatMap((a) => [[`RATE_LIMIT_${a.toUpperCase()}_PER_CLIENT`, count()], [`RATE_LIMIT_${a.toUpperCase()}_PER_IDENTITY`, count()]]);
  return { RATE_LIMIT_WINDOW: count(), WRITE_EXPIRY_SECONDS: count(), WEBHOOK_DELIVERIES_PER_EVENT: count(), BLOB_BUDGET_BYTES: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })), WEBHOOKS_PER_SUBSCRIBER: count(), RATE_LIMIT_SIGNINS_PER_CLIENT: count(), ...Object.fromEntries(perAction) } as Record<string, ReturnType<typeof count>>;
}

/** Every variable the API reads (the compose file's environment is checked against this list). */
export const API_ENVIRONMENT = [...Object.keys(Environment.properties), 'VERIFY_THREADS', 'LOG_LEVEL'] as const;

export type ServiceConfig = {
  port: number;
  host: string;
  dataDir: string;
  /** An external EVM node; without it the service runs anvil in `dataDir/chain`. */
  rpcUrl?: string;
  registryAddress?: `0x${string}`;
  sponsorPrivateKey?: `0x${string}`;
  /** An external PostgreSQL; without it the service runs PGlite in `dataDir/pg`. */
  databaseUrl?: string;
  /** A MongoDB (tested on FerretDB v1.24.2 over PostgreSQL); exclusive with `databaseUrl`. */
  mongodbUrl?: string;
  /** A kubo HTTP API; without it blobs are kept, content-addressed, in `dataDir/blobs`. */
  ipfsApiUrl?: string;
  confirmations: number;
  /** Seconds a verifier's presentation nonce stays usable (10 s to a day). */
  presentationNonceTtlSeconds: number;
  publicUrl: string;
  /**
   * Whether webhooks may target loopback and private addresses. Default: only when the service itself
   * listens on loopback (a local stack); a service that serves a network must not reach into it.
   */
  webhookAllowPrivate: boolean;
  /** The webhook signing key (Ed25519 JWK), shared with the chain worker; default `dataDir/webhook-signing-key.jwk.json`. */
  webhookSigningKeyFile: string;
  /** The chain worker's gRPC address, when the API runs apart from it. */
  chainWorkerUrl?: string;
  /** Browser origins allowed to call the API (CORS); empty: none but the API's own. `*` allows any. */
  corsOrigins: readonly string[];
  /** Fastify's `trustProxy`: whose X-Forwarded-For names the client (every per-address limit counts it). */
  trustProxy: boolean | string[];
  /** Relying parties of "Sign in with Identree" (OIDC_CLIENTS: a JSON array or a file path). */
  oidcClients: OidcClient[];
  /** The built web app (apps/web/dist) served at /app; none when unset. */
  webAppDir?: string;
  /** Wei the sponsor pays for relayed writes per entity in a rolling day; undefined: no limit. */
  sponsorQuotaWei?: bigint;
  /** Requests per window on the routes that create state, per client address and per account. */
  requestLimits: RequestLimits;
  /** Bytes of blobs (and encrypted shares) one account may store; 0: no budget. */
  blobBudgetBytes: number;
  /** Webhook subscriptions one identity may hold at once; 0: no limit. */
  webhooksPerSubscriber: number;
  /** The embedded chain worker's: seconds before a caller-signed write that has not mined is marked failed. */
  writeExpirySeconds: number;
  /** The embedded chain worker's: webhook deliveries one event makes at most. */
  webhookDeliveriesPerEvent: number;
  /**
   * Face login's anti-spoof policy (FACE_ANTISPOOF): the minima every liveness challenge carries and the kiosk
   * applies; undefined (the default): off.
   */
  faceAntispoof?: SpoofGate;
};

/** A configuration problem, named by variable, found before anything starts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  const relevant = Object.fromEntries(Object.keys(Environment.properties).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  if (!Value.Check(Environment, relevant)) {
    const first = [...Value.Errors(Environment, relevant)][0]!;
    throw new ConfigError(`${first.path.slice(1)}: ${first.message}`);
  }
  const e = relevant as Static<typeof Environment> & Record<string, string | undefined>;
  const port = Number(e.PORT ?? 8080);
  if (port > 65_535) throw new ConfigError(`PORT: ${port} is not a port`);
  if (e.DATABASE_URL && e.MONGODB_URL) throw new ConfigError('MONGODB_URL: DATABASE_URL is set too; the service keeps its data in one database, so set one of them');
  const host = e.HOST ?? '127.0.0.1';
  const presentationNonceTtlSeconds = Number(e.PRESENTATION_NONCE_TTL ?? 300);
  if (presentationNonceTtlSeconds < 10 || presentationNonceTtlSeconds > 86_400) {
    throw new ConfigError(`PRESENTATION_NONCE_TTL: expected 10 to 86400 seconds, got ${presentationNonceTtlSeconds}`);
  }
  return {
    port,
    host,
    dataDir: path.resolve(e.DATA_DIR ?? '.data'),
    rpcUrl: e.RPC_URL,
    registryAddress: e.REGISTRY_ADDRESS as `0x${string}` | undefined,
    sponsorPrivateKey: e.SPONSOR_PRIVATE_KEY as `0x${string}` | undefined,
    databaseUrl: e.DATABASE_URL,
    mongodbUrl: e.MONGODB_URL,
    ipfsApiUrl: e.IPFS_API_URL,
    confirmations: Number(e.CONFIRMATIONS ?? 0),
    presentationNonceTtlSeconds,
    publicUrl: e.PUBLIC_URL ?? `http://${host}:${port}`,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE ? e.WEBHOOK_ALLOW_PRIVATE === 'true' : isLoopbackHost(host),
    webhookSigningKeyFile: e.WEBHOOK_SIGNING_KEY_FILE ?? path.join(path.resolve(e.DATA_DIR ?? '.data'), 'webhook-signing-key.jwk.json'),
    chainWorkerUrl: e.CHAIN_WORKER_URL,
    corsOrigins: corsOrigins(e.CORS_ORIGINS),
    trustProxy: trustProxy(e.TRUST_PROXY),
    oidcClients: parseOidcConfig(e.OIDC_CLIENTS),
    webAppDir: e.WEB_APP_DIR ? path.resolve(e.WEB_APP_DIR) : undefined,
    sponsorQuotaWei: e.SPONSOR_QUOTA_WEI === undefined ? undefined : BigInt(e.SPONSOR_QUOTA_WEI),
    requestLimits: requestLimits(relevant),
    blobBudgetBytes: Number(e.BLOB_BUDGET_BYTES ?? 64 * 1024 * 1024),
    webhooksPerSubscriber: Number(e.WEBHOOKS_PER_SUBSCRIBER ?? 20),
    writeExpirySeconds: positive('WRITE_EXPIRY_SECONDS', e.WRITE_EXPIRY_SECONDS, 900),
    webhookDeliveriesPerEvent: positive('WEBHOOK_DELIVERIES_PER_EVENT', e.WEBHOOK_DELIVERIES_PER_EVENT, 20),
    faceAntispoof: faceAntispoof(e.FACE_ANTISPOOF),
  };
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  if (n < 1) throw new ConfigError(`${name}: expected at least 1`);
  return n;
}

/** The limits from the environment, each defaulting to DEFAULT_REQUEST_LIMITS. */
function requestLimits(env: Record<string, string | undefined>): RequestLimits {
  const windowSeconds = Number(env.RATE_LIMIT_WINDOW ?? DEFAULT_REQUEST_LIMITS.windowMs / 1000);
  if (windowSeconds < 1) throw new ConfigError('RATE_LIMIT_WINDOW: expected at least 1 second');
  const read = (kind: 'CLIENT' | 'IDENTITY', defaults: Record<LimitedAction, number>) =>
    Object.fromEntries(LIMITED_ACTIONS.map((a) => [a, Number(env[`RATE_LIMIT_${a.toUpperCase()}_PER_${kind}`] ?? defaults[a])])) as Record<LimitedAction, number>;
  return {
    windowMs: windowSeconds * 1000, perClient: read('CLIENT', DEFAULT_REQUEST_LIMITS.perClient), perIdentity: read('IDENTITY', DEFAULT_REQUEST_LIMITS.perIdentity),
    signInsPerClient: Number(env.RATE_LIMIT_SIGNINS_PER_CLIENT ?? DEFAULT_REQUEST_LIMITS.signInsPerClient),
  };
}

/**
 * `TRUST_PROXY`: unset or `false`, the connection's address is the client's; `true`, every proxy is trusted;
 * otherwise the proxies' addresses and subnets, comma-separated
 * (`10.0.0.1,10.1.0.0/16`). Each address is checked with Node's `isIP` and each prefix against its family's
 * width, so a typo stops the start.
 */
function trustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bits = family === 6 ? 128 : 32;
    const validPrefix = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !validPrefix || extra !== undefined) {
      throw new ConfigError(`TRUST_PROXY: ${JSON.stringify(entry)} is not an IP address or subnet (expected true, false, or addresses like 10.0.0.1,10.1.0.0/16)`);
    }
  }
  return entries;
}

/** `CORS_ORIGINS`: comma-separated origins (`https://wallet.example.org`), or `*`; each an origin, not a URL with a path. */
function corsOrigins(value: string | undefined): string[] {
  if (!value) return [];
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS: ${origin} is not an origin (scheme://host[:port])`);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`CORS_ORIGINS: ${origin} is not an origin (scheme://host[:port])`);
  }
  if (origins.includes('*') && origins.length > 1) throw new ConfigError('CORS_ORIGINS: `*` stands alone');
  return origins.map((o) => o.replace(/\/$/, ''));
}

/** OIDC_CLIENTS as a ConfigError when malformed, so a bad client list stops the start with its field named. */
function parseOidcConfig(value: string | undefined): OidcClient[] {
  try {
    return parseOidcClients(value);
  } catch (error) {
    if (error instanceof OidcClientsError) throw new ConfigError(error.message);
    throw error;
  }
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `FACE_ANTISPOOF`: unset or `off`, no anti-spoof gate (the default: on the evaluation's data the models do not
 * separate live faces from photos, README); `on`, human's own cut (0.5 on each score); or custom minima,
 * `real=0.6,live=0.5`, each key once, each a decimal from 0 to 1 with up to three places.
 */
function faceAntispoof(value: string | undefined): SpoofGate | undefined {
  if (value === undefined || value === 'off') return undefined;
  if (value === 'on') return { ...DEFAULT_SPOOF_GATE };
  const expected = 'expected off, on, or minima like real=0.6,live=0.5 (each from 0 to 1)';
  const minima = new Map<string, number>();
  for (const part of value.split(',')) {
    const [, key, number] = /^(real|live)=((?:0|1)(?:\.[0-9]{1,3})?)$/.exec(part.trim()) ?? [];
    if (!key || minima.has(key) || Number(number) > 1) throw new ConfigError(`FACE_ANTISPOOF: ${JSON.stringify(part.trim())} in ${JSON.stringify(value)}: ${expected}`);
    minima.set(key, Number(number));
  }
  if (minima.size !== 2) throw new ConfigError(`FACE_ANTISPOOF: ${JSON.stringify(value)} names ${minima.has('real') ? 'no live' : 'no real'} minimum: ${expected}`);
  return { minReal: minima.get('real')!, minLive: minima.get('live')! };
}
