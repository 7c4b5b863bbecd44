import { createRequire } from 'node:module';
import { getAddress, recoverAddress, type Address, type Hash, type Hex } from 'viem';
import { byteArrayToHex, hexToByteArray } from '../utils/hexBytes.js';
import { keccak256Bytes } from '../utils/keccak256Bytes.js';

type NativeSecp256k1 = {
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array;
};

/**
 * libsecp256k1 (Bitcoin Core's library, through the `secp256k1` package's prebuilt binding) when it
 * loads, because signature recovery dominates presentation verification and the native library is
 * about ten times faster than a JavaScript implementation. Where no prebuilt binary fits the
 * platform, recovery falls back to viem (noble) with identical results.
 */
const native: NativeSecp256k1 | null = (() => {
  try {
    return createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp256k1;
  } catch {
    return null;
  }
})();

export const nativeSignatureRecovery = native !== null;

/**
 * The signer of a 65-byte `r‖s‖v` signature over `digest` as a lowercase address, without the
 * EIP-55 checksum (one more keccak) that a verifier comparing addresses does not need; null when
 * it recovers nothing.
 */
export async function recoverSignerLowercase(digest: Uint8Array, signature: Hex): Promise<Address | null> {
  try {
    if (!native) return (await recoverAddress({ hash: byteArrayToHex(digest), signature })).toLowerCase() as Address;
    const bytes = hexToByteArray(signature);
    const v = bytes[64]!;
    const recid = v >= 27 ? v - 27 : v;
    if (bytes.length !== 65 || recid > 1) return null;
    const publicKey = native.ecdsaRecover(bytes.subarray(0, 64), recid, digest, false);
    return byteArrayToHex(keccak256Bytes(publicKey.subarray(1)).subarray(12));
  } catch {
    return null;
  }
}

/** The checksummed address that produced a 65-byte `r‖s‖v` signature over `digest`; null when it recovers nothing. */
export async function recoverSigner(digest: Hash, signature: Hex): Promise<Address | null> {
  let digestBytes: Uint8Array;
  try {
    digestBytes = hexToByteArray(digest);
  } catch {
    return null;
  }
  const signer = await recoverSignerLowercase(digestBytes, signature);
  return signer && getAddress(signer);
}
