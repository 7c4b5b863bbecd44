import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedGrantAccess } from './types.js';

export type RelayGrantAccessParameters = HolderRegistryWriteParameters & Omit<SignedGrantAccess, 'nonce'> & { nonce?: bigint };
export type RelayGrantAccessReturnType = TransactionResult;

/**
 * A sponsor submits a holder's signed `GrantAccess` and pays the gas. A replayed, altered or
 * expired message fails as `ConsentSignatureInvalidError` / `ConsentSignatureExpiredError` before
 * anything is sent.
 *
 * @example
 * await relayGrantAccess(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayGrantAccess(
  client: RegistryClient,
  { holderRegistry, account, holder, verifier, uid, duration, attributes, deadline, signature }: RelayGrantAccessParameters,
): Promise<RelayGrantAccessReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'grantAccessBySig',
    args: [holder, verifier, uid, duration, attributes, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
