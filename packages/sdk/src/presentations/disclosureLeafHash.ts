import { standardLeafHash } from '@openzeppelin/merkle-tree/dist/hashes.js';
import type { Hash } from 'viem';
import { ATTRIBUTE_LEAF_ENCODING } from '../credentials/commitAttributes.js';
import type { Disclosure } from './types.js';

/**
 * The leaf of one attribute: `keccak256(keccak256(abi.encode(name, value, salt)))`. The double
 * hash is OpenZeppelin's StandardMerkleTree rule: a 64-byte inner node can never pass as a leaf.
 */
export function disclosureLeafHash(d: Disclosure): Hash {
  return standardLeafHash([...ATTRIBUTE_LEAF_ENCODING], [d.name, d.value, d.salt]) as Hash;
}
