import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { SDJWTVCConfig } from '@sd-jwt/sd-jwt-vc';
import { bytesToHex, hexToBytes, isAddress, isAddressEqual, isHex, type Address, type Hex } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import { InvalidParameterError } from '../errors/base.js';

/** The verifying function @sd-jwt calls with the JWS signing input and its signature. */
export type SdJwtVerifier = NonNullable<SDJWTVCConfig['verifier']>;

/** Who must have signed: an Ethereum address (checked by key recovery) or a known public key. */
export type SdJwtVerifierForParameters = Address | { publicKey: Hex };

/**
 * An ES256K JWS verifier (RFC 8812) for @sd-jwt that accepts only signatures by `issuer`. With an
 * address, the public key is recovered from the signature and compared, so a verifier needs
 * nothing but the issuer's DID. It answers `false` (never throws) for anything else: another
 * key, a header whose `alg` is not ES256K, a malformed or high-S signature.
 *
 * @example
 * const sdjwt = new SDJwtVcInstance({ verifier: sdJwtVerifierFor(parseIdentreeDid(vc.issuer).address), hasher: digest })
 * const { payload } = await sdjwt.verify(token)
 */
export function sdJwtVerifierFor(issuer: SdJwtVerifierForParameters): SdJwtVerifier {
  const publicKey = typeof issuer === 'object' ? issuer.publicKey : undefined;
  if (publicKey !== undefined && !isHex(publicKey)) throw new InvalidParameterError('issuer', 'publicKey must be hex');
  if (publicKey === undefined && !isAddress(issuer as string)) throw new InvalidParameterError('issuer', `${String(issuer)} is not an address`);
  return (data: string, signature: string) => {
    try {
      if (headerAlg(data) !== 'ES256K') return false;
      const bytes = Buffer.from(signature, 'base64url');
      // Node's decoder skips stray characters; only the canonical encoding of 64 bytes is a signature.
      if (bytes.length !== 64 || bytes.toString('base64url') !== signature) return false;
      const parsed = secp256k1.Signature.fromBytes(bytes, 'compact');
      // (r, n - s) verifies too; accepting only low S keeps one valid signature per token.
      if (parsed.hasHighS()) return false;
      const digest = sha256(utf8ToBytes(data));
      if (publicKey !== undefined) return secp256k1.verify(bytes, digest, hexToBytes(publicKey), { prehash: false });
      return [0, 1].some((bit) => {
        const point = parsed.addRecoveryBit(bit).recoverPublicKey(digest);
        return isAddressEqual(publicKeyToAddress(bytesToHex(point.toBytes(false))), issuer as Address);
      });
    } catch {
      return false;
    }
  };
}

/**
 * @sd-jwt hands the verifier only `header.payload`, not the parsed header, and never matches `alg`
 * to the verifier; checking it here stops a token from claiming one algorithm and using another.
 */
function headerAlg(signingInput: string): unknown {
  const header = JSON.parse(Buffer.from(signingInput.slice(0, signingInput.indexOf('.')), 'base64url').toString('utf8'));
  return header?.alg;
}
