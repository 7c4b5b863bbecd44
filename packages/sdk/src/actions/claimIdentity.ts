import type { Address, Hash } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { EntityKind, type EntityKindName, type TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type ClaimIdentityParameters = RegistryWriteParameters & {
  batchId: bigint;
  /** The batch entry's account: the one that becomes a registered entity (not necessarily the signer). */
  entity: Address;
  kind: EntityKindName;
  /** The entry's index in the batch. */
  index: number;
  /** `buildIdentityBatch(...).proof(index)`. */
  proof: readonly Hash[];
};
export type ClaimIdentityReturnType = TransactionResult & { tokenId: bigint };

/**
 * Turns an entry of an anchored identity batch into a registered entity with its soulbound token.
 * Anyone may sign: a relayer can pay the claim, which happens on first use rather than at issuance.
 * The registrar is the batch's, and it must still be active.
 *
 * @example
 * const { tokenId } = await claimIdentity(relayer, { registry, batchId, entity: alice, kind: 'Person', index: 0, proof: batch.proof(0) })
 */
export async function claimIdentity(
  client: RegistryClient,
  { batchId, entity, kind, index, proof, ...rest }: ClaimIdentityParameters,
): Promise<ClaimIdentityReturnType> {
  if (!(kind in EntityKind) || kind === 'None') throw new InvalidParameterError('kind', `"${kind}" is not an entity kind`);
  const { result, hash, blockNumber, gasUsed } = await writeRegistry<bigint>(client, {
    ...rest,
    functionName: 'claimIdentity',
    args: [batchId, entity, EntityKind[kind], index, proof],
  });
  return { tokenId: result, hash, blockNumber, gasUsed };
}
