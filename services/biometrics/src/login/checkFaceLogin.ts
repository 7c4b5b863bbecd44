import { faceMatchResultHash, faceThreshold, livenessChallengeHash } from '@identree/biometrics';
import { getAddress, type Address, type Hash } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { FaceRequestError } from '../errors.js';
import type { FaceServicePorts } from '../ports/ports.js';
import type { FaceChallengeStore } from './faceChallenges.js';
import type { FaceFailureLimiter } from './faceFailureLimiter.js';

/** What the holder's device reports of its local match: never the similarity score. */
export type FaceMatchReport = {
  outcome: 'matched' | 'not-matched';
  cid: string;
  templateVersion: number;
  model: string;
  threshold: number;
};

export type CheckFaceLoginParameters = Pick<FaceServicePorts, 'chain' | 'records' | 'audit'> & {
  /** The key whose SIWE signature the caller has already verified (and whose nonce it consumed). */
  key: Address;
  message: string;
  match: FaceMatchReport;
  challenges: FaceChallengeStore;
  limiter: FaceFailureLimiter;
  /** The lowest threshold the service accepts a match at. @default faceThreshold(match.model), the model's own */
  minThreshold?: number;
};
export type CheckFaceLoginReturnType = { identity: Address; matchResultHash: Hash };

export const FACE_MATCH_URN = 'urn:identree:face-match:';
export const FACE_MISMATCH_URN = 'urn:identree:face-mismatch:';
/** The resource a SIWE message carries to ask for the holder's sealed template (POST /auth/face/challenge): proof of the key, for that purpose only. */
export const FACE_TEMPLATE_REQUEST_URN = 'urn:identree:face-template-request';

/**
 * The service's half of face login, after the SIWE signature checked out: the message must be the one
 * the challenge was issued for (its nonce, its identity), and carry, signed by the holder's key, the hash
 * of the match result bound to that liveness challenge and to the template the chain holds now. A
 * reported mismatch, or a binding that does not hold, is `face_not_matched` (401, no score) and counts
 * against the identity; too many and it is 429 with the seconds to wait.
 *
 * @example
 * const { identity } = await checkFaceLogin({ key, message, match, challenges, limiter, chain, records, audit })
 */
export async function checkFaceLogin(p: CheckFaceLoginParameters): Promise<CheckFaceLoginReturnType> {
  const fields = parseSiweMessage(p.message);
  const issued = fields.nonce ? await p.challenges.take(fields.nonce) : null;
  if (!issued) throw new FaceRequestError('challenge_unknown', 'no live face challenge was issued for this sign-in nonce: ask for a new challenge');
  const identity = await p.chain.identityOf(getAddress(p.key));
  if (identity !== issued.identity) throw new FaceRequestError('holder_mismatch', `the challenge was issued for ${issued.identity}, not for the identity this key acts for`);
  await p.limiter.check(identity);

  const notMatched = async (why: string): Promise<never> => {
    await p.limiter.fail(identity);
    await p.audit.append({ at: Date.now(), holder: identity, action: 'login-failed', cid: p.match.cid, templateVersion: p.match.templateVersion });
    // `why` goes to the service's log through the error's cause; the client sees one answer for all.
    throw new FaceRequestError('face_not_matched', 'the face was not confirmed for this identity', { cause: new Error(why) });
  };
  const livenessHash = livenessChallengeHash(issued.challenge);
  const matchResultHash = faceMatchResultHash({ ...p.match, livenessHash });
  const resources = fields.resources ?? [];
  if (p.match.outcome !== 'matched') {
    // Counted only when the holder's key signed the report, so no one else can lock the holder out.
    if (!resources.includes(`${FACE_MISMATCH_URN}${matchResultHash}`)) throw new FaceRequestError('face_not_matched', 'the face was not confirmed for this identity');
    return notMatched('the holder\'s device reported no match');
  }
  if (!resources.includes(`${FACE_MATCH_URN}${matchResultHash}`)) return notMatched('the signed message does not carry this match result bound to this challenge');
  if (!(p.match.threshold >= (p.minThreshold ?? faceThreshold(p.match.model)))) return notMatched(`threshold ${p.match.threshold} is below the service's`);
  const record = await p.records.get(identity);
  if (!record || record.envelope.cid !== p.match.cid || record.envelope.templateVersion !== p.match.templateVersion || record.model !== p.match.model) {
    return notMatched('the match was against another template than the enrolled one');
  }
  if (!(await p.chain.isCurrent(identity, p.match.cid, p.match.templateVersion))) return notMatched('the chain does not hold this template as current');
  await p.limiter.succeed(identity);
  await p.audit.append({ at: Date.now(), holder: identity, action: 'login-matched', cid: p.match.cid, templateVersion: p.match.templateVersion });
  return { identity, matchResultHash };
}
