import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeAbiParameters, hexToBytes, isAddress, type Address } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { EntityKind, type EntityKindName } from '../types.js';
import { batchTree, type PopulationBatch } from './batchTree.js';

export type IdentityBatchEntry = { account: Address; kind: EntityKindName };
export type BuildIdentityBatchReturnType = PopulationBatch;

const IDENTITY_LEAF = [{ type: 'address' }, { type: 'uint8' }, { type: 'uint32' }] as const;

/**
 * Builds the Merkle batch of future identities a registrar anchors with `anchorIdentityBatch`.
 * Entry `i` is leaf `(account, kind, i)`, double-hashed as StandardMerkleTree does, so the root is
 * `StandardMerkleTree.of(entries.map((e, i) => [e.account, kind, i]), ['address', 'uint8', 'uint32'])`'s.
 *
 * @example
 * const batch = buildIdentityBatch([{ account: alice, kind: 'Person' }, { account: acme, kind: 'Organization' }])
 * const { batchId } = await anchorIdentityBatch(gov, { registry, root: batch.root, size: batch.size, leaves: batch.leaves })
 * await claimIdentity(relayer, { registry, batchId, entity: alice, kind: 'Person', index: 0, proof: batch.proof(0) })
 */
export function buildIdentityBatch(entries: readonly IdentityBatchEntry[]): BuildIdentityBatchReturnType {
  const leaves = entries.map(({ account, kind }, index) => {
    if (!isAddress(account, { strict: false })) throw new InvalidParameterError(`entries[${index}].account`, `"${account}" is not an address`);
    if (!(kind in EntityKind) || kind === 'None') throw new InvalidParameterError(`entries[${index}].kind`, `"${kind}" is not an entity kind`);
    return keccak_256(keccak_256(hexToBytes(encodeAbiParameters(IDENTITY_LEAF, [account, EntityKind[kind], index]))));
  });
  return batchTree(leaves);
}
