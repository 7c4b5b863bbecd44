import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type UnlinkCredentialParameters = RegistryWriteParameters & { uid: Hash };
export type UnlinkCredentialReturnType = TransactionResult;

/**
 * Removes a credential from the signer's identity tree (the paper's future work).
 *
 * @example
 * await unlinkCredential(alice, { registry, uid })
 */
export async function unlinkCredential(client: RegistryClient, { uid, ...rest }: UnlinkCredentialParameters): Promise<UnlinkCredentialReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'unlinkCredential', args: [uid] });
  return { hash, blockNumber, gasUsed };
}
