import { encodeAbiParameters, keccak256, type Address, type Hash, type Hex } from 'viem';

/**
 * The on-chain id of a credential: `keccak256(abi.encode(issuer, commitment))`, as the registry
 * computes it. Lets a verifier check that a presented (issuer, commitment) pair is the anchored one.
 *
 * @example
 * const uid = credentialId({ issuer: university, commitment: root })
 */
export function credentialId({ issuer, commitment }: { issuer: Address; commitment: Hex }): Hash {
  return keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [issuer, commitment]));
}
