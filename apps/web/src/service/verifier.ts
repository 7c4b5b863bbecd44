import type { Address, Hash, Hex } from 'viem';
import { attributesDigest, claimValue, openDisclosures, WHOLE_CREDENTIAL, type ShareEnvelope } from '@identree/sdk';
import { answer, serviceClient } from './api.js';
import { authorityWrite } from './authority.js';
import { fromBase64url } from './base64url.js';
import { ServiceAnswerError } from './http.js';
import type { PresentationRequest } from './presentationRequest.js';
import { clientOf, type Session } from './session.js';

export type VerdictReason = { code: string; message: string; credential?: Hash };
export type VerifiedCredential = { uid: Hash; issuer: Address; type: string; level: string; linked: boolean; disclosed: Record<string, string | boolean> };
export type Verdict =
  | { valid: true; holder: Address; audience: string; credentials: VerifiedCredential[]; reasons: [] }
  | { valid: false; holder?: Address; reasons: VerdictReason[] };

/** A fresh challenge from the service for `audience`; the request built on it is good until `expiresAt` (Unix seconds). */
export const issueNonce = async (audience: string) =>
  (await answer(serviceClient().POST('/presentations/nonce', { body: { audience } }))) as { audience: string; nonce: `0x${string}`; expiresAt: number };

/**
 * Checks a presentation against the request it should answer: the service checks signature,
 * proofs, chain status, level, linking and values; the kinds of credential asked for are checked
 * here, since the policy has no field for them. Every failure comes back as a reason.
 */
export async function verifyAnswer(request: PresentationRequest, text: string): Promise<Verdict> {
  let presentation: unknown;
  try {
    presentation = JSON.parse(text);
  } catch {
    throw new Error('That is not a presentation. Paste the whole text the holder\'s wallet gave you, from the first { to the last }.');
  }
  const policy = {
    ...(request.minLevel ? { minLevel: request.minLevel } : {}),
    ...(request.requireLinked ? { requireLinked: true } : {}),
    ...(request.attributes.length ? { requiredAttributes: request.attributes } : {}),
    ...(Object.keys(request.values).length ? { requiredValues: request.values } : {}),
  };
  let verdict: Verdict;
  try {
    // The presentation is the holder's text as pasted; the service's schema is the judge of its shape.
    verdict = (await answer(serviceClient().POST('/presentations/verify', { body: { audience: request.audience, nonce: request.nonce, presentation: presentation as never, policy } }))) as Verdict;
  } catch (error) {
    // A presentation the schema refuses is a verdict too, for the clerk: it does not hold.
    if (error instanceof ServiceAnswerError && error.status === 400) return { valid: false, reasons: [{ code: 'malformed', message: error.message }] };
    throw error;
  }
  if (!verdict.valid) return verdict;
  const presented = new Set(verdict.credentials.map((c) => c.type));
  const missing = request.types.filter((t) => !presented.has(t));
  if (missing.length === 0) return verdict;
  return { valid: false, holder: verdict.holder, reasons: missing.map((t) => ({ code: 'type_missing', message: `no ${t} was presented` })) };
}

export type SharedRead = { ok: true; disclosed: Record<string, string | boolean> } | { ok: false; refusal: string };

/**
 * The verifier reads again what the holder shared with it: the service hands over the sealed share
 * only while the holder's grant is live on chain, and the key opened in this page decrypts it.
 * A refusal (revoked, expired, never granted) is an answer, not an error.
 */
export async function readShared(session: Session, holder: Address, uid: Hash): Promise<SharedRead> {
  const local = session.signer.local;
  if (!local) throw new Error('A wallet extension cannot open what holders share with you. Import your verifier key into this browser.');
  let share: { envelope: ShareEnvelope; ciphertext: string };
  try {
    share = (await answer(clientOf(session).GET('/shares/{holder}/{uid}', { params: { path: { holder, uid } } }))) as typeof share;
  } catch (error) {
    if (error instanceof ServiceAnswerError && [403, 404, 410].includes(error.status)) {
      const refusal = error.code === 'grant_revoked' ? 'The holder revoked your access. Ask them to present again if you still need it.'
        : error.code === 'grant_expired' ? 'Your access has expired. Ask the holder to present again.'
          : `The holder has not given you access to this credential (${error.message}).`;
      return { ok: false, refusal };
    }
    throw error;
  }
  const { disclosures } = local.unseal((privateKey) => openDisclosures({ envelope: share.envelope, ciphertext: fromBase64url(share.ciphertext), privateKey }));
  return { ok: true, disclosed: Object.fromEntries(disclosures.map((d) => [d.name, claimValue(d.name, d.value)])) };
}

/** The grant a holder gave the signed-in verifier for one credential, as the chain has it now. */
export type ReceivedGrant = { holder: Address; verifier: Address; uid: Hash; attributes: Hex; expiresAt: number; live: boolean };

/** The verifier's own grant from `holder` for `uid`, or null when there is none (never granted, or revoked). */
export async function fetchReceivedGrant(session: Session, holder: Address, uid: Hash): Promise<ReceivedGrant | null> {
  try {
    return (await answer(clientOf(session).GET('/grants/{holder}/{uid}', { params: { path: { holder, uid } } }))) as ReceivedGrant;
  } catch (error) {
    if (error instanceof ServiceAnswerError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Records on the holder's on-chain access log that this verifier read `attributes` of the
 * credential: the service prepares `logAccess` as an AuthorityCall (POST /prepare/log-access/relayed), the
 * verifier's key signs it in this page, the sponsor pays, and the holder sees the entry in their timeline. Only while the
 * holder's grant is live: the grant is read again first, so a revoked one logs nothing.
 */
export async function logAccessOnChain(session: Session, p: { holder: Address; uid: Hash; attributes: string[] }): Promise<{ transactionHash: string | null | undefined; status: string }> {
  const grant = await fetchReceivedGrant(session, p.holder, p.uid);
  if (!grant?.live) throw new Error('The holder no longer lets you access this credential (the grant was revoked or has expired), so nothing was logged. Ask them to present again.');
  // Relayed: the verifier signs the logAccess call as an AuthorityCall and the sponsor pays, while the holder's
  // grant to it stands (the service refuses to sponsor a log without one).
  const sent = await authorityWrite(session, 'log-access', {
    holder: p.holder, uid: p.uid, attributes: p.attributes.length > 0 ? attributesDigest(p.attributes) : WHOLE_CREDENTIAL, success: true,
  });
  return { transactionHash: sent.transactionHash, status: sent.status };
}
