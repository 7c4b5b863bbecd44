import { processMultiProof } from '@openzeppelin/merkle-tree/dist/core.js';
import type { NodeHash } from '@openzeppelin/merkle-tree/dist/hashes.js';
import type { Hash } from 'viem';
import { hexToByteArray } from '../utils/hexBytes.js';
import { disclosureLeafBytes, hashPairBytes } from './disclosureLeafHash.js';
import type { Disclosure } from './types.js';

// NodeHash is typed to return hex, but processMultiProof accepts bytes wherever it accepts hex
// (its nodes are BytesLike and it hex-encodes only the final root), so intermediate nodes stay bytes.
const hashPairAsNodeHash = hashPairBytes as unknown as NodeHash;

/**
 * The root that these disclosures and their multiproof lead to, computed by OpenZeppelin's
 * processMultiProof (which also refuses proofs of the wrong shape) over bytes. Returns the leaves
 * too, because the EIP-712 message commits to them and the digest must not hash them twice.
 *
 * @example
 * const { root } = disclosureProofRoot(c.disclosures, c.proof, c.proofFlags)
 */
export function disclosureProofRoot(disclosures: readonly Disclosure[], proof: readonly Hash[], proofFlags: readonly boolean[]): { root: Hash; leaves: Uint8Array[] } {
  const leaves = disclosures.map(disclosureLeafBytes);
  const root = processMultiProof({ leaves, proof: proof.map(hexToByteArray), proofFlags: [...proofFlags] }, hashPairAsNodeHash) as Hash;
  return { root, leaves };
}
