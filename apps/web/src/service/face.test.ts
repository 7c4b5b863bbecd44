import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { parseSiweMessage } from 'viem/siwe';
import { faceMatchResultHash, livenessChallengeHash, SpoofSuspectedError, type FaceObservation, type LivenessChallenge, type LivenessStep } from '@identree/biometrics/browser';
import { sealFaceTemplate } from '@identree/sdk';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { proveFace, type FaceChallenge } from './face.js';

// The page's half of face login with the engine's observations given (the browser test runs the real engine on a
// fake camera; here the anti-spoof scores are chosen): the challenge's anti-spoof policy decides before anything is signed.
const privateKey = generatePrivateKey();
const account = privateKeyToAccount(privateKey);
const signer = { address: account.address, local: { account, unseal: (open: (k: `0x${string}`) => unknown) => open(privateKey) } } as unknown as MessageSigner;
const model = 'human@3.3.6/face-api@1.7.15/faceRecognitionNet';
const embedding = Float32Array.from({ length: 128 }, (_, i) => Math.cos(i * 0.7));
const norm = Math.hypot(...embedding);
embedding.forEach((v, i) => (embedding[i] = v / norm));
const { envelope, ciphertext } = sealFaceTemplate({ holder: account.address, embedding: embedding.slice(), templateVersion: 1, recipients: [account.publicKey] });

const steps: LivenessStep[] = ['turn-left', 'blink', 'turn-right'];
const challengeWith = (spoofGate?: LivenessChallenge['spoofGate']): FaceChallenge => ({
  nonce: 'a1b2c3d4e5f60718', domain: 'id.test', uri: 'https://id.test', chainId: 31337, statement: 'Sign in to Identree',
  challenge: { id: '0x0123', steps, issuedAt: Date.now(), expiresAt: Date.now() + 60_000, ...(spoofGate ? { spoofGate } : {}) },
  template: { envelope, model, ciphertext: Buffer.from(ciphertext).toString('base64url') },
});
const pose: Record<LivenessStep | 'facing', Partial<FaceObservation>> = {
  facing: { yaw: 0 }, 'turn-left': { yaw: 0.5 }, 'turn-right': { yaw: -0.5 }, blink: { yaw: 0, eyeOpenness: { left: 0.05, right: 0.06 } },
};
/** The frames of someone performing the steps, as an engine made with (or without) the gate's models reports them. */
const performing = (spoof?: { real: number; live: number }): FaceObservation[][] =>
  [pose.facing, ...steps.flatMap((s) => [pose[s], pose[s], pose.facing])].map((p) => [{
    box: [100, 100, 200, 200], score: 0.99, embedding: embedding.slice(), yaw: 0, pitch: 0, eyeOpenness: { left: 0.3, right: 0.3 }, ...p, ...(spoof ? { spoof } : {}),
  }]);

test('a challenge carrying the anti-spoof policy: frames its models read as a spoof are refused before anything is signed', async () => {
  let signed = 0;
  const watched = { ...signer, local: { ...signer.local!, account: { ...account, signMessage: (...a: Parameters<typeof account.signMessage>) => (signed++, account.signMessage(...a)) } } } as MessageSigner;
  await assert.rejects(proveFace(watched, challengeWith({ minReal: 0.5, minLive: 0.5 }), performing({ real: 0.3, live: 0.9 }), model), SpoofSuspectedError);
  await assert.rejects(proveFace(watched, challengeWith({ minReal: 0.5, minLive: 0.5 }), performing(), model), /no anti-spoof scores/, 'an engine without the gate\'s models does not pass unchecked');
  assert.equal(signed, 0, 'no login message was signed, so none can be sent');
});

test('frames that pass the policy give a login bound to the challenge as issued, policy included', async () => {
  const c = challengeWith({ minReal: 0.5, minLive: 0.5 });
  const proof = await proveFace(signer, c, performing({ real: 0.8, live: 0.9 }), model);
  assert.equal(proof.match.outcome, 'matched');
  const bound = faceMatchResultHash({ ...proof.match, livenessHash: livenessChallengeHash(c.challenge) });
  assert.deepEqual(parseSiweMessage(proof.message).resources, [`urn:identree:face-match:${bound}`]);
  const { spoofGate: _, ...withoutPolicy } = c.challenge;
  assert.notEqual(bound, faceMatchResultHash({ ...proof.match, livenessHash: livenessChallengeHash(withoutPolicy) }));
});

test('without a policy (the default) the scores are not read: the same spoof-scored frames sign in', async () => {
  const proof = await proveFace(signer, challengeWith(), performing({ real: 0.3, live: 0.1 }), model);
  assert.equal(proof.match.outcome, 'matched');
});
