import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedRemoveGuardian } from './types.js';

export type RelayRemoveGuardianParameters = HolderRegistryWriteParameters & Omit<SignedRemoveGuardian, 'nonce'> & { nonce?: bigint };
export type RelayRemoveGuardianReturnType = TransactionResult;

/**
 * A sponsor submits an identity's signed `RemoveGuardian` and pays the gas; a guardian not in the
 * set fails as `GuardianNotFoundError`, a bad signature as `HolderSignatureInvalidError`.
 *
 * @example
 * await relayRemoveGuardian(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayRemoveGuardian(
  client: RegistryClient,
  { holderRegistry, account, identity, guardian, threshold, deadline, signature }: RelayRemoveGuardianParameters,
): Promise<RelayRemoveGuardianReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'removeGuardianBySig',
    args: [identity, guardian, threshold, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
