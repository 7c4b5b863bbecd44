import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { encodeAbiParameters, keccak256, type Hash } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { FieldOpening } from './types.js';

export type CommitDocumentFieldsParameters = {
  /** Per field, in template order: the salted hash of its crop and of its normalised text. */
  fields: readonly { fieldHash: Hash; textHash: Hash }[];
};
export type CommitDocumentFieldsReturnType = {
  fieldsRoot: Hash;
  /** Per field, what a verifier or a challenger shows the registry. */
  openings: FieldOpening[];
};

/** Leaf `i` of a document's field tree, as the enrollment registry checks it. */
export const documentFieldLeaf = (field: number, fieldHash: Hash, textHash: Hash): Hash =>
  keccak256(encodeAbiParameters([{ type: 'uint8' }, { type: 'bytes32' }, { type: 'bytes32' }], [field, fieldHash, textHash]));

/**
 * Builds the root the enrollee records (`enrollDocument`) over the per-field commitments that
 * `readDocument` returns, and each field's opening.
 *
 * @example
 * const { fieldsRoot, openings } = commitDocumentFields({ fields: read.fields.map((f) => ({ fieldHash: f.imageCommitment, textHash: f.textCommitment })) })
 */
export function commitDocumentFields({ fields }: CommitDocumentFieldsParameters): CommitDocumentFieldsReturnType {
  if (fields.length === 0 || fields.length > 32) {
    throw new InvalidParameterError('fields', `a document has 1 to 32 fields, not ${fields.length}`);
  }
  const leaves = fields.map((f, i) => documentFieldLeaf(i, f.fieldHash, f.textHash));
  const tree = SimpleMerkleTree.of(leaves);
  return {
    fieldsRoot: tree.root as Hash,
    openings: fields.map((f, i) => ({ fieldHash: f.fieldHash, textHash: f.textHash, proof: tree.getProof(leaves[i]!) as Hash[] })),
  };
}
