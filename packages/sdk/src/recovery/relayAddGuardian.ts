import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedAddGuardian } from './types.js';

export type RelayAddGuardianParameters = HolderRegistryWriteParameters & Omit<SignedAddGuardian, 'nonce'> & { nonce?: bigint };
export type RelayAddGuardianReturnType = TransactionResult;

/**
 * A sponsor submits an identity's signed `AddGuardian` and pays the gas. A replayed, altered or
 * expired message fails as `HolderSignatureInvalidError` / `HolderSignatureExpiredError`, and a broken
 * rule as `GuardianInvalidError`, `GuardianDuplicateError`…, before anything is sent.
 *
 * @example
 * await relayAddGuardian(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayAddGuardian(
  client: RegistryClient,
  { holderRegistry, account, identity, guardian, threshold, deadline, signature }: RelayAddGuardianParameters,
): Promise<RelayAddGuardianReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'addGuardianBySig',
    args: [identity, guardian, threshold, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
