import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { LivenessChallengeFailedError } from '../errors.js';
import { createHumanEngine } from '../human/createHumanEngine.js';
import type { FaceObservation } from '../pipeline/types.js';
import { blankPng, embeddingOf, faceAt, scriptedEngine } from '../testing/scriptedEngine.js';
import { checkLiveness } from './checkLiveness.js';
import { encodeAbiParameters, keccak256, parseAbiParameters } from 'viem';
import { createLivenessChallenge, livenessChallengeHash, type LivenessChallenge, type LivenessStep } from './createLivenessChallenge.js';

const me = embeddingOf(7);
const pose: Record<LivenessStep | 'facing', Partial<FaceObservation>> = {
  facing: { yaw: 0 }, 'turn-left': { yaw: 0.5 }, 'turn-right': { yaw: -0.5 }, blink: { yaw: 0, eyeOpenness: { left: 0.05, right: 0.06 } },
};
/** A recording of someone performing `steps`: facing, then each step held two frames and back to facing. */
const performing = (steps: LivenessStep[], who = me) =>
  [pose.facing, ...steps.flatMap((s) => [pose[s], pose[s], pose.facing])].map((p) => [faceAt(who, p)]);
const challenge: LivenessChallenge = { id: '0x01', steps: ['turn-left', 'blink', 'turn-right'] as LivenessStep[], issuedAt: 0, expiresAt: Date.now() + 60_000 };
const frames = async (n: number) => Array(n).fill(await blankPng());

test('frames that perform the challenge\'s steps in order pass and give the hash the login binds', async () => {
  const script = performing(challenge.steps);
  const { livenessHash, observed } = await checkLiveness({ engine: scriptedEngine(script), challenge, frames: await frames(script.length) });
  assert.deepEqual(observed, challenge.steps);
  assert.match(livenessHash, /^0x[0-9a-f]{64}$/);
});

test('the right steps in the wrong order fail', async () => {
  const script = performing(['turn-right', 'blink', 'turn-left']);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(script), challenge, frames: await frames(script.length) }), /asked for turn-left, blink, turn-right/);
});

test('a recording of a different challenge replayed fails, one of the same steps passes: replay is bounded only by chance', async () => {
  const other = performing(['blink', 'turn-left', 'blink']);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(other), challenge, frames: await frames(other.length) }), LivenessChallengeFailedError);
  const same = performing(challenge.steps);
  assert.ok(await checkLiveness({ engine: scriptedEngine(same), challenge, frames: await frames(same.length) }));
});

test('a sequence where another person does a step fails', async () => {
  const script = performing(challenge.steps);
  script[4] = [faceAt(embeddingOf(8), pose.blink)];
  await assert.rejects(checkLiveness({ engine: scriptedEngine(script), challenge, frames: await frames(script.length) }), /another person/);
});

test('the anti-spoof gate, when on, refuses a sequence its models read as a spoof and passes one they read as real', async () => {
  const scored = (real: number, live: number) => performing(challenge.steps).map((frame) => frame.map((f) => ({ ...f, spoof: { real, live } })));
  const real = scored(0.9, 0.8);
  assert.ok(await checkLiveness({ engine: scriptedEngine(real), challenge, frames: await frames(real.length), spoofGate: true }));
  const spoof = scored(0.9, 0.1);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(spoof), challenge, frames: await frames(spoof.length), spoofGate: true }), /anti-spoof models read a spoof/);
  const again = scored(0.9, 0.1);
  assert.ok(await checkLiveness({ engine: scriptedEngine(again), challenge, frames: await frames(again.length) }), 'the gate is off by default');
});

test('the anti-spoof gate on an engine that gives no scores refuses rather than passing unchecked', async () => {
  const script = performing(challenge.steps);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(script), challenge, frames: await frames(script.length), spoofGate: { minReal: 0.5, minLive: 0.5 } }), /no anti-spoof scores/);
});

