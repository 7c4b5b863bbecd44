import { ShareEnvelopeInvalidError } from './errors.js';
import { SHARE_CONTENT_ALGORITHM, SHARE_ENVELOPE_VERSION, SHARE_KEY_ALGORITHM, type ShareEnvelope } from './types.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks an envelope's shape before anything is decrypted, naming the first bad field. An envelope
 * comes from the network, so nothing about it is trusted.
 *
 * @example
 * checkEnvelope(JSON.parse(text)) // throws ShareEnvelopeInvalidError('version', …) for a v2 envelope
 */
export function checkEnvelope(envelope: unknown): asserts envelope is ShareEnvelope {
  const e = envelope as Partial<ShareEnvelope> | null;
  const bad = (field: string, reason: string) => new ShareEnvelopeInvalidError(field, reason);
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw bad('envelope', 'is not an object');
  if (e.version !== SHARE_ENVELOPE_VERSION) throw bad('version', `must be ${SHARE_ENVELOPE_VERSION}`);
  if (e.contentAlgorithm !== SHARE_CONTENT_ALGORITHM) throw bad('contentAlgorithm', `must be ${SHARE_CONTENT_ALGORITHM}`);
  if (e.keyAlgorithm !== SHARE_KEY_ALGORITHM) throw bad('keyAlgorithm', `must be ${SHARE_KEY_ALGORITHM}`);
  if (typeof e.holder !== 'string' || !ADDRESS.test(e.holder)) throw bad('holder', 'must be an address');
  if (typeof e.uid !== 'string' || !BYTES32.test(e.uid)) throw bad('uid', 'must be 32 bytes of hex');
  if (typeof e.cid !== 'string' || e.cid.length < 8 || e.cid.length > 128) throw bad('cid', 'must be a CID');
  if (typeof e.nonce !== 'string' || !BASE64URL.test(e.nonce) || e.nonce.length !== 16) throw bad('nonce', 'must be 12 bytes of base64url');
  if (!Array.isArray(e.recipients)) throw bad('recipients', 'must be an array');
  e.recipients.forEach((r, i) => {
    if (typeof r?.verifier !== 'string' || !ADDRESS.test(r.verifier)) throw bad(`recipients.${i}.verifier`, 'must be an address');
    if (typeof r.wrappedKey !== 'string' || !BASE64URL.test(r.wrappedKey) || r.wrappedKey.length > 512) throw bad(`recipients.${i}.wrappedKey`, 'must be base64url');
  });
}
