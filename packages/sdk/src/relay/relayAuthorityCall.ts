import type { Address, Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type RelayAuthorityCallParameters = HolderRegistryWriteParameters & { signer: Address; data: Hex; deadline: bigint; signature: Hex };
export type RelayAuthorityCallReturnType = TransactionResult;

/**
 * Sends an authority's signed registry call (`signAuthorityCall`) and pays for it: the sponsor's side. The
 * registry acts for the signer's identity; its revert, if any, comes back as the SDK's typed error.
 *
 * @example
 * await relayAuthorityCall(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayAuthorityCall(client: RegistryClient, { holderRegistry, account, signer, data, deadline, signature }: RelayAuthorityCallParameters): Promise<RelayAuthorityCallReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'relayAuthorityCall', args: [signer, data, deadline, signature] });
  return { hash, blockNumber, gasUsed };
}
