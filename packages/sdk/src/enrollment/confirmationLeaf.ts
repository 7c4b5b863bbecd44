import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { concat, encodePacked, encodeAbiParameters, keccak256, zeroHash, type Hash, type Hex } from 'viem';
import { IdentreeError } from '../errors/base.js';
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

/**
 * A batch as `recordConfirmations` takes it: each answer `encodePacked(uint8 field, uint8 slot, bool agrees,
 * bytes32 r, bytes32 vs)`, followed for a correction by its `bytes32 textHash` (67 or 99 bytes instead of
 * the 192 of its ABI encoding). The registry rebuilds each `confirmationLeaf` from it, so
 * `confirmationBatchTree` over the same list gives the stored root.
 *
 * @example
 * const packed = encodeConfirmationBatch(confirmations)
 */
export function encodeConfirmationBatch(batch: readonly FieldConfirmation[]): Hex {
  return concat(batch.map((c, i) => {
    if (c.agrees && c.textHash !== zeroHash) {
      throw new IdentreeError(`Answer ${i} agrees but carries a text hash: a confirmation signs the committed text, so its textHash must be zero.`);
    }
    const answer = encodePacked(['uint8', 'uint8', 'bool', 'bytes32', 'bytes32'], [c.field, c.slot, c.agrees, c.r, c.vs]);
    return c.agrees ? answer : concat([answer, c.textHash]);
  }));
}
