import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedRevokeAccess } from './types.js';

export type RelayRevokeAccessParameters = HolderRegistryWriteParameters & Omit<SignedRevokeAccess, 'nonce'> & { nonce?: bigint };
export type RelayRevokeAccessReturnType = TransactionResult;

/**
 * A sponsor submits a holder's signed `RevokeAccess` and pays the gas.
 *
 * @example
 * await relayRevokeAccess(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayRevokeAccess(
  client: RegistryClient,
  { holderRegistry, account, holder, verifier, uid, deadline, signature }: RelayRevokeAccessParameters,
): Promise<RelayRevokeAccessReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'revokeAccessBySig',
    args: [holder, verifier, uid, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
