import type { Address } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetTokenURIParameters = RegistryParameters & { identity: Address };
/** The empty string while root has set no base URI. */
export type GetTokenURIReturnType = string;

/**
 * Where a wallet finds the ERC-721 metadata of an identity's token (token id = the address as a
 * number). Reverts with `ERC721NonexistentToken` for an address that has no token.
 *
 * @example
 * const uri = await getTokenURI(client, { registry, identity: alice }) // 'https://…/tokens/1234…'
 */
export async function getTokenURI(client: RegistryClient, { identity, ...rest }: GetTokenURIParameters): Promise<GetTokenURIReturnType> {
  return readRegistry<string>(client, { ...rest, functionName: 'tokenURI', args: [BigInt(identity)] });
}
