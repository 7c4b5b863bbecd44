import { keccak256, type Address, type Hash } from 'viem';
import type { RegistryPort } from '@identree/chain';
import { faceTemplateGrantUid, prepareLogAccess, prepareRelayedFaceTemplateMessage, simulateRelayedFaceTemplateMessage } from '@identree/sdk';
import { viemFaceChain, type FaceChain } from '@identree/biometrics-service';
import type { WriteOutcome, WritesGateway } from '../chainWorker/writesGateway.js';

export type RelayedFaceChainParameters = {
  /** The chain as the API reads it (no sponsor key: the chain worker holds it). */
  chain: RegistryPort;
  /** The chain worker's outbox, over gRPC. */
  writes: WritesGateway;
  faceTemplateRegistry: Address;
  /** How long a face template write may take to confirm before the route gives up on it. @default 30 s */
  waitMs?: number;
};

/**
 * The face chain port of the split arrangement: reads as `viemFaceChain`, writes through the chain worker's
 * outbox as every other relayed holder write is (simulated as the sponsor first, so a forged or stale
 * message costs nothing; one write per signed message, its Idempotency-Key the signature's hash, so asking
 * again with the same message waits for the same write). A route answers once the write is confirmed.
 *
 * @example
 * const chain = relayedFaceChain({ chain, writes: writesGateway(chainWorker), faceTemplateRegistry })
 */
export function relayedFaceChain({ chain, writes, faceTemplateRegistry, waitMs = 30_000 }: RelayedFaceChainParameters): FaceChain {
  const reader = chain.reader as never;
  const reads = viemFaceChain({ reader, relayer: reader, faceTemplateRegistry, holderRegistry: chain.holderRegistry, registry: chain.registry });
  const settled = (outcome: WriteOutcome): { hash: Hash } => {
    if (outcome.status === 'failed') throw new Error(`the write failed: ${outcome.error}`);
    if (outcome.status !== 'confirmed') throw new Error(`the write (${outcome.id}) is not confirmed yet; ask again with the same signed message`);
    return { hash: outcome.transactionHash };
  };
  return {
    ...reads,
    relay: async (signed) => {
      const call = prepareRelayedFaceTemplateMessage({ faceTemplateRegistry, ...signed });
      await simulateRelayedFaceTemplateMessage(reader, { call, account: chain.sponsorAddress });
      const write = await writes.submitSponsored({
        owner: signed.identity, idempotencyKey: `face-${keccak256(signed.signature)}`, requestHash: keccak256(call.data),
        functionName: call.functionName, calldata: call.data, target: 'faceTemplateRegistry',
      });
      return settled(await writes.waitFor(write.id, waitMs));
    },
    logAccess: async (identity, success) => {
      // The kiosk is the sponsor: its own access, logged in its own name, one write per check.
      const call = prepareLogAccess({ holderRegistry: chain.holderRegistry, holder: identity, uid: faceTemplateGrantUid(identity), success });
      const write = await writes.submitSponsored({
        owner: chain.sponsorAddress, idempotencyKey: `kiosk-${crypto.randomUUID()}`, requestHash: keccak256(call.data),
        functionName: 'logAccess', calldata: call.data, target: 'holderRegistry',
      });
      return settled(await writes.waitFor(write.id, waitMs));
    },
  };
}
