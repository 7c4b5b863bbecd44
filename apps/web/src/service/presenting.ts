import type { Hash } from 'viem';
import { attributesDigest, createPresentation, openCredential, sealDisclosures, type CredentialEnvelope, type IdentreeCredential, type Presentation } from '@identree/sdk';
import { toBase64url } from './base64url.js';
import { answer, serviceClient } from './api.js';
import { ServiceAnswerError } from './http.js';
import type { PresentationRequest } from './presentationRequest.js';
import { clientOf, type Session } from './session.js';
import { grantAccess } from './wallet.js';

export type HeldDocument = { uid: Hash; credential: IdentreeCredential };
type Delivery = { id: number; uid: Hash; envelope: CredentialEnvelope; ciphertext: string };

const needsLocalKey = (session: Session) => {
  if (!session.signer.local) throw new Error('A wallet extension cannot open the credentials sealed to your key. Import your key into this browser to present them.');
  return session.signer.local;
};

/**
 * The credentials issuers delivered to this holder, fetched sealed and opened here with the key in
 * this page. One the key cannot open (sealed to a key since rotated away) is counted, not shown.
 */
export async function openMyCredentials(session: Session): Promise<{ documents: HeldDocument[]; unreadable: number }> {
  const local = needsLocalKey(session);
  const { credentials } = (await answer(clientOf(session).GET('/me/credentials'))) as { credentials: Delivery[] };
  const documents: HeldDocument[] = [];
  let unreadable = 0;
  for (const d of credentials) {
    try {
      documents.push({ uid: d.uid, credential: local.unseal((privateKey) => openCredential({ envelope: d.envelope, ciphertext: d.ciphertext, privateKey })).credential });
    } catch {
      unreadable++;
    }
  }
  return { documents, unreadable };
}

/** How long a verifier may read a presentation's disclosures again, when the holder allows it. */
export const KEEP_ACCESS_SECONDS = 86_400;

export type PresentParameters = {
  request: PresentationRequest;
  disclose: { credential: IdentreeCredential; attributes: string[] }[];
  /** Also grant the verifier a day's access to these disclosures, sealed to its key and revocable in the wallet. */
  keepAccess: boolean;
};

/**
 * Signs a presentation of only the chosen attributes (SDK `createPresentation`, with the key in this
 * page), bound to the verifier's audience and nonce. With `keepAccess`, each credential's
 * disclosures are also granted to the verifier on chain and left with the service sealed to the
 * verifier's key, so the verifier can read them again until the holder revokes the grant.
 */
export async function present(session: Session, { request, disclose, keepAccess }: PresentParameters): Promise<Presentation> {
  const local = needsLocalKey(session);
  const chosen = disclose.filter((d) => d.attributes.length > 0);
  if (chosen.length === 0) throw new Error('Tick at least one attribute to share.');
  const presentation = await createPresentation({ holder: local.account, audience: request.audience, nonce: request.nonce, disclose: chosen });
  if (keepAccess && request.verifier) {
    const verifier = request.verifier;
    const { publicKey } = (await answer(serviceClient().GET('/identities/{address}/public-key', { params: { path: { address: verifier } } }))) as { publicKey: `0x${string}` };
    for (const c of presentation.credentials) {
      const names = c.disclosures.map((d) => d.name);
      await grantAccess(session, { holder: presentation.holder, verifier, uid: c.uid, duration: KEEP_ACCESS_SECONDS, attributes: attributesDigest(names) });
      const sealed = sealDisclosures({ holder: presentation.holder, uid: c.uid, disclosures: c.disclosures, recipients: [publicKey] });
      await storeShare(session, sealed.envelope, toBase64url(sealed.ciphertext));
    }
  }
  return presentation;
}

/** The share is accepted once the service has indexed the grant just relayed; that takes a block or two. */
async function storeShare(session: Session, envelope: unknown, ciphertext: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await answer(clientOf(session).PUT('/shares', { body: { envelope: envelope as never, ciphertext } }));
    } catch (error) {
      if (!(error instanceof ServiceAnswerError && error.code === 'no_live_grant') || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

