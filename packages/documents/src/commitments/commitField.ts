import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

// Domain tags keep an image commitment from ever equalling a text commitment over the same bytes.
const imageTag = utf8ToBytes('identree/documents/field-image/v1\0');
const textTag = utf8ToBytes('identree/documents/field-text/v1\0');

export type FieldCommitment = { commitment: `0x${string}`; salt: `0x${string}` };

const hex = (bytes: Uint8Array) => `0x${bytesToHex(bytes)}` as const;

/**
 * Salted SHA-256 commitment to a field's cropped image (PNG bytes): a verifier who is shown the crop
 * and the salt can check it; anyone else learns nothing from the hash, even for a guessable crop.
 *
 * @example
 * const { commitment, salt } = commitFieldImage(cropPng);
 */
export function commitFieldImage(image: Uint8Array, salt: Uint8Array = randomBytes(32)): FieldCommitment {
  return { commitment: hex(sha256(concatBytes(imageTag, salt, image))), salt: hex(salt) };
}

/**
 * Salted SHA-256 commitment to a field's normalised text; the salt stops a dictionary of likely values
 * (dates of birth, common names) from being hashed and compared.
 *
 * @example
 * const { commitment, salt } = commitFieldText('NGUYEN VAN ANH');
 */
export function commitFieldText(text: string, salt: Uint8Array = randomBytes(32)): FieldCommitment {
  return { commitment: hex(sha256(concatBytes(textTag, salt, utf8ToBytes(text)))), salt: hex(salt) };
}

/** The SHA-256 of the whole uploaded image, as received. */
export function hashDocumentImage(image: Uint8Array): `0x${string}` {
  return hex(sha256(image));
}
