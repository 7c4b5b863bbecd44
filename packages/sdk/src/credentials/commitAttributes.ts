import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type { Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';

/** One attribute as committed: its name, its value as a string, and its own random salt. */
export type SaltedAttribute = { name: string; value: string; salt: Hex };

export type CommitAttributesReturnType = {
  /** The Merkle root anchored on chain. */
  commitment: Hex;
  /** What the holder keeps: every attribute with its salt. Never published. */
  attributes: SaltedAttribute[];
  tree: StandardMerkleTree<[string, string, string]>;
};

/** Leaf encoding: ABI-encoded (name, value, salt), double-hashed as StandardMerkleTree does. */
export const ATTRIBUTE_LEAF_ENCODING = ['string', 'string', 'bytes32'] as const;

/**
 * Commits to a credential's attributes: each becomes a leaf with a fresh 256-bit salt, so equal
 * values in two credentials give unrelated leaves, and a leaf cannot be guessed from its value.
 *
 * @example
 * const { commitment, attributes } = commitAttributes({ givenName: 'Ana', birthDate: '2001-05-04' })
 */
export function commitAttributes(values: Record<string, string | number | boolean>): CommitAttributesReturnType {
  const names = Object.keys(values);
  if (names.length === 0) throw new InvalidParameterError('attributes', 'a credential needs at least one attribute');
  const attributes = names.map((name) => {
    if (name.length === 0) throw new InvalidParameterError('attributes', 'attribute names cannot be empty');
    return { name, value: String(values[name]), salt: `0x${bytesToHex(randomBytes(32))}` as Hex };
  });
  const tree = StandardMerkleTree.of(
    attributes.map((a) => [a.name, a.value, a.salt] as [string, string, string]),
    [...ATTRIBUTE_LEAF_ENCODING],
  );
  return { commitment: tree.root as Hex, attributes, tree };
}
