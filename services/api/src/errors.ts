import type { FastifyError, FastifyInstance } from 'fastify';
import { BaseError as ViemError, HttpRequestError, RpcRequestError, TimeoutError, WebSocketRequestError } from 'viem';
import { IdentreeError, InvalidParameterError, RegistryRevertError, UnknownRegistryCallError } from '@identree/sdk';
import { IdempotencyKeyReusedError, StorageError } from '@identree/store';
import { BlobStoreError, BlobStoreUnavailableError } from '@identree/store';

/**
 * The API's one table of error codes and the HTTP status each answers with. A route throws a code
 * from here with a message that names the problem; registry reverts keep their own names (below).
 * The chain worker's codes (its own table, services/chain-worker/src/errors.ts) arrive over gRPC
 * with their status and are answered as they came.
 */
export const apiErrors = {
  invalid_request: 400,
  invalid_transaction: 400,
  invalid_cid: 400,
  invalid_did: 400,
  unauthorized: 401,
  login_failed: 401,
  insufficient_funds: 402,
  forbidden: 403,
  not_found: 404,
  not_a_file: 404,
  idempotency_key_reused: 409,
  no_live_grant: 409,
  grant_revoked: 410,
  grant_expired: 410,
  credential_revoked: 410,
  holder_revoked: 410,
  holder_suspended: 403,
  rate_limited: 429,
  sponsor_quota_exceeded: 429,
  storage_budget_exceeded: 429,
  webhook_quota_exceeded: 429,
  not_sponsored: 403,
  upstream_error: 502,
  chain_worker_error: 502,
  chain_unavailable: 503,
  chain_worker_unavailable: 503,
  blob_store_unavailable: 503,
  database_unavailable: 503,
  verification_unavailable: 503,
} as const;
export type ApiErrorCode = keyof typeof apiErrors;

/** An error the service answers with a definite status and code; a 5xx one is logged with its cause. */
export class ServiceError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = apiErrors[code];
  }

  /** An error that crossed a thread or process boundary as (status, code, message): kept as it came. */
  static carried(statusCode: number, code: string, message: string, options?: { cause?: unknown }): ServiceError {
    const error = new ServiceError('upstream_error', message, options);
    return Object.assign(error, { statusCode, code });
  }
}

export const notFound = (what: string) => new ServiceError('not_found', `${what} not found`);
export const forbidden = (why: string) => new ServiceError('forbidden', why);
export const unauthorized = (why = 'authentication required') => new ServiceError('unauthorized', why);

/**
 * The one table of registry reverts the API exposes, by HTTP meaning. A revert not listed is a
 * 422: the request was well formed but the registry's rules refused it.
 */
const revertStatus: Record<string, number> = {
  EntityNotRegistered: 404,
  CredentialNotFound: 404,
  BatchNotFound: 404,
  EntityAlreadyRegistered: 409,
  CredentialAlreadyAnchored: 409,
  TreeAlreadyLinked: 409,
  BatchRootAlreadyAnchored: 409,
  RootUnauthorizedAccount: 403,
  EntityKindNotAllowed: 403,
  EntityNotInRegistrationChain: 403,
  EntityNotActive: 403,
  CredentialIssuerNotEntitled: 403,
  CredentialNotAnIssuer: 403,
  CredentialAccreditorNotGovernment: 403,
  CredentialAccreditationNotOwned: 403,
  CredentialNotHolder: 403,
  TreeNotCredentialHolder: 403,
  BatchNotIssuer: 403,
  // Holder registry (issue 5)
  ConsentGrantNotFound: 404,
  GuardianNotFound: 404,
  KeyUnknownIdentity: 404,
  KeyRetired: 403,
  EntityKeyInUse: 409,
  KeyNotInRegistrationChain: 403,
  RecoveryNotGuardian: 403,
  GuardianDuplicate: 409,
  RecoveryAlreadyApproved: 409,
  // Compromise reports (issue 23 §2); CompromiseTimeInvalid stays a 422
  CompromiseNotCutOff: 409,
  CompromiseAlreadyReported: 409,
  // Document enrollment (issue 20): the enrollee's signed enrollment, relayed
  EnrollmentAlreadyRecorded: 409,
  EnrollmentNotAPerson: 403,
};

