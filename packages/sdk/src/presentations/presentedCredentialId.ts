import { encodeAbiParameters, type Address, type Hash, type Hex } from 'viem';
import { byteArrayToHex, hexToByteArray } from '../utils/hexBytes.js';
import { keccak256Bytes } from '../utils/keccak256Bytes.js';

const UID_PARAMETERS = [{ type: 'address' }, { type: 'bytes32' }] as const;

/**
 * The registry's credential id, `keccak256(abi.encode(issuer, commitment))`, exactly as
 * utils/credentialId computes it (a test pins the equality), hashed with the verifier's fast
 * keccak because every presented credential is checked against it.
 */
export function presentedCredentialId({ issuer, commitment }: { issuer: Address; commitment: Hex }): Hash {
  return byteArrayToHex(keccak256Bytes(hexToByteArray(encodeAbiParameters(UID_PARAMETERS, [issuer, commitment]))));
}
