import { getAddress, isAddress, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { openFaceTemplate } from '@identree/sdk';
import {
  cosineSimilarity,
  faceThreshold,
  extractFace,
  FaceTooSmallError,
  NoFaceError,
  NotAnImageError,
  SeveralFacesError,
  type FaceEngine,
  type SpoofGate,
} from '@identree/biometrics';
import { FaceRequestError } from '../errors.js';
import type { FaceServicePorts } from '../ports/ports.js';
import type { FaceFailureLimiter } from '../login/faceFailureLimiter.js';
import type { KioskKeyStore } from './kioskKeys.js';

/** The kiosk: the service's decryption key for granted templates, and the address grants name (its sponsor). */
export type Kiosk = { privateKey: Hex; verifier: Address };

export type AcceptKioskGrantParameters = Pick<FaceServicePorts, 'chain' | 'records'> & {
  identity: Address;
  wrapped: { recipient: Address; wrappedKey: string };
  kiosk: Kiosk;
  kioskKeys: KioskKeyStore;
};

/**
 * Takes the holder's template key wrapped to the kiosk, once the holder's on-chain grant to the service
 * is live: the key is kept only until the grant expires.
 *
 * @example
 * const { expiresAt } = await acceptKioskGrant({ identity, wrapped, kiosk, kioskKeys, chain, records })
 */
export async function acceptKioskGrant(p: AcceptKioskGrantParameters): Promise<{ expiresAt: number }> {
  const identity = getAddress(p.identity);
  const kioskAddress = privateKeyToAddress(p.kiosk.privateKey);
  if (!isAddress(p.wrapped.recipient) || getAddress(p.wrapped.recipient) !== kioskAddress) {
    throw new FaceRequestError('envelope_invalid', `the key is wrapped to ${p.wrapped.recipient}, not to this kiosk's key ${kioskAddress}`);
  }
  if (!(await p.records.get(identity))) throw new FaceRequestError('template_not_found', `${identity} has no face template`);
  const [expiresAt, now, active] = await Promise.all([p.chain.grantExpiry(identity, p.kiosk.verifier), p.chain.now(), p.chain.isActive(identity)]);
  if (!expiresAt || expiresAt <= now || !active) throw new FaceRequestError('kiosk_not_granted', `${identity} has no live grant of its face template to ${p.kiosk.verifier} (or is not an active entity): grant access first`);
  await p.kioskKeys.put({ identity, recipient: kioskAddress, wrappedKey: p.wrapped.wrappedKey, expiresAt });
  return { expiresAt };
}

export type KioskCheckParameters = FaceServicePorts & {
  identity: Address;
  /** The photo the kiosk's camera took. */
  image: Uint8Array;
  engine: FaceEngine;
  kiosk: Kiosk;
  kioskKeys: KioskKeyStore;
  limiter: FaceFailureLimiter;
  threshold?: number;
  /**
   * The service's anti-spoof policy (FACE_ANTISPOOF): the photo's `antispoof` and `liveness` scores must reach these,
   * so the engine must be made with `spoofGate: true`. @default none: off
   */
  spoofGate?: SpoofGate;
};

/**
 * A service-side face check at a kiosk, on the holder's short-lived grant: the photo must hold exactly one
 * face of a usable size (else a typed 400), the template opens with the kiosk's key only while the grant
 * lasts, and every check is logged on chain in the holder's access log and in the audit log. A mismatch is
 * 401 face_not_matched with no score, and counts against the identity. With the anti-spoof policy on, a photo
 * the models read as a spoof is 401 spoof_suspected, also without a score, logged and counted as a mismatch.
 *
 * @example
 * await kioskCheck({ ...ports, identity, image, engine, kiosk, kioskKeys, limiter }) // { matched: true, templateVersion: 2 }
 */
export async function kioskCheck(p: KioskCheckParameters): Promise<{ matched: true; templateVersion: number }> {
  const identity = getAddress(p.identity);
  await p.limiter.check(identity);
  const [expiresAt, now, active] = await Promise.all([p.chain.grantExpiry(identity, p.kiosk.verifier), p.chain.now(), p.chain.isActive(identity)]);
  // As the holder registry's checkAccess: a suspended or revoked holder grants nothing.
  const key = expiresAt && expiresAt > now && active ? await p.kioskKeys.get(identity, now) : null;
  if (!key) {
    await p.kioskKeys.delete(identity);
    throw new FaceRequestError('kiosk_not_granted', `${identity} has no live grant of its face template to this kiosk`);
  }
  let face;
  try {
    face = await extractFace({ engine: p.engine, image: p.image });
  } catch (error) {
    if (error instanceof NotAnImageError) throw new FaceRequestError('not_an_image', error.message, { cause: error });
    if (error instanceof NoFaceError) throw new FaceRequestError('no_face', error.message, { cause: error });
    if (error instanceof SeveralFacesError) throw new FaceRequestError('several_faces', error.message, { cause: error });
    if (error instanceof FaceTooSmallError) throw new FaceRequestError('face_too_small', error.message, { cause: error });
    throw error;
  }
  const record = await p.records.get(identity);
  const ciphertext = record ? await p.blobs.get(record.envelope.cid) : null;
  if (!record || !ciphertext) throw new FaceRequestError('template_not_found', `${identity} has no face template`);
  const { cid, templateVersion } = record.envelope;
  if (record.model !== p.engine.model) {
    face.embedding.fill(0);
    throw new FaceRequestError('template_mismatch', `the face template was enrolled with ${record.model}; this kiosk runs ${p.engine.model}: the holder must re-enroll`);
  }
  if (p.spoofGate) {
    // the service's own wiring, not the photo: an engine without the gate's models must not pass the check unread
    if (!face.spoof) throw new Error('the anti-spoof policy is on but the kiosk\'s engine gives no anti-spoof scores (create it with spoofGate: true)');
    const { real, live } = face.spoof;
    if (!(real >= p.spoofGate.minReal && live >= p.spoofGate.minLive)) {
      face.embedding.fill(0);
      await p.chain.logAccess(identity, false);
      await p.audit.append({ at: Date.now(), holder: identity, action: 'login-failed', cid, templateVersion });
      await p.limiter.fail(identity);
      throw new FaceRequestError('spoof_suspected', 'the photo was not read as a live face: take it again of the person before the kiosk');
    }
  }
  const enrolled = openFaceTemplate({ envelope: { ...record.envelope, wrappedKeys: [{ recipient: key.recipient, wrappedKey: key.wrappedKey }] }, ciphertext, privateKey: p.kiosk.privateKey });
  const matched = cosineSimilarity(enrolled, face.embedding) >= (p.threshold ?? faceThreshold(p.engine.model));
  enrolled.fill(0);
  face.embedding.fill(0);
  await p.chain.logAccess(identity, matched);
  await p.audit.append({ at: Date.now(), holder: identity, action: matched ? 'login-matched' : 'login-failed', cid, templateVersion });
  if (!matched) {
    await p.limiter.fail(identity);
    throw new FaceRequestError('face_not_matched', 'the face was not confirmed for this identity');
  }
  await p.limiter.succeed(identity);
  return { matched: true, templateVersion };
}