/**
 * What a failure of something the service depends on means to its client, or undefined for our
 * own bugs (a 500). The chain node not answering at all is a 503 the client may retry; the node
 * or anything else on the chain side answering wrongly is a 502. Kept apart from the handler so a
 * verification thread, whose errors cannot cross to the HTTP thread as objects, maps them alike.
 */
export function dependencyFailure(error: unknown): ServiceError | undefined {
  if (error instanceof ServiceError) return error;
  // The SDK decodes every failed call, so a node that did not answer reaches here as viem's error
  // inside a plain IdentreeError. A decoded revert is the node answering, whatever its cause holds.
  const sdkWrapped = error instanceof IdentreeError && !(error instanceof RegistryRevertError) && error.cause instanceof ViemError;
  const viemError = error instanceof ViemError ? error : sdkWrapped ? (error.cause as ViemError) : undefined;
  if (viemError?.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError || e instanceof WebSocketRequestError)) {
    return new ServiceError('chain_unavailable', 'the chain node did not answer; try again later', { cause: error });
  }
  if (error instanceof BlobStoreUnavailableError) return new ServiceError('blob_store_unavailable', 'the blob store did not answer', { cause: error });
  if (databaseDidNotAnswer(error)) return new ServiceError('database_unavailable', 'the database did not answer; try again later', { cause: error });
  // SDK errors that reach here come from the chain; storage and blob errors are our own.
  const upstream = (error instanceof IdentreeError && !(error instanceof StorageError || error instanceof BlobStoreError)) || (error instanceof ViemError && error.walk((e) => e instanceof RpcRequestError));
  if (upstream) return new ServiceError('upstream_error', 'the chain did not answer as expected', { cause: error });
  return undefined;
}

/** Socket and server-shutdown codes of node-postgres and PostgreSQL (class 08 and 57P0x): the server is not there. */
const DATABASE_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '08000', '08001', '08003', '08006', '57P01', '57P02', '57P03']);

/** Whether `error`, or anything in its cause chain (Drizzle wraps the driver's error), says the database is unreachable. */
function databaseDidNotAnswer(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DATABASE_GONE.has(code)) return true;
    if (/Connection terminated|timeout exceeded when trying to connect/.test(e.message)) return true;
  }
  return false;
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** One handler: validation is 400 naming the field; registry reverts keep their name; 5xx hide internals. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof ServiceError) {
      if (error.statusCode >= 500) request.log.error({ err: error.cause ?? error }, error.message);
      return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const field = first ? `${fe.validationContext ?? 'body'}${first.instancePath.replaceAll('/', '.')}` : fe.validationContext;
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      return reply.status(400).send({ error: 'invalid_request', message: `${missing ? `${field}.${missing}` : field} ${first?.message ?? 'is invalid'}`.trim() });
    }
    if (error instanceof RegistryRevertError) {
      return reply.status(revertStatus[error.errorName] ?? 422).send({ error: snake(error.errorName), message: error.shortMessage });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return reply.status(409).send({ error: 'idempotency_key_reused', message: 'this Idempotency-Key was used for another request' });
    }
    if (error instanceof UnknownRegistryCallError) {
      return reply.status(400).send({ error: 'invalid_transaction', message: 'the transaction does not call a registry function' });
    }
    if (error instanceof InvalidParameterError) {
      return reply.status(400).send({ error: 'invalid_request', message: error.shortMessage });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors: body too large, bad JSON, unsupported media type.
      return reply.status(fe.statusCode).send({ error: snake(fe.code ?? 'bad_request').replace(/^fst_err_/, ''), message: fe.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    const failure = dependencyFailure(error);
    if (failure) return reply.status(failure.statusCode).send({ error: failure.code, message: failure.message });
    return reply.status(500).send({ error: 'internal_error', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url}` }));
}
