import { encodeFunctionData, parseEventLogs, type Address, type Hash, type Log } from 'viem';
import { simulateContract } from 'viem/actions';
import { enrollmentRegistryAbi } from '@identree/abi';
import { decodeEnrollmentRegistryError } from '../errors/enrollmentRegistry.js';
import type { PreparedCall } from '../prepare/types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { encodeConfirmationBatch } from './confirmationLeaf.js';
import type { EnrollmentRegistryParameters } from './enrollmentRegistryCall.js';
import { enrollmentId } from './enrollmentId.js';
import type { EnrollmentCommitment, FieldConfirmation } from './types.js';

/** One of the identity provider's writes: `recordConfirmations`, `attestEnrollment` or `recordAndAttest`, as data. */
export type EnrollmentProviderWrite =
  | { functionName: 'recordConfirmations'; enrollment: Hash; confirmations: readonly FieldConfirmation[] }
  | { functionName: 'attest'; commitment: EnrollmentCommitment; credentialCommitment: Hash }
  | { functionName: 'recordAndAttest'; commitment: EnrollmentCommitment; confirmations: readonly FieldConfirmation[]; credentialCommitment: Hash };
export type PrepareEnrollmentProviderCallParameters = EnrollmentRegistryParameters & EnrollmentProviderWrite;
export type PrepareEnrollmentProviderCallReturnType = PreparedCall & {
  functionName: EnrollmentProviderWrite['functionName'];
  /** The enrollment the call is about, to find its events in the receipt (`decodeEnrollmentProviderLogs`). */
  enrollment: Hash;
  args: readonly unknown[];
};

/**
 * The identity provider's unsigned call, for a provider whose key is held elsewhere (a chain worker signs,
 * pays for and sends it from its outbox); `recordConfirmations`, `attestEnrollment` and `recordAndAttest`
 * send the same calls directly. Pure.
 *
 * @example
 * const call = prepareEnrollmentProviderCall({ enrollmentRegistry, functionName: 'recordAndAttest', commitment, confirmations, credentialCommitment })
 */
export function prepareEnrollmentProviderCall({ enrollmentRegistry, ...write }: PrepareEnrollmentProviderCallParameters): PrepareEnrollmentProviderCallReturnType {
  const [enrollment, args] =
    write.functionName === 'recordConfirmations'
      ? [write.enrollment, [write.enrollment, encodeConfirmationBatch(write.confirmations)] as const]
      : write.functionName === 'attest'
        ? [enrollmentId(write.commitment), [write.commitment, write.credentialCommitment] as const]
        : [enrollmentId(write.commitment), [write.commitment, encodeConfirmationBatch(write.confirmations), write.credentialCommitment] as const];
  const data = encodeFunctionData({ abi: enrollmentRegistryAbi, functionName: write.functionName, args: args as never });
  return { to: enrollmentRegistry, data, functionName: write.functionName, enrollment, args };
}

/**
 * Runs a prepared provider call without sending it, as `account` (the provider), so an undecided field
 * (`EnrollmentFieldNotConfirmedError`) or any other refusal is answered with its typed revert before
 * anything is paid for.
 *
 * @example
 * await simulateEnrollmentProviderCall(reader, { call, account: provider })
 */
export async function simulateEnrollmentProviderCall(client: RegistryClient, { call, account }: { call: PrepareEnrollmentProviderCallReturnType; account: Address }): Promise<void> {
  try {
    await simulateContract(client, { address: call.to, abi: enrollmentRegistryAbi, functionName: call.functionName, args: call.args as never, account });
  } catch (error) {
    throw decodeEnrollmentRegistryError(error);
  }
}

export type DecodeEnrollmentProviderLogsReturnType = {
  /** The batch number `ConfirmationsRecorded` gave the answers; absent when the call recorded none. */
  batch?: number;
  /** The credential `EnrollmentAttested` linked; absent when the call attested nothing. */
  credential?: Hash;
};

/**
 * What a mined provider call did to `enrollment`, read from its receipt's logs: the batch it recorded and
 * the credential it attested (what `recordConfirmations`, `attestEnrollment` and `recordAndAttest` answer
 * when they send the call themselves). Logs of other contracts and enrollments are ignored.
 *
 * @example
 * const { batch, credential } = decodeEnrollmentProviderLogs({ enrollmentRegistry, enrollment: call.enrollment, logs: receipt.logs })
 */
export function decodeEnrollmentProviderLogs({ enrollmentRegistry, enrollment, logs }: EnrollmentRegistryParameters & { enrollment: Hash; logs: readonly Log[] }): DecodeEnrollmentProviderLogsReturnType {
  const ours = logs.filter((log) => log.address.toLowerCase() === enrollmentRegistry.toLowerCase());
  const found: DecodeEnrollmentProviderLogsReturnType = {};
  for (const log of parseEventLogs({ abi: enrollmentRegistryAbi, eventName: ['ConfirmationsRecorded', 'EnrollmentAttested'], logs: ours as Log[] })) {
    if (log.args.enrollment.toLowerCase() !== enrollment.toLowerCase()) continue;
    if (log.eventName === 'ConfirmationsRecorded') found.batch = Number(log.args.batch);
    else found.credential = log.args.credential;
  }
  return found;
}
