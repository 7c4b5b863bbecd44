import type { Address, Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import { checkGrantInput } from './checkGrantInput.js';

export type RevokeAccessParameters = HolderRegistryWriteParameters & { verifier: Address; uid: Hash };
export type RevokeAccessReturnType = TransactionResult;

/**
 * Ends the caller's grant to `verifier` early; `checkAccess` answers no from this block on. No live
 * grant fails as `ConsentGrantNotFoundError`.
 *
 * @example
 * await revokeAccess(holderClient, { holderRegistry, verifier: bank, uid: passport })
 */
export async function revokeAccess(client: RegistryClient, { holderRegistry, account, verifier, uid }: RevokeAccessParameters): Promise<RevokeAccessReturnType> {
  checkGrantInput({ verifier, uid });
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'revokeAccess', args: [verifier, uid] });
  return { hash, blockNumber, gasUsed };
}
