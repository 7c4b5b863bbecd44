import { getAddress, isAddress, type Address } from 'viem';
import { ciphertextCid, type FaceTemplateEnvelope } from '@identree/sdk';
import { FaceRequestError } from '../errors.js';

/**
 * An uploaded envelope is checked before anything is stored: the right shape, the signed-in holder's,
 * one wrapped key the signing-in key's own (or only guardians could ever open it), and its CID the ciphertext's.
 */
export function checkEnvelope(envelope: FaceTemplateEnvelope, ciphertext: Uint8Array, identity: Address, key: Address): void {
  const bad = (why: string) => new FaceRequestError('envelope_invalid', `the face template envelope ${why}`);
  if (envelope?.version !== 1 || envelope.contentAlgorithm !== 'A256GCM' || envelope.keyAlgorithm !== 'ECIES-secp256k1') throw bad('is not a version 1 A256GCM/ECIES-secp256k1 envelope');
  if (!isAddress(envelope.holder) || getAddress(envelope.holder) !== identity) throw new FaceRequestError('holder_mismatch', `the template is ${envelope.holder}'s, not the signed-in identity ${identity}'s`);
  if (!Number.isSafeInteger(envelope.templateVersion) || envelope.templateVersion < 1 || envelope.templateVersion > 0xffff_ffff) throw bad('has no valid template version');
  if (!Number.isSafeInteger(envelope.dimensions) || envelope.dimensions < 1 || ciphertext.byteLength !== envelope.dimensions * 4 + 16) {
    throw bad(`declares ${envelope.dimensions} values but the ciphertext holds ${Math.max(0, (ciphertext.byteLength - 16) / 4)}`);
  }
  if (!Array.isArray(envelope.wrappedKeys) || !envelope.wrappedKeys.some((k) => isAddress(k?.recipient ?? '') && getAddress(k.recipient) === getAddress(key))) {
    throw bad(`holds no key wrapped to ${key}, the holder's key`);
  }
  const actual = ciphertextCid(ciphertext);
  if (actual !== envelope.cid) throw new FaceRequestError('template_mismatch', `the ciphertext's CID is ${actual}, not the envelope's ${envelope.cid}`);
}
