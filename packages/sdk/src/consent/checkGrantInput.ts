import { isAddress } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { isAttributesDigest } from './attributesDigest.js';

/** Shape checks done before anything is signed or sent; the contract checks the rules. */
export function checkGrantInput(p: { verifier?: string; uid?: string; duration?: number; attributes?: string }) {
  if (p.verifier !== undefined && !isAddress(p.verifier, { strict: false })) throw new InvalidParameterError('verifier', 'is not an address');
  if (p.uid !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(p.uid)) throw new InvalidParameterError('uid', 'must be 32 bytes of hex');
  if (p.duration !== undefined && (!Number.isInteger(p.duration) || p.duration < 0 || p.duration > 0xffff_ffff)) {
    throw new InvalidParameterError('duration', 'must be a whole number of seconds that fits in uint32');
  }
  if (p.attributes !== undefined && !isAttributesDigest(p.attributes)) {
    throw new InvalidParameterError('attributes', 'must be 26 bytes of hex ending in five zero bytes (attributesDigest or WHOLE_CREDENTIAL)');
  }
}
