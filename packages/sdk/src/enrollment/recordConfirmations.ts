import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';
import { encodeConfirmationBatch } from './confirmationLeaf.js';
import type { FieldConfirmation } from './types.js';

export type RecordConfirmationsParameters = EnrollmentRegistryWriteParameters & {
  enrollment: Hash;
  confirmations: readonly FieldConfirmation[];
};
export type RecordConfirmationsReturnType = TransactionResult & { batch: number };

/**
 * An identity provider (an active issuer or government) records a batch of signed confirmations. The
 * registry tallies them and keeps the batch's Merkle root (the answers themselves stay in the
 * transaction's calldata, packed by `encodeConfirmationBatch`); check each signature first
 * (`checkConfirmation` after, or verify before), since a forged one disputes the whole enrollment.
 *
 * @example
 * const { batch } = await recordConfirmations(provider, { enrollmentRegistry, enrollment, confirmations })
 */
export async function recordConfirmations(
  client: RegistryClient,
  { enrollment, confirmations, ...rest }: RecordConfirmationsParameters,
): Promise<RecordConfirmationsReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<number>(client, {
    ...rest,
    functionName: 'recordConfirmations',
    args: [enrollment, encodeConfirmationBatch(confirmations)],
  });
  return { hash, blockNumber, gasUsed, batch: Number(result) };
}
