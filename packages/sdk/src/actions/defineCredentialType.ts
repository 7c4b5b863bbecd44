import { defineCredentialTypeCall } from '../prepare/prepareDefineCredentialType.js';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type CredentialTypeRules = {
  transferable?: boolean;
  governmentOnly?: boolean;
  parentLinks?: boolean;
  appendable?: boolean;
  /** Credential type a new credential must derive from, or 0. */
  sourceType?: number;
};
export type DefineCredentialTypeParameters = RegistryWriteParameters & { name: string; rules?: CredentialTypeRules };
export type DefineCredentialTypeReturnType = TransactionResult & { credentialType: number };

/**
 * Defines a credential type (root only). The name is stored as bytes32, so at most 31 bytes of UTF-8.
 *
 * @example
 * const { credentialType } = await defineCredentialType(root, { registry, name: 'Diploma' })
 */
export async function defineCredentialType(
  client: RegistryClient,
  { name, rules = {}, ...rest }: DefineCredentialTypeParameters,
): Promise<DefineCredentialTypeReturnType> {
  const { result, hash, blockNumber, gasUsed } = await writeRegistry<number>(client, { ...rest, ...defineCredentialTypeCall({ name, rules }) });
  return { credentialType: Number(result), hash, blockNumber, gasUsed };
}
