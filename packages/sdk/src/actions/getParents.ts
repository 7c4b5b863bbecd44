import { zeroAddress, type Address, type Hash } from 'viem';
import { registryEvents } from '../utils/registryEvents.js';
import type { RegistryClient, RegistryParameters } from '../utils/writeRegistry.js';

export type GetParentsParameters = RegistryParameters & { uid: Hash; fromBlock?: bigint };
/** `null` for a parent the government did not link. */
export type GetParentsReturnType = { father: Address | null; mother: Address | null };

/**
 * The parent identities a government linked to a birth certificate.
 *
 * @example
 * const { father, mother } = await getParents(client, { registry, uid: birthCertificate })
 */
export async function getParents(client: RegistryClient, { uid, fromBlock, registry }: GetParentsParameters): Promise<GetParentsReturnType> {
  const [event] = await registryEvents(client, registry, 'ParentsLinked', { uid }, fromBlock);
  const orNull = (a: Address | undefined) => (!a || a === zeroAddress ? null : a);
  return { father: orNull(event?.args.father), mother: orNull(event?.args.mother) };
}
