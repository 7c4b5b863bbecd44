import { getAddress, type Address } from 'viem';
import { faceTemplateCidBytes, type FaceTemplateEnvelope, type SignedFaceTemplateMessage } from '@identree/sdk';
import { FaceRequestError } from '../errors.js';
import type { FaceServicePorts } from '../ports/ports.js';
import { checkEnvelope } from './checkEnvelope.js';
import { checkGuardianRecipients } from './checkGuardianRecipients.js';

export type StoreTemplateParameters = FaceServicePorts & {
  /** The identity the signed-in key acts for. */
  identity: Address;
  /** The signed-in key (the identity's current key); the envelope must hold a key wrapped to it. */
  key: Address;
  /** The face model that made the embedding (e.g. `human-3.3.6/faceres`), kept beside the envelope. */
  model: string;
  envelope: FaceTemplateEnvelope;
  ciphertext: Uint8Array;
  /** The holder's signed `enroll` or `reenroll` message for the face template registry. */
  signed: SignedFaceTemplateMessage;
};
export type StoreTemplateReturnType = { cid: string; templateVersion: number; transactionHash: `0x${string}`; replaced?: { cid: string; templateVersion: number } };

/**
 * Enrolls or re-enrolls a template sealed on the holder's device: the service receives only the
 * ciphertext and the wrapped keys, so it never holds a template it can decrypt. The blob is pinned, the
 * holder's signed commitment relayed on chain, then the envelope kept; if the chain refuses, the blob is
 * unpinned again and nothing is kept. A re-enrollment unpins the replaced blob. Every step is audited.
 * Besides the holder's key, the data key may be wrapped to the holder's current guardians' keys (checked on
 * chain), so that a guardian can give face login back after a recovery (`rewrapTemplateKey`).
 *
 * @example
 * await storeTemplate({ ...ports, identity, model, envelope, ciphertext, signed })
 */
export async function storeTemplate(p: StoreTemplateParameters): Promise<StoreTemplateReturnType> {
  const identity = getAddress(p.identity);
  checkEnvelope(p.envelope, p.ciphertext, identity, p.key);
  const { cid, templateVersion } = p.envelope;
  if (p.signed.action === 'erase' || getAddress(p.signed.identity) !== identity) {
    throw new FaceRequestError('holder_mismatch', 'the signed chain message must enroll or re-enroll the signed-in identity');
  }
  if (p.signed.templateVersion !== templateVersion || p.signed.cid?.toLowerCase() !== faceTemplateCidBytes(cid)) {
    throw new FaceRequestError('template_mismatch', 'the signed chain message names another CID or version than the envelope');
  }
  await checkGuardianRecipients(p.chain, p.envelope, identity, p.key);
  const previous = await p.records.get(identity);
  if (p.signed.action === 'enroll' && previous) throw new FaceRequestError('template_exists', `${identity} already has face template version ${previous.envelope.templateVersion}: re-enroll to replace it`);
  if (p.signed.action === 'reenroll' && !previous) throw new FaceRequestError('template_not_found', `${identity} has no face template to replace: enroll first`);

  const stored = await p.blobs.put(p.ciphertext);
  if (stored !== cid) throw new Error(`the blob store named the template ${stored}, not ${cid}`);
  await p.audit.append({ at: Date.now(), holder: identity, action: 'pinned', cid, templateVersion });
  let transactionHash: `0x${string}`;
  try {
    ({ hash: transactionHash } = await p.chain.relay(p.signed));
  } catch (error) {
    // Nothing half-written: the blob pinned above goes again, unless it is the current template's.
    if (previous?.envelope.cid !== cid) {
      await p.blobs.remove(cid);
      await p.audit.append({ at: Date.now(), holder: identity, action: 'unpinned', cid, templateVersion });
    }
    throw new FaceRequestError('chain_refused', `the face template registry refused the commitment: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  await p.records.put({ holder: identity, envelope: p.envelope, model: p.model, enrolledAt: Date.now() });
  await p.audit.append({ at: Date.now(), holder: identity, action: previous ? 're-enrolled' : 'enrolled', cid, templateVersion });
  if (previous && previous.envelope.cid !== cid) {
    await p.blobs.remove(previous.envelope.cid);
    await p.audit.append({ at: Date.now(), holder: identity, action: 'unpinned', cid: previous.envelope.cid, templateVersion: previous.envelope.templateVersion });
  }
  const replaced = previous ? { cid: previous.envelope.cid, templateVersion: previous.envelope.templateVersion } : undefined;
  return { cid, templateVersion, transactionHash, ...(replaced ? { replaced } : {}) };
}
