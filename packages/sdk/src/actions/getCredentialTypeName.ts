import { hexToString, type Hex } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetCredentialTypeNameParameters = RegistryParameters & { credentialType: number };
export type GetCredentialTypeNameReturnType = string;

/**
 * The name a credential type was defined with (stored as bytes32 UTF-8, as `defineCredentialType` writes it).
 *
 * @example
 * await getCredentialTypeName(client, { registry, credentialType: 1 }) // 'BirthCertificate'
 */
export async function getCredentialTypeName(
  client: RegistryClient,
  { credentialType, ...rest }: GetCredentialTypeNameParameters,
): Promise<GetCredentialTypeNameReturnType> {
  const hex = await readRegistry<Hex>(client, { ...rest, functionName: 'credentialTypeName', args: [credentialType] });
  return hexToString(hex, { size: 32 });
}
