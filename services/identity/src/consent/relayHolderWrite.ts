import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { keccak256, stringToHex, type Address } from 'viem';
import { simulateContract } from 'viem/actions';
import { decodeHolderRegistryError, decodeRegistryError, holderRegistryAbi, identityRegistryAbi } from '@identree/sdk';
import type { Indexer } from '../indexer/indexer.js';
import type { Relayer, WriteOutcome } from '../outbox/relayer.js';
import type { Storage } from '@identree/store';

export type HolderWriteDeps = { relayer: Relayer; indexer: Indexer; storage: Storage; waitMs: number };
export type HolderWrite = { functionName: string; args: readonly unknown[]; route: string; body: unknown };

/**
 * Runs a sponsored call without sending it, as the sponsor, against the identity registry or its
 * holder registry, so a message the contract would refuse is answered with its typed revert before
 * anything is stored or paid for.
 */
export async function simulateSponsored(app: FastifyInstance, target: 'registry' | 'holderRegistry', functionName: string, args: readonly unknown[]) {
  const onHolders = target === 'holderRegistry';
  try {
    await simulateContract(app.chain.reader as never, {
      address: onHolders ? app.chain.holderRegistry : app.chain.registry,
      abi: onHolders ? holderRegistryAbi : identityRegistryAbi,
      functionName: functionName as never,
      args: args as never,
      account: app.chain.sponsor.account.address,
    } as never);
  } catch (error) {
    throw onHolders ? decodeHolderRegistryError(error) : decodeRegistryError(error);
  }
}

/**
 * Relays a holder-signed message to the holder registry through the outbox, exactly once per
 * Idempotency-Key. The call is simulated first, as the sponsor, so a bad signature or a broken rule
 * is answered with its typed revert and costs the sponsor nothing; then it is stored, signed and
 * sent, and answered 200 once confirmed and indexed (202 while pending).
 */
export async function relayHolderWrite(
  app: FastifyInstance,
  { relayer, indexer, storage, waitMs }: HolderWriteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  write: HolderWrite,
) {
  const owner = request.user!.address as Address;
  const idempotencyKey = (request.headers as Record<string, string>)['idempotency-key']!;
  const existing = await storage.outbox.getByKey(owner, idempotencyKey);
  if (!existing) await simulateSponsored(app, 'holderRegistry', write.functionName, write.args);
  const record = await relayer.submitSponsored({
    owner,
    idempotencyKey,
    requestHash: keccak256(stringToHex(JSON.stringify([write.route, write.body]))),
    functionName: write.functionName,
    args: write.args,
    target: 'holderRegistry',
  });
  const outcome: WriteOutcome = await relayer.waitFor(record.id, waitMs);
  if (outcome.status === 'failed') return reply.status(422).send({ error: 'write_failed', message: outcome.error });
  if (outcome.status === 'confirmed') {
    const block = (outcome.response as { blockNumber?: string }).blockNumber;
    if (block) await indexer.waitFor(BigInt(block), waitMs);
  }
  return reply.status(outcome.status === 'confirmed' ? 200 : 202).send(outcome);
}
