import { encodeAbiParameters, type Address, type Hash, type Hex } from 'viem';
import { byteArrayToHex, hexToByteArray } from './hexBytes.js';
import { keccak256Bytes } from './keccak256Bytes.js';

const UID_PARAMETERS = [{ type: 'address' }, { type: 'bytes32' }] as const;

/**
 * The on-chain id of a credential: `keccak256(abi.encode(issuer, commitment))`, as the registry
 * computes it. Lets a verifier check that a presented (issuer, commitment) pair is the anchored one.
 * Hashed with the SDK's fast keccak, because verification checks every presented credential with it.
 *
 * @example
 * const uid = credentialId({ issuer: university, commitment: root })
 */
export function credentialId({ issuer, commitment }: { issuer: Address; commitment: Hex }): Hash {
  return byteArrayToHex(keccak256Bytes(hexToByteArray(encodeAbiParameters(UID_PARAMETERS, [issuer, commitment]))));
}
