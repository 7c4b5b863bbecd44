import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorDetailSchema, Target, WriteStatus, type Write } from '@identree/proto';
import type { Address, Hash, Hex } from 'viem';
import { ServiceError } from '../errors.js';
import type { ChainWorkerClient } from './chainWorkerClient.js';

/** A write as the API answers it (unchanged from the single service): the receipt summary once confirmed. */
export type WriteOutcome =
  | { status: 'confirmed'; id: number; transactionHash: Hash; response: unknown }
  | { status: 'failed'; id: number; transactionHash: Hash | null; error: string }
  | { status: 'pending' | 'sent'; id: number; transactionHash: Hash | null };

const names = { [WriteStatus.PENDING]: 'pending', [WriteStatus.SENT]: 'sent', [WriteStatus.CONFIRMED]: 'confirmed', [WriteStatus.FAILED]: 'failed' } as const;

/** Where a write record from the worker is read back into the API's answer. */
export function outcomeOf(write: Write): WriteOutcome {
  const status = names[write.status as keyof typeof names];
  const id = Number(write.id);
  const transactionHash = (write.transactionHash || null) as Hash | null;
  if (status === 'confirmed') return { status, id, transactionHash: transactionHash!, response: JSON.parse(write.responseJson || 'null') };
  if (status === 'failed') return { status, id, transactionHash, error: write.error || 'failed' };
  return { status: status ?? 'pending', id, transactionHash };
}

/**
 * The chain worker's answer as the API's typed error: the worker's table code and status when it
 * refused, and 503 naming the chain worker when it did not answer, so a client never waits on a
 * part that is down and never sees an internal address.
 */
export function fromWorkerError(error: unknown): unknown {
  if (!(error instanceof ConnectError)) return error;
  const [detail] = error.findDetails(ErrorDetailSchema);
  if (detail) return ServiceError.carried(detail.httpStatus, detail.code, error.rawMessage, { cause: error });
  if (error.code === Code.Unavailable || error.code === Code.DeadlineExceeded || error.code === Code.Canceled) {
    return new ServiceError('chain_worker_unavailable', 'the chain worker did not answer; try again later', { cause: error });
  }
  return new ServiceError('chain_worker_error', 'the chain worker failed', { cause: error });
}

/** How long a call to the worker may take beyond its own wait, before the part is called down. */
const CALL_SLACK_MS = 5_000;

/** What the routes ask of the chain worker, through its generated client. */
export function writesGateway(client: ChainWorkerClient) {
  const call = async <T>(run: (timeoutMs: number) => Promise<T>, waitMs = 0): Promise<T> => {
    try {
      return await run(waitMs + CALL_SLACK_MS);
    } catch (error) {
      throw fromWorkerError(error);
    }
  };
  return {
    submitSigned: (p: { owner: Address; idempotencyKey: string; serialized: Hex; allowed: readonly string[] }) =>
      call((timeoutMs) => client.writes.submitSigned({ owner: p.owner, idempotencyKey: p.idempotencyKey, signedTransaction: p.serialized, allowedFunctions: [...p.allowed] }, { timeoutMs })).then((r) => outcomeOf(r.write!)),
    submitSponsored: (p: { owner: Address; idempotencyKey: string; requestHash: Hex; functionName: string; calldata: Hex; target: 'registry' | 'holderRegistry' | 'faceTemplateRegistry' | 'enrollmentRegistry' }) =>
      call((timeoutMs) =>
        client.writes.submitSponsored(
          { owner: p.owner, idempotencyKey: p.idempotencyKey, requestHash: p.requestHash, functionName: p.functionName, calldata: p.calldata, target: { registry: Target.REGISTRY, holderRegistry: Target.HOLDER_REGISTRY, faceTemplateRegistry: Target.FACE_TEMPLATE_REGISTRY, enrollmentRegistry: Target.ENROLLMENT_REGISTRY }[p.target] },
          { timeoutMs },
        ),
      ).then((r) => outcomeOf(r.write!)),
    waitFor: (id: number, waitMs: number) => call((timeoutMs) => client.writes.waitForWrite({ id: BigInt(id), timeoutMs: waitMs }, { timeoutMs }), waitMs).then((r) => outcomeOf(r.write!)),
    /** The owner's write by id or Idempotency-Key; null when missing or another owner's (the worker checks the owner). */
    find: async (p: { owner: Address; id?: number; idempotencyKey?: string }) => {
      try {
        const r = await client.writes.getWrite({ owner: p.owner, id: BigInt(p.id ?? 0), idempotencyKey: p.idempotencyKey ?? '' }, { timeoutMs: CALL_SLACK_MS });
        return outcomeOf(r.write!);
      } catch (error) {
        if (error instanceof ConnectError && error.code === Code.NotFound) return null;
        throw fromWorkerError(error);
      }
    },
    waitForBlock: (block: bigint, waitMs: number) => call((timeoutMs) => client.indexer.waitForBlock({ blockNumber: block, timeoutMs: waitMs }, { timeoutMs }), waitMs).then((r) => r.caughtUp),
  };
}

export type WritesGateway = ReturnType<typeof writesGateway>;
