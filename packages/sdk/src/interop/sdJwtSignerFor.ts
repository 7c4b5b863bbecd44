import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { SDJWTVCConfig } from '@sd-jwt/sd-jwt-vc';
import { bytesToBase64url } from 'did-jwt';
import { bytesToHex, concat, hexToBytes, parseSignature, type LocalAccount } from 'viem';
import { InvalidParameterError } from '../errors/base.js';

/** The signing function @sd-jwt calls with the JWS signing input. */
export type SdJwtSigner = NonNullable<SDJWTVCConfig['signer']>;

/**
 * An ES256K JWS signer (RFC 8812) for @sd-jwt backed by a viem local account: ECDSA over
 * secp256k1 on the SHA-256 of the signing input, encoded as raw `r || s` in base64url. The
 * account signs the digest itself, so the private key never leaves it.
 *
 * Ethereum's `signMessage` is not usable here: it hashes with Keccak-256 behind an EIP-191
 * prefix, which no JOSE verifier expects. Hence the account must offer `sign({ hash })`.
 *
 * @example
 * const sdjwt = new SDJwtVcInstance({ signer: sdJwtSignerFor(privateKeyToAccount(key)), signAlg: 'ES256K', hasher: digest })
 */
export function sdJwtSignerFor(account: LocalAccount): SdJwtSigner {
  const sign = account.sign;
  if (account.type !== 'local' || typeof sign !== 'function') {
    throw new InvalidParameterError('signer', 'must be a local account that signs raw hashes (privateKeyToAccount, mnemonicToAccount, hdKeyToAccount)');
  }
  return async (data: string) => {
    const signature = await sign({ hash: bytesToHex(sha256(utf8ToBytes(data))) });
    // JWS wants exactly r || s; the recovery byte Ethereum appends has no place in ES256K.
    // did-jwt's codec, not Buffer's: the issuer's desk signs in the browser, where the Buffer
    // polyfill (buffer 6) has no base64url encoding and would throw.
    const { r, s } = parseSignature(signature);
    return bytesToBase64url(hexToBytes(concat([r, s])));
  };
}
