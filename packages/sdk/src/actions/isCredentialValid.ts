import type { Hash } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type IsCredentialValidParameters = RegistryParameters & { uid: Hash };
export type IsCredentialValidReturnType = boolean;

/**
 * Anchored, not revoked, and inside its validity window at the latest block.
 *
 * @example
 * if (!(await isCredentialValid(client, { registry, uid }))) reject()
 */
export function isCredentialValid(client: RegistryClient, { uid, ...rest }: IsCredentialValidParameters): Promise<IsCredentialValidReturnType> {
  return readRegistry<boolean>(client, { ...rest, functionName: 'isCredentialValid', args: [uid] });
}
