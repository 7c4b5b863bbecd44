import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type LinkCredentialParameters = RegistryWriteParameters & { uid: Hash };
export type LinkCredentialReturnType = TransactionResult;

/**
 * Links a credential issued to the signer into the signer's identity tree.
 *
 * @example
 * await linkCredential(alice, { registry, uid: birthCertificate })
 */
export async function linkCredential(client: RegistryClient, { uid, ...rest }: LinkCredentialParameters): Promise<LinkCredentialReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'linkCredential', args: [uid] });
  return { hash, blockNumber, gasUsed };
}
