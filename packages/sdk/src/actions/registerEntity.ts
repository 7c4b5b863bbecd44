import type { Address } from 'viem';
import { EntityKind, type EntityKindName, type TransactionResult } from '../types.js';
import { InvalidParameterError } from '../errors/base.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type RegisterEntityParameters = RegistryWriteParameters & { entity: Address; kind: EntityKindName };
export type RegisterEntityReturnType = TransactionResult & { tokenId: bigint };

/**
 * Registers `entity` as `kind` and mints its soulbound identity token. The signer is the registrar.
 *
 * @example
 * const { tokenId } = await registerEntity(gov, { registry, entity: alice, kind: 'Person' })
 */
export async function registerEntity(
  client: RegistryClient,
  { entity, kind, ...rest }: RegisterEntityParameters,
): Promise<RegisterEntityReturnType> {
  if (!(kind in EntityKind) || kind === 'None') throw new InvalidParameterError('kind', `"${kind}" is not an entity kind`);
  const { result, hash, blockNumber, gasUsed } = await writeRegistry<bigint>(client, {
    ...rest,
    functionName: 'registerEntity',
    args: [entity, EntityKind[kind]],
  });
  return { tokenId: result, hash, blockNumber, gasUsed };
}
