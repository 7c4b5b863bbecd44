import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { encodeAbiParameters, keccak256, type Hash } from 'viem';
import type { FieldConfirmation } from './types.js';

const CONFIRMATION_TUPLE = [
  {
    type: 'tuple',
    components: [
      { name: 'field', type: 'uint8' },
      { name: 'slot', type: 'uint8' },
      { name: 'agrees', type: 'bool' },
      { name: 'textHash', type: 'bytes32' },
      { name: 'r', type: 'bytes32' },
      { name: 'vs', type: 'bytes32' },
    ],
  },
] as const;

/** A confirmation's leaf in its batch tree: keccak256 of its ABI encoding, as the registry hashes it. */
export const confirmationLeaf = (c: FieldConfirmation): Hash => keccak256(encodeAbiParameters(CONFIRMATION_TUPLE, [c]));

/**
 * The tree the registry builds over a batch: OpenZeppelin's simple Merkle tree, leaves in batch order.
 *
 * @example
 * const { root, proof } = confirmationBatchTree(batch); proof(3)
 */
export function confirmationBatchTree(batch: readonly FieldConfirmation[]): { root: Hash; proof: (index: number) => Hash[] } {
  const leaves = batch.map(confirmationLeaf);
  const tree = SimpleMerkleTree.of(leaves, { sortLeaves: false });
  return { root: tree.root as Hash, proof: (index) => tree.getProof(index) as Hash[] };
}
