import { checkObservedLiveness, faceThreshold, livenessChallengeHash, matchFaceTemplate, oneFace, signFaceLogin, type FaceObservation, type LivenessChallenge } from '@identree/biometrics/browser';
import { sealFaceTemplate, type FaceTemplateEnvelope } from '@identree/sdk';
import type { Address, Hex } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import type { MessageSigner, TypedDataToSign } from '../keys/injectedWallet.js';
import { answer, serviceClient } from './api.js';
import { clientOf, type Session } from './session.js';

export type FaceStatus = { templateVersion: number; status: string };
export type FaceAction = 'enroll' | 'reenroll' | 'erase';

/** What the chain records of the identity's face template (public, like the chain). */
export const fetchFaceStatus = async (identity: Address) =>
  (await answer(serviceClient().GET('/face/templates/{identity}', { params: { path: { identity } } }))) as FaceStatus;

/** The service prepares the face template registry's EIP-712 message (domain, nonce); the key signs it here. */
async function signFaceMessage(signer: MessageSigner, action: FaceAction, body: { identity: Address; templateVersion: number; cid?: string }) {
  const typed = (await answer(serviceClient().POST('/prepare/face/{action}', { params: { path: { action } }, body }))) as TypedDataToSign;
  const message: Record<string, unknown> = { ...typed.message, nonce: BigInt(typed.message.nonce as string), deadline: BigInt(typed.message.deadline as string) };
  const signature = await signer.signTypedData({ ...typed, message });
  return {
    action, identity: body.identity, ...(message.cid ? { cid: message.cid as string } : {}), templateVersion: body.templateVersion,
    nonce: String(message.nonce), deadline: String(message.deadline), signature,
  };
}

const toBase64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64url = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

/**
 * Enrolls the face (or replaces the enrolled one): the embedding is sealed here to the holder's key,
 * the holder signs the chain commitment, and the service receives ciphertext and wrapped keys only.
 */
export async function storeFaceTemplate(session: Session, p: { identity: Address; embedding: Float32Array; model: string; status: FaceStatus }) {
  const { account } = session.signer.local!;
  const action: FaceAction = p.status.status === 'enrolled' ? 'reenroll' : 'enroll';
  const templateVersion = p.status.templateVersion + 1;
  const { envelope, ciphertext } = sealFaceTemplate({ holder: p.identity, embedding: p.embedding, templateVersion, recipients: [account.publicKey] });
  p.embedding.fill(0);
  const signed = await signFaceMessage(session.signer, action, { identity: p.identity, templateVersion, cid: envelope.cid });
  const body = { model: p.model, envelope, ciphertext: toBase64url(ciphertext), signed } as never;
  const api = clientOf(session);
  return answer(action === 'enroll' ? api.POST('/face/templates', { body }) : api.PUT('/face/templates', { body }));
}

/** Erases the face template: recorded on chain, the wrapped keys destroyed, the ciphertext deleted. */
export async function eraseFaceTemplate(session: Session, p: { identity: Address; status: FaceStatus }) {
  const signed = await signFaceMessage(session.signer, 'erase', { identity: p.identity, templateVersion: p.status.templateVersion });
  return answer(clientOf(session).DELETE('/face/templates', { body: { signed } as never }));
}

export type FaceChallenge = {
  nonce: string; domain: string; uri: string; chainId: number; statement: string;
  challenge: LivenessChallenge;
  template: { envelope: FaceTemplateEnvelope; model: string; ciphertext: string };
};
export type FaceMatchReport = { outcome: 'matched' | 'not-matched'; cid: string; templateVersion: number; model: string; threshold: number };
export type FaceLoginProof = { message: string; signature: Hex; match: FaceMatchReport };

/** What the key's signature must name for the service to hand over the identity's sealed template. */
const FACE_TEMPLATE_REQUEST = 'urn:identree:face-template-request';

/**
 * A sign-in nonce, the liveness steps to perform, and the sealed template to match against here. The
 * service hands the template's wrapped keys to the identity's current key only, so the key first signs a
 * SIWE message over a fresh nonce that asks for it.
 */
export async function requestFaceChallenge(signer: MessageSigner, identity: Address): Promise<FaceChallenge> {
  const api = serviceClient();
  const n = await answer(api.POST('/auth/nonce'));
  const message = createSiweMessage({
    domain: n.domain, uri: n.uri, chainId: n.chainId, statement: n.statement, nonce: n.nonce, version: '1',
    address: signer.address, issuedAt: new Date(), resources: [FACE_TEMPLATE_REQUEST],
  });
  const c = (await answer(api.POST('/auth/face/challenge', { body: { message, signature: await signer.signMessage(message) } }))) as FaceChallenge & { identity: Address };
  if (c.identity.toLowerCase() !== identity.toLowerCase()) throw new Error(`This key acts for ${c.identity}, not for ${identity}. Choose the key of ${identity}.`);
  return c;
}

/**
 * The device's half of face login: the template is opened here with the key and compared with the
 * frame facing the camera; the frames must perform the liveness steps; then the key signs the SIWE
 * message carrying the hash of the match bound to the challenge. A mismatch is signed as such, so the
 * service counts it against the identity's limit, and answers 401 without a score. A template enrolled with
 * another model throws FaceTemplateModelMismatchError (its message says to re-enroll) before anything is signed.
 */
export async function proveFace(signer: MessageSigner, c: FaceChallenge, observations: FaceObservation[][], model: string): Promise<FaceLoginProof> {
  const local = signer.local!;
  const facing = observations.filter((o) => o.length === 1).sort((a, b) => Math.abs(a[0].yaw) - Math.abs(b[0].yaw))[0] ?? observations[0] ?? [];
  const face = oneFace(facing);
  const template = { ...c.template, ciphertext: fromBase64url(c.template.ciphertext) };
  const { matched, threshold } = local.unseal((privateKey) => matchFaceTemplate({ embedding: face.embedding.slice(), model, template, privateKey, threshold: faceThreshold(model) }));
  const match: FaceMatchReport = { outcome: matched ? 'matched' : 'not-matched', cid: c.template.envelope.cid, templateVersion: c.template.envelope.templateVersion, model: c.template.model, threshold };
  // Liveness is checked only for a face that matched: a mismatch is reported whatever the frames show.
  if (matched) checkObservedLiveness({ challenge: c.challenge, observations, model });
  const siwe = { domain: c.domain, uri: c.uri, chainId: c.chainId, nonce: c.nonce, statement: c.statement };
  return signFaceLogin({ account: local.account, siwe, match, livenessHash: livenessChallengeHash(c.challenge), outcome: match.outcome })
    .then(({ message, signature }) => ({ message, signature, match }));
}

/** Face sign-in to this service: the token says how (`amr: ["face", "hwk"]`). */
export const postFaceLogin = async (proof: FaceLoginProof) =>
  (await answer(serviceClient().POST('/auth/face/login', { body: proof }))) as { accessToken: string; amr: string[] };
