import type { Address, Hash, Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import { WHOLE_CREDENTIAL } from './attributesDigest.js';
import { checkGrantInput } from './checkGrantInput.js';

export type LogAccessParameters = HolderRegistryWriteParameters & {
  holder: Address;
  uid: Hash;
  /** The attributes read (default: the whole credential). */
  attributes?: Hex;
  /** Whether the access succeeded (a refused or failed access is logged too). */
  success: boolean;
};
export type LogAccessReturnType = TransactionResult;

/**
 * The verifier (the sending account) records one access on the holder's on-chain access log:
 * who, what, when (the block) and whether it succeeded. The holder sees it with `getAccessLog`.
 *
 * @example
 * await logAccess(bankClient, { holderRegistry, holder, uid: passport, attributes: attributesDigest(['ageOver18']), success: true })
 */
export async function logAccess(client: RegistryClient, { holderRegistry, account, holder, uid, attributes = WHOLE_CREDENTIAL, success }: LogAccessParameters): Promise<LogAccessReturnType> {
  checkGrantInput({ verifier: holder, uid, attributes });
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'logAccess', args: [holder, uid, attributes, success] });
  return { hash, blockNumber, gasUsed };
}
