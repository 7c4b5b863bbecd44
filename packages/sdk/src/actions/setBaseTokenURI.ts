import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type SetBaseTokenURIParameters = RegistryWriteParameters & { baseURI: string };
export type SetBaseTokenURIReturnType = TransactionResult;

/**
 * Root only: points every identity token's `tokenURI` at `<baseURI><token id in decimal>`, where a
 * wallet reads the token's ERC-721 metadata (the service serves it at `<PUBLIC_URL>/tokens/`).
 *
 * @example
 * await setBaseTokenURI(root, { registry, baseURI: 'https://id.example.gov/tokens/' })
 */
export async function setBaseTokenURI(
  client: RegistryClient,
  { baseURI, ...rest }: SetBaseTokenURIParameters,
): Promise<SetBaseTokenURIReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'setBaseTokenURI', args: [baseURI] });
  return { hash, blockNumber, gasUsed };
}
