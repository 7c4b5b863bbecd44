import { Code, ConnectError } from '@connectrpc/connect';
import { create } from '@bufbuild/protobuf';
import { ErrorDetailSchema } from '@identree/proto';
import { IdempotencyKeyReusedError } from '@identree/store';
import { BaseError as ViemError, HttpRequestError, TimeoutError, WebSocketRequestError } from 'viem';

/**
 * The chain worker's one error table: each code with the gRPC code it travels as and the HTTP
 * status the API answers with, so a client sees the same typed error in one process or many.
 */
export const chainWorkerErrors = {
  invalid_transaction: { grpc: Code.InvalidArgument, http: 400 },
  forbidden: { grpc: Code.PermissionDenied, http: 403 },
  not_found: { grpc: Code.NotFound, http: 404 },
  idempotency_key_reused: { grpc: Code.AlreadyExists, http: 409 },
  chain_unavailable: { grpc: Code.Unavailable, http: 503 },
  database_unavailable: { grpc: Code.Unavailable, http: 503 },
} as const;

export type ChainWorkerErrorCode = keyof typeof chainWorkerErrors;

/** A refusal of the chain worker, named by its table code. */
export class ChainWorkerError extends Error {
  override name = 'ChainWorkerError';
  constructor(
    readonly code: ChainWorkerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const nodeDidNotAnswer = (error: unknown) =>
  error instanceof ViemError && error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError || e instanceof WebSocketRequestError) !== null;

/** What crosses the wire: a ConnectError carrying the table code, or Internal with no detail for our own bugs. */
export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  let known: ChainWorkerError | undefined;
  if (error instanceof ChainWorkerError) known = error;
  else if (error instanceof IdempotencyKeyReusedError) known = new ChainWorkerError('idempotency_key_reused', 'this Idempotency-Key was used for another request');
  else if (nodeDidNotAnswer(error)) known = new ChainWorkerError('chain_unavailable', 'the chain node did not answer; try again later');
  if (!known) return new ConnectError('internal error', Code.Internal);
  const entry = chainWorkerErrors[known.code];
  return new ConnectError(known.message, entry.grpc, undefined, [{ desc: ErrorDetailSchema, value: create(ErrorDetailSchema, { code: known.code, httpStatus: entry.http }) }]);
}
