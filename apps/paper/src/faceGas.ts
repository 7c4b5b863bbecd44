// Gas of face template commitments (issue 21): one slot per identity in the FaceTemplateRegistry, beside
// the identity registry. User3 enrolls its sealed template with its own key, re-enrolls a newer version and
// erases it; User2's enrollment is signed by its key and relayed by the Government (the biometrics service
// pays), then erased the same way. The CIDs are real: templates sealed with `sealFaceTemplate`.
import {
  commitFaceTemplate,
  deployFaceTemplateRegistry,
  recordFaceTemplateErasure,
  relayFaceTemplateMessage,
  sealFaceTemplate,
  signFaceTemplateMessage,
} from '@identree/sdk';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Walkthrough } from './walkthrough.js';

export type FaceGas = {
  deployFaceTemplateRegistry: number;
  enrollFaceTemplate: number;
  reenrollFaceTemplate: number;
  eraseFaceTemplate: number;
  enrollFaceTemplateBySig: number;
  eraseFaceTemplateBySig: number;
};

export async function measureFaceGas(w: Walkthrough): Promise<FaceGas> {
  const gov = w.client('Government');
  const { faceTemplateRegistry, gasUsed: deployGas } = await deployFaceTemplateRegistry(gov, { registry: w.registry });
  const recipient = privateKeyToAccount(generatePrivateKey()).publicKey;
  const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i + 1) / 32);
  const cidOf = (holder: `0x${string}`, templateVersion: number) =>
    sealFaceTemplate({ holder, embedding, templateVersion, recipients: [recipient] }).envelope.cid;

  // User1's key was replaced by guardian recovery in the holder rows, so User3 acts here.
  const user3 = w.client('User3');
  const enrolled = await commitFaceTemplate(user3, { faceTemplateRegistry, cid: cidOf(w.addresses.User3, 1), templateVersion: 1 });
  const reenrolled = await commitFaceTemplate(user3, { faceTemplateRegistry, cid: cidOf(w.addresses.User3, 2), templateVersion: 2, mode: 'reenroll' });
  const erased = await recordFaceTemplateErasure(user3, { faceTemplateRegistry });

  const user2 = w.client('User2');
  // The walk-through's chain runs ahead of this machine's clock (the recovery delay was skipped), so the
  // messages' deadlines follow the chain's time.
  const deadline = (await gov.getBlock()).timestamp + 3600n;
  const signedEnroll = await signFaceTemplateMessage(user2, { faceTemplateRegistry, action: 'enroll', cid: cidOf(w.addresses.User2, 1), templateVersion: 1, deadline });
  const relayedEnroll = await relayFaceTemplateMessage(gov, { faceTemplateRegistry, ...signedEnroll });
  const signedErase = await signFaceTemplateMessage(user2, { faceTemplateRegistry, action: 'erase', templateVersion: 1, deadline });
  const relayedErase = await relayFaceTemplateMessage(gov, { faceTemplateRegistry, ...signedErase });

  return {
    deployFaceTemplateRegistry: Number(deployGas),
    enrollFaceTemplate: Number(enrolled.gasUsed),
    reenrollFaceTemplate: Number(reenrolled.gasUsed),
    eraseFaceTemplate: Number(erased.gasUsed),
    enrollFaceTemplateBySig: Number(relayedEnroll.gasUsed),
    eraseFaceTemplateBySig: Number(relayedErase.gasUsed),
  };
}
