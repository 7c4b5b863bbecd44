import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeAbiParameters, hexToBytes, isAddress, type Address, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { batchTree, type PopulationBatch } from './batchTree.js';

export type CredentialBatchEntry = {
  subject: Address;
  /** Root of the subject's salted attribute tree (`commitAttributes`). Never an attribute value. */
  commitment: Hex;
};
export type BuildCredentialBatchReturnType = PopulationBatch;

const CREDENTIAL_LEAF = [{ type: 'uint32' }, { type: 'address' }, { type: 'bytes32' }] as const;

/**
 * Builds the Merkle batch of credentials an issuer anchors with `anchorCredentialBatch`. Entry `i`
 * is leaf `(i, subject, commitment)`, double-hashed as StandardMerkleTree does.
 *
 * @example
 * const batch = buildCredentialBatch([{ subject: alice, commitment: commitAttributes(attributes).commitment }])
 * await anchorCredentialBatch(gov, { registry, credentialType: CredentialType.BirthCertificate, root: batch.root, size: batch.size })
 * await isBatchCredentialValid(client, { registry, batchId, index: 0, subject: alice, commitment, proof: batch.proof(0) })
 */
export function buildCredentialBatch(entries: readonly CredentialBatchEntry[]): BuildCredentialBatchReturnType {
  const leaves = entries.map(({ subject, commitment }, index) => {
    if (!isAddress(subject, { strict: false })) throw new InvalidParameterError(`entries[${index}].subject`, `"${subject}" is not an address`);
    if (!/^0x[0-9a-fA-F]{64}$/.test(commitment)) throw new InvalidParameterError(`entries[${index}].commitment`, 'must be a 32-byte hex string');
    return keccak_256(keccak_256(hexToBytes(encodeAbiParameters(CREDENTIAL_LEAF, [index, subject, commitment]))));
  });
  return batchTree(leaves);
}
