import type { ConnectRouter } from '@connectrpc/connect';
import { HealthService, IndexerService, Target, WriteService } from '@identree/proto';
import type { Address, Hex } from 'viem';
import type { ChainWorker } from '../chainWorker.js';
import { ChainWorkerError, toConnectError } from '../errors.js';
import { writeOf } from './writeOf.js';

/** Every handler's failures leave as ConnectErrors carrying the error table's code. */
const guarded =
  <Req, Res>(handler: (request: Req) => Promise<Res>) =>
  async (request: Req): Promise<Res> => {
    try {
      return await handler(request);
    } catch (error) {
      throw toConnectError(error);
    }
  };

const MAX_WAIT_MS = 60_000;
const targetOf = (target: Target) => {
  if (target === Target.REGISTRY) return 'registry' as const;
  if (target === Target.HOLDER_REGISTRY) return 'holderRegistry' as const;
  if (target === Target.FACE_TEMPLATE_REGISTRY) return 'faceTemplateRegistry' as const;
  if (target === Target.ENROLLMENT_REGISTRY) return 'enrollmentRegistry' as const;
  throw new ChainWorkerError('invalid_transaction', 'target must be the registry, the holder registry, the face template registry or the enrollment registry');
};

/**
 * The chain worker's gRPC services over its core. The same routes serve the in-process transport
 * (`createRouterTransport`) and HTTP/2 (`connectNodeAdapter`), so one implementation runs in one
 * process or many.
 */
export const chainWorkerRoutes = (worker: ChainWorker) => (router: ConnectRouter) => {
  router.service(WriteService, {
    submitSigned: guarded(async (request) => ({
      write: writeOf(
        await worker.relayer.submitSigned({
          owner: request.owner as Address,
          idempotencyKey: request.idempotencyKey,
          serialized: request.signedTransaction as Hex,
          allowed: request.allowedFunctions,
        }),
      ),
    })),
    submitSponsored: guarded(async (request) => ({
      write: writeOf(
        await worker.relayer.submitSponsored({
          owner: request.owner as Address,
          idempotencyKey: request.idempotencyKey,
          requestHash: request.requestHash as Hex,
          target: targetOf(request.target),
          calldata: request.calldata as Hex,
          functionName: request.functionName,
        }),
      ),
    })),
    waitForWrite: guarded(async (request) => {
      await worker.relayer.waitFor(Number(request.id), Math.min(request.timeoutMs, MAX_WAIT_MS));
      const record = await worker.storage.outbox.get(Number(request.id));
      if (!record) throw new ChainWorkerError('not_found', 'write not found');
      return { write: writeOf(record) };
    }),
    getWrite: guarded(async (request) => {
      const record = request.idempotencyKey
        ? await worker.storage.outbox.getByKey(request.owner as Address, request.idempotencyKey)
        : await worker.storage.outbox.get(Number(request.id));
      // Someone else's write is indistinguishable from a missing one.
      if (!record || (request.owner && record.owner.toLowerCase() !== request.owner.toLowerCase())) throw new ChainWorkerError('not_found', 'write not found');
      return { write: writeOf(record) };
    }),
  });
  router.service(IndexerService, {
    waitForBlock: guarded(async (request) => ({ caughtUp: await worker.indexer.waitFor(request.blockNumber, Math.min(request.timeoutMs, MAX_WAIT_MS)) })),
  });
  router.service(HealthService, {
    check: guarded(async () => {
      const parts = await worker.health();
      return { status: Object.values(parts).every((s) => s === 'ok') ? 'ok' : 'degraded', parts };
    }),
    describe: guarded(async () => ({
      chainId: BigInt(worker.chain.chainId),
      registry: worker.chain.registry,
      holderRegistry: worker.chain.holderRegistry,
      fromBlock: worker.chain.fromBlock,
      sponsor: worker.chain.sponsor.account.address,
      faceTemplateRegistry: worker.faceTemplateRegistry ?? '',
      enrollmentRegistry: worker.enrollmentRegistry ?? '',
    })),
  });
};
