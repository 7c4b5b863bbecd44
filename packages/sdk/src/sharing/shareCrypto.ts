import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { PublicKey, decrypt, encrypt } from 'eciesjs';
import { Config } from 'eciesjs/config';
import { CID } from 'multiformats/cid';
import { base64url } from 'multiformats/bases/base64';
import * as Digest from 'multiformats/hashes/digest';
import { bytesToHex, hexToBytes, isHex, stringToBytes, type Address, type Hash, type Hex } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import { InvalidParameterError } from '../errors/base.js';
import { ShareDecryptionError, ShareEnvelopeInvalidError } from './errors.js';

/** Multicodec codes: raw bytes, sha2-256 (the CID `ipfs add --cid-version 1 --raw-leaves` gives a small file). */
const RAW_CODEC = 0x55;
const SHA2_256 = 0x12;

/**
 * eciesjs's parameters, fixed here rather than read from its mutable global `ECIES_CONFIG`, so a
 * change elsewhere in the process cannot silently change the envelope format.
 */
const ECIES = Object.assign(new Config(), {
  ellipticCurve: 'secp256k1',
  isEphemeralKeyCompressed: false,
  isHkdfKeyCompressed: false,
  symmetricAlgorithm: 'aes-256-gcm',
  symmetricNonceLength: 16,
} satisfies Partial<Config>);

export const DATA_KEY_BYTES = 32;
export const CONTENT_NONCE_BYTES = 12;

/** CIDv1 (raw, sha2-256) of `bytes`. */
export const ciphertextCid = (bytes: Uint8Array): string => CID.create(1, RAW_CODEC, Digest.create(SHA2_256, sha256(bytes))).toString();

export const toBase64url = (bytes: Uint8Array): string => base64url.baseEncode(bytes);
export function fromBase64url(text: string, field: string): Uint8Array {
  try {
    return base64url.baseDecode(text);
  } catch {
    throw new ShareEnvelopeInvalidError(field, 'is not base64url');
  }
}

/**
 * What the ciphertext is bound to: a share decrypts only as the holder's disclosures of that
 * credential, so a ciphertext moved under another holder's or credential's envelope fails.
 */
export const contentAad = (holder: Address, uid: Hash) => stringToBytes(`identree/share/v1|${holder.toLowerCase()}|${uid.toLowerCase()}`);

export const newDataKey = () => randomBytes(DATA_KEY_BYTES);
export const newContentNonce = () => randomBytes(CONTENT_NONCE_BYTES);

export const encryptContent = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array) => gcm(key, nonce, aad).encrypt(plaintext);

export function decryptContent(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  try {
    return gcm(key, nonce, aad).decrypt(ciphertext);
  } catch (error) {
    throw new ShareDecryptionError('ciphertext', error);
  }
}

/** A verifier's public key, checked: 33 (compressed) or 65 (uncompressed) bytes of secp256k1. */
export function recipientOf(publicKey: Hex): { verifier: Address; publicKey: Uint8Array } {
  if (!isHex(publicKey, { strict: true }) || ![68, 132].includes(publicKey.length)) {
    throw new InvalidParameterError('recipients.publicKey', 'must be a secp256k1 public key, 33 or 65 bytes of hex');
  }
  const bytes = hexToBytes(publicKey);
  // publicKeyToAddress needs the uncompressed form; eciesjs's key class validates the point and expands it.
  let uncompressed: Uint8Array;
  try {
    uncompressed = new PublicKey(bytes, 'secp256k1').toBytes(false);
  } catch {
    throw new InvalidParameterError('recipients.publicKey', 'is not a point on secp256k1');
  }
  return { verifier: publicKeyToAddress(bytesToHex(uncompressed)), publicKey: uncompressed };
}

export const wrapDataKey = (publicKey: Uint8Array, dataKey: Uint8Array) => encrypt(publicKey, dataKey, ECIES);

export function unwrapDataKey(privateKey: Hex, wrapped: Uint8Array): Uint8Array {
  let key: Uint8Array;
  try {
    key = decrypt(hexToBytes(privateKey), wrapped, ECIES);
  } catch (error) {
    throw new ShareDecryptionError('wrapped key', error);
  }
  if (key.length !== DATA_KEY_BYTES) throw new ShareDecryptionError('wrapped key');
  return key;
}
