import type { Address, Hash } from 'viem';
import type { Entity } from '../types.js';
import { IdentreeError } from '../errors/base.js';
import { registryEvents } from '../utils/registryEvents.js';
import type { RegistryClient, RegistryParameters } from '../utils/writeRegistry.js';
import { getCredential, type CredentialDetails } from './getCredential.js';
import { getEntity } from './getEntity.js';

export type GetIdentityTreeParameters = RegistryParameters & { holder: Address; fromBlock?: bigint };
export type IdentityTreeEntry = CredentialDetails & { issuerEntity: Entity | null };
export type GetIdentityTreeReturnType = { holder: Entity; credentials: IdentityTreeEntry[] } | null;

/**
 * The holder's identity tree: every credential currently linked, with its type, issuer, level
 * and validity. Rebuilt from link events, then checked against the on-chain count.
 *
 * @example
 * const tree = await getIdentityTree(client, { registry, holder: alice })
 */
export async function getIdentityTree(
  client: RegistryClient,
  { holder, fromBlock, ...rest }: GetIdentityTreeParameters,
): Promise<GetIdentityTreeReturnType> {
  const entity = await getEntity(client, { ...rest, entity: holder });
  if (!entity) return null;
  const [linked, unlinked] = await Promise.all([
    registryEvents(client, rest.registry, 'CredentialLinked', { holder }, fromBlock),
    registryEvents(client, rest.registry, 'CredentialUnlinked', { holder }, fromBlock),
  ]);
  const ordered = [...linked.map((l) => ({ l, on: true })), ...unlinked.map((l) => ({ l, on: false }))].sort(
    (a, b) => Number(a.l.blockNumber - b.l.blockNumber) || a.l.logIndex - b.l.logIndex,
  );
  const current = new Set<Hash>();
  for (const { l, on } of ordered) on ? current.add(l.args.uid as Hash) : current.delete(l.args.uid as Hash);
  if (current.size !== entity.linkedCredentials) {
    throw new IdentreeError(`The link events of ${holder} do not add up to the on-chain count.`, {
      details: `events give ${current.size}, the registry says ${entity.linkedCredentials}; is fromBlock after the first link?`,
    });
  }
  const credentials = await Promise.all(
    [...current].map(async (uid) => {
      const details = (await getCredential(client, { ...rest, uid, fromBlock }))!;
      return { ...details, issuerEntity: await getEntity(client, { ...rest, entity: details.issuer }) };
    }),
  );
  return { holder: entity, credentials };
}
