import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { keccak256, stringToHex, type Address, type Hex } from 'viem';
import { identityOf, prepareRelayedHolderWrite, simulateRegistryWrite, type PrepareRelayedHolderWriteParameters } from '@identree/sdk';
import type { WriteOutcome, WritesGateway } from '../chainWorker/writesGateway.js';

export type HolderWriteDeps = { writes: WritesGateway; waitMs: number };
export type HolderWrite = { functionName: string; args: readonly unknown[]; route: string; body: unknown; relay?: SponsoredRelay };
/**
 * A relayed message to a contract beside the two registries (the enrollment registry): its call, as
 * its own SDK module prepared it, and that module's simulation, which answers the contract's typed revert.
 */
export type SponsoredRelay = { calldata: Hex; target: 'enrollmentRegistry'; simulate: () => Promise<unknown> };

/** The sponsor's call for a holder's signed message, prepared by the SDK (the API never encodes calls). */
export function sponsoredCall(app: FastifyInstance, functionName: string, args: readonly unknown[]) {
  return prepareRelayedHolderWrite({ registry: app.chain.registry, holderRegistry: app.chain.holderRegistry, functionName, args } as PrepareRelayedHolderWriteParameters);
}

/**
 * Runs a sponsored call without sending it, as the sponsor, so a message the contract would refuse
 * is answered with its typed revert before anything is stored or paid for.
 */
export async function simulateSponsored(app: FastifyInstance, call: ReturnType<typeof sponsoredCall>) {
  await simulateRegistryWrite(app.chain.reader as never, { to: call.to, data: call.data, contract: call.contract, account: app.chain.sponsorAddress });
}

/**
 * Answers a write the chain worker holds: 200 once confirmed and indexed (read-your-writes, within
 * the wait budget), 202 while pending, 422 with the reason when it failed.
 */
export async function answerWrite(writes: WritesGateway, reply: FastifyReply, id: number, waitMs: number) {
  const outcome: WriteOutcome = await writes.waitFor(id, waitMs);
  if (outcome.status === 'failed') return reply.status(422).send({ error: 'write_failed', message: outcome.error });
  if (outcome.status === 'confirmed') {
    const block = (outcome.response as { blockNumber?: string }).blockNumber;
    if (block) await writes.waitForBlock(BigInt(block), waitMs);
  }
  return reply.status(outcome.status === 'confirmed' ? 200 : 202).send(outcome);
}

/**
 * Relays a holder-signed message through the chain worker's outbox, exactly once per
 * Idempotency-Key. The call is simulated first, as the sponsor, so a bad signature or a broken rule
 * is answered with its typed revert and costs the sponsor nothing; a repeated key is not simulated,
 * since its own write may be what changed the state.
 */
export async function relayHolderWrite(app: FastifyInstance, { writes, waitMs }: HolderWriteDeps, request: FastifyRequest, reply: FastifyReply, write: HolderWrite) {
  const owner = request.user!.address as Address;
  const idempotencyKey = (request.headers as Record<string, string>)['idempotency-key']!;
  const call = write.relay ? { data: write.relay.calldata, contract: write.relay.target } : sponsoredCall(app, write.functionName, write.args);
  if (!(await writes.find({ owner, idempotencyKey }))) {
    // Charged to the identity the key acts for; a key that acts for none yet (a recovery's new key
    // finalizing it) is charged as itself.
    await app.sponsorPolicy.check((await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key: owner })) ?? owner);
    await app.sponsorPolicy.admit(write.functionName, write.args);
    await (write.relay ? write.relay.simulate() : simulateSponsored(app, call as ReturnType<typeof sponsoredCall>));
  }
  const record = await writes.submitSponsored({
    owner,
    idempotencyKey,
    requestHash: keccak256(stringToHex(JSON.stringify([write.route, write.body]))),
    functionName: write.functionName,
    calldata: call.data,
    target: call.contract,
  });
  return answerWrite(writes, reply, record.id, waitMs);
}
