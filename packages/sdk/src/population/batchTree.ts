import { getProof, makeMerkleTree } from '@openzeppelin/merkle-tree/dist/core.js';
import { bytesToHex, type Hash, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { hashPair } from '../presentations/disclosureLeafHash.js';

/** The registry's bound on a batch (`MAX_BATCH_SIZE` in PopulationBatches.sol). */
export const MAX_BATCH_SIZE = 2 ** 16;

/** A Merkle batch ready to anchor, with the proofs its members need later. */
export type PopulationBatch = {
  /** The root the registry stores. */
  root: Hash;
  /** Number of entries; indices run from 0 to `size - 1`. */
  size: number;
  /**
   * Every leaf hash, 32 bytes each, in index order: the optional calldata payload of an anchor.
   * Anyone holding it can rebuild the tree (sort the leaves, as StandardMerkleTree does) and every proof.
   */
  leaves: Hex;
  /** The proof for entry `index`, as MerkleProof.verify takes it. */
  proof: (index: number) => Hash[];
};

/**
 * The tree of StandardMerkleTree.of (leaves sorted by hash, sorted-pair nodes), built from leaf
 * hashes the caller already computed. Taking hashes instead of values skips the library's generic
 * ABI encoder, the cost that dominates at tens of thousands of leaves.
 */
export function batchTree(leafHashes: Uint8Array[]): PopulationBatch {
  const size = leafHashes.length;
  if (size === 0 || size > MAX_BATCH_SIZE) throw new InvalidParameterError('entries', `a batch holds 1 to ${MAX_BATCH_SIZE} entries, not ${size}`);
  // Sorting makes the root independent of anything but the set of leaves, and equal to the root
  // OpenZeppelin's tooling computes for the same values.
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => Buffer.compare(leafHashes[a], leafHashes[b]));
  const tree = makeMerkleTree(order.map((i) => leafHashes[i]), hashPair);
  // makeMerkleTree stores sorted leaf k at the end of the array, at tree.length - 1 - k.
  const treeIndex = new Uint32Array(size);
  order.forEach((entry, k) => (treeIndex[entry] = tree.length - 1 - k));
  const payload = new Uint8Array(size * 32);
  leafHashes.forEach((leaf, i) => payload.set(leaf, i * 32));
  return {
    root: tree[0] as Hash,
    size,
    leaves: bytesToHex(payload),
    proof: (index) => {
      if (!Number.isInteger(index) || index < 0 || index >= size) throw new InvalidParameterError('index', `${index} is not in a batch of ${size}`);
      return getProof(tree, treeIndex[index]) as Hash[];
    },
  };
}
