import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { livenessChallengeHash } from '@identree/biometrics';
import { openStorage } from '@identree/store';
import { FaceRequestError } from '../errors.js';
import { issueFaceChallenge, storedFaceChallenges } from './faceChallenges.js';
import { storedFaceFailureLimiter } from './faceFailureLimiter.js';

const identity = privateKeyToAccount(generatePrivateKey()).address;
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const place = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'face-state-'));
  dirs.push(dir);
  return () => openStorage({ dataDir: dir });
};

test('failed face logins survive a restart: the limiter over the reopened database still answers 429 with the wait', async () => {
  const open = await place();
  let clock = Date.UTC(2026, 11, 6, 2, 0);
  const before = await open();
  const limiter = storedFaceFailureLimiter(before.loginFailures, { maxFailures: 3, windowMs: 60_000, now: () => clock });
  for (let i = 0; i < 3; i++) await limiter.fail(identity);
  await before.close();

  clock += 20_000;
  const afterRestart = await open();
  const again = storedFaceFailureLimiter(afterRestart.loginFailures, { maxFailures: 3, windowMs: 60_000, now: () => clock });
  await assert.rejects(again.check(identity), (e: FaceRequestError) => e.code === 'too_many_face_failures' && e.statusCode === 429 && e.retryAfterSeconds === 40);
  clock += 40_000;
  await again.check(identity);
  await afterRestart.close();
});

test('two service processes on one database count each other\'s failures, concurrent ones included', async () => {
  const storage = await (await place())();
  // Two limiters, as two API processes each build their own; the database is what they share.
  const [a, b] = [storedFaceFailureLimiter(storage.loginFailures, { maxFailures: 10 }), storedFaceFailureLimiter(storage.loginFailures, { maxFailures: 10 })];
  await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).fail(identity)));
  await assert.rejects(a.check(identity), (e: FaceRequestError) => e.code === 'too_many_face_failures');
  await assert.rejects(b.check(identity), (e: FaceRequestError) => e.code === 'too_many_face_failures');
  await b.succeed(identity);
  await a.check(identity);
  await storage.close();
});

test('a face challenge issued before a restart is taken after it, by one login only', async () => {
  const open = await place();
  const before = await open();
  const issued = await issueFaceChallenge({ identity, nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', challenges: storedFaceChallenges(before.nonces) });
  await before.close();

  const afterRestart = await open();
  const [one, two] = [storedFaceChallenges(afterRestart.nonces), storedFaceChallenges(afterRestart.nonces)];
  const taken = await Promise.all([one.take(issued.nonce), two.take(issued.nonce), one.take(issued.nonce)]);
  assert.deepEqual(taken.filter(Boolean), [issued]);
  assert.equal(await two.take(issued.nonce), null);
  await afterRestart.close();
});

test('a face challenge is not the sign-in nonce itself: consuming the nonce leaves the challenge for its login', async () => {
  const storage = await (await place())();
  const { nonce } = await storage.loginNonces.issue(60_000);
  const issued = await issueFaceChallenge({ identity, nonce, challenges: storedFaceChallenges(storage.nonces) });
  assert.equal(await storage.loginNonces.consume(nonce), true);
  assert.deepEqual(await storedFaceChallenges(storage.nonces).take(nonce), issued);
  await storage.close();
});

test('a face challenge carrying the anti-spoof policy keeps it through the database, so the login hashes the policy it was issued', async () => {
  const storage = await (await place())();
  const issued = await issueFaceChallenge({ identity, nonce: 'f1e2d3c4b5a60718293a4b5c6d7e8f90', challenges: storedFaceChallenges(storage.nonces), spoofGate: { minReal: 0.6, minLive: 0.45 } });
  const taken = await storedFaceChallenges(storage.nonces).take(issued.nonce);
  assert.deepEqual(taken?.challenge.spoofGate, { minReal: 0.6, minLive: 0.45 });
  assert.equal(livenessChallengeHash(taken!.challenge), livenessChallengeHash(issued.challenge));
  await storage.close();
});