test('a challenge that carries an anti-spoof policy applies it at its own minima, even when the caller asks for no gate', async () => {
  const gated: LivenessChallenge = { ...challenge, spoofGate: { minReal: 0.6, minLive: 0.5 } };
  const scored = (real: number, live: number) => performing(challenge.steps).map((frame) => frame.map((f) => ({ ...f, spoof: { real, live } })));
  const low = scored(0.55, 0.9);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(low), challenge: gated, frames: await frames(low.length), spoofGate: false }), /anti-spoof models read a spoof/);
  const real = scored(0.65, 0.9);
  assert.ok(await checkLiveness({ engine: scriptedEngine(real), challenge: gated, frames: await frames(real.length) }));
  const unscored = performing(challenge.steps);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(unscored), challenge: gated, frames: await frames(unscored.length) }), /no anti-spoof scores/);
});

test('the caller\'s own gate cannot lower the challenge\'s policy: each minimum is the higher of the two', async () => {
  const gated: LivenessChallenge = { ...challenge, spoofGate: { minReal: 0.6, minLive: 0.2 } };
  const script = performing(challenge.steps).map((frame) => frame.map((f) => ({ ...f, spoof: { real: 0.55, live: 0.45 } })));
  await assert.rejects(checkLiveness({ engine: scriptedEngine(script), challenge: gated, frames: await frames(script.length), spoofGate: { minReal: 0.1, minLive: 0.1 } }), /real 0.55/);
  await assert.rejects(checkLiveness({ engine: scriptedEngine(script), challenge: { ...gated, spoofGate: { minReal: 0.5, minLive: 0.2 } }, frames: await frames(script.length), spoofGate: true }), /live 0.45/);
});

test('the challenge hash covers the anti-spoof policy: dropped or changed, the hash differs; absent, it is the hash earlier versions computed', () => {
  const gated: LivenessChallenge = { ...challenge, spoofGate: { minReal: 0.5, minLive: 0.5 } };
  const { spoofGate: _, ...dropped } = gated;
  assert.notEqual(livenessChallengeHash(gated), livenessChallengeHash(dropped));
  assert.notEqual(livenessChallengeHash(gated), livenessChallengeHash({ ...gated, spoofGate: { minReal: 0.5, minLive: 0.4 } }));
  assert.equal(livenessChallengeHash(gated), livenessChallengeHash(structuredClone(gated)));
  // the encoding of the challenges issued before the policy existed, written out with viem's ABI encoder
  assert.equal(livenessChallengeHash(challenge), keccak256(encodeAbiParameters(parseAbiParameters('bytes, string, uint64'), [challenge.id, 'turn-left,blink,turn-right', BigInt(challenge.expiresAt)])));
  assert.equal(livenessChallengeHash(gated), keccak256(encodeAbiParameters(parseAbiParameters('bytes, string, uint64, string'), [challenge.id, 'turn-left,blink,turn-right', BigInt(challenge.expiresAt), 'real=0.5,live=0.5'])));
});

test('a fresh challenge carries the policy it is given, and none otherwise', () => {
  assert.deepEqual(createLivenessChallenge({ spoofGate: { minReal: 0.6, minLive: 0.5 } }).spoofGate, { minReal: 0.6, minLive: 0.5 });
  assert.equal('spoofGate' in createLivenessChallenge(), false);
});

test('an expired challenge fails before any frame is read', async () => {
  const engine = scriptedEngine([]);
  await assert.rejects(checkLiveness({ engine, challenge: { ...challenge, expiresAt: 1 }, frames: await frames(10) }), /expired/);
  assert.equal(engine.calls, 0);
});

test('a fresh challenge has no step twice in a row', () => {
  for (let i = 0; i < 50; i++) {
    const { steps } = createLivenessChallenge();
    assert.equal(steps.length, 3);
    assert.ok(steps.every((s, j) => j === 0 || s !== steps[j - 1]));
  }
});

test('a still photo shown for every frame, even with light and compression jitter, fails on the real engine', async () => {
  const assets = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets');
  const still = await readFile(path.join(assets, 'screenshot-faceid.jpg'));
  const jitter = await Promise.all([1, 0.9, 1.1, 0.95, 1.05, 1, 0.9].map((b, i) => sharp(still).modulate({ brightness: b }).jpeg({ quality: 60 + i * 5 }).toBuffer()));
  const engine = await createHumanEngine();
  after(() => engine.dispose());
  await assert.rejects(checkLiveness({ engine, challenge, frames: jitter }), /the frames show no movement/);
});
