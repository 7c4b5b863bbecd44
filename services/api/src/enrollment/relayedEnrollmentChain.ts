import { keccak256, type Address } from 'viem';
import type { RegistryPort } from '@identree/chain';
import {
  decodeEnrollmentProviderLogs,
  prepareEnrollmentProviderCall,
  simulateEnrollmentProviderCall,
  type DecodeEnrollmentProviderLogsReturnType,
  type EnrollmentProviderWrite,
  type RegistryClient,
} from '@identree/sdk';
import { sdkEnrollmentChain, type EnrollmentChain } from '@identree/enrollment';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import { ServiceError } from '../errors.js';

export type RelayedEnrollmentChainParameters = {
  /** The chain as the API reads it (no sponsor key: the chain worker holds it). */
  chain: RegistryPort;
  /** The chain worker's outbox, over gRPC. */
  writes: WritesGateway;
  /** The enrollment registry the chain worker deployed (its Describe answer). */
  enrollmentRegistry: Address;
  /** How long a batch or attestation may take to confirm before the route gives up on it. @default 30 s */
  waitMs?: number;
};

/**
 * The enrollment chain port of the split arrangement, where the identity provider is the sponsor and
 * its key lives only in the chain worker: reads as `sdkEnrollmentChain` over the API's own node, and the
 * provider's batches and attestations through the worker's outbox (the `provider` client a write is
 * given goes unused). Each call is simulated as the sponsor first, so an undecided field answers
 * `EnrollmentFieldNotConfirmedError` before anything is paid for, exactly as the sponsor's own client
 * answers it in `npm start`; the batch number and the credential come from the confirmed write's logs.
 * One write per call (its Idempotency-Key the calldata's hash): asked again after a timeout, the same
 * call waits for the same write; after a failed one, it is simulated and sent again.
 *
 * @example
 * const chain = relayedEnrollmentChain({ chain, writes: writesGateway(chainWorker), enrollmentRegistry })
 */
export function relayedEnrollmentChain({ chain, writes, enrollmentRegistry, waitMs = 30_000 }: RelayedEnrollmentChainParameters): EnrollmentChain {
  const reader = chain.reader as unknown as RegistryClient;
  const owner = chain.sponsorAddress;
  const send = async (write: EnrollmentProviderWrite): Promise<DecodeEnrollmentProviderLogsReturnType> => {
    const call = prepareEnrollmentProviderCall({ enrollmentRegistry, ...write });
    // A write already sent for this call (the route timed out on it before) is waited for, not simulated
    // again: once mined, its own simulation would revert. One that failed is followed by the next try's key.
    const base = `enrollment-${keccak256(call.data)}`;
    let idempotencyKey = base;
    let earlier = await writes.find({ owner, idempotencyKey });
    while (earlier?.status === 'failed') {
      idempotencyKey = `${base}-after-${earlier.id}`;
      earlier = await writes.find({ owner, idempotencyKey });
    }
    if (!earlier) await simulateEnrollmentProviderCall(reader, { call, account: owner });
    const submitted = earlier ?? (await writes.submitSponsored({
      owner, idempotencyKey, requestHash: keccak256(call.data), functionName: call.functionName, calldata: call.data, target: 'enrollmentRegistry',
    }));
    const outcome = await writes.waitFor(submitted.id, waitMs);
    if (outcome.status === 'failed') {
      // Reverted on chain after its simulation passed: the chain moved in between, and simulating again names why.
      await simulateEnrollmentProviderCall(reader, { call, account: owner });
      throw new ServiceError('chain_worker_error', `the enrollment registry's ${call.functionName} failed (write ${outcome.id}): ${outcome.error}`);
    }
    if (outcome.status !== 'confirmed') throw new ServiceError('chain_unavailable', `the enrollment registry's ${call.functionName} (write ${outcome.id}) is not confirmed yet; ask again`);
    const { logs } = await chain.reader.getTransactionReceipt({ hash: outcome.transactionHash });
    return decodeEnrollmentProviderLogs({ enrollmentRegistry, enrollment: call.enrollment, logs });
  };
  /** A log the registry always emits for this call, missing: the receipt is not the registry's answer to it. */
  const required = <T>(value: T | undefined, event: string): T => {
    if (value === undefined) throw new ServiceError('chain_worker_error', `the confirmed write carries no ${event} event for this enrollment`);
    return value;
  };
  return {
    ...sdkEnrollmentChain(reader, enrollmentRegistry, chain.chainId),
    recordConfirmations: async (_provider, enrollment, confirmations) => {
      const { batch } = await send({ functionName: 'recordConfirmations', enrollment, confirmations });
      return { batch: required(batch, 'ConfirmationsRecorded') };
    },
    attest: async (_provider, commitment, credentialCommitment) => {
      const { credential } = await send({ functionName: 'attest', commitment, credentialCommitment });
      return { credential: required(credential, 'EnrollmentAttested') };
    },
    recordAndAttest: async (_provider, commitment, confirmations, credentialCommitment) => {
      const { batch, credential } = await send({ functionName: 'recordAndAttest', commitment, confirmations, credentialCommitment });
      return { batch: required(batch, 'ConfirmationsRecorded'), credential: required(credential, 'EnrollmentAttested') };
    },
  };
}
