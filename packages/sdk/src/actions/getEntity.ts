import type { Address } from 'viem';
import { EntityKind, EntityStatus, nameOf, type Entity } from '../types.js';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetEntityParameters = RegistryParameters & { entity: Address };
/** `null` when the account was never registered. */
export type GetEntityReturnType = Entity | null;

type RawEntity = { registrar: Address; kind: number; status: number; registeredAt: number; linkedCredentials: number };

/**
 * Reads an entity's record: kind, status, registrar, identity token and tree size.
 *
 * @example
 * const alice = await getEntity(client, { registry, entity: aliceAddress })
 */
export async function getEntity(client: RegistryClient, { entity, ...rest }: GetEntityParameters): Promise<GetEntityReturnType> {
  const raw = await readRegistry<RawEntity>(client, { ...rest, functionName: 'entity', args: [entity] });
  if (raw.status === EntityStatus.None) return null;
  return {
    account: entity,
    registrar: raw.registrar,
    kind: nameOf(EntityKind, raw.kind),
    status: nameOf(EntityStatus, raw.status),
    registeredAt: BigInt(raw.registeredAt),
    linkedCredentials: Number(raw.linkedCredentials),
    tokenId: BigInt(entity),
  };
}
