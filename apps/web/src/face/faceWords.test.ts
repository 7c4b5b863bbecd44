import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FaceTooSmallError, LivenessChallengeFailedError, NoFaceError, SeveralFacesError, SpoofSuspectedError } from '@identree/biometrics/browser';
import { ServiceAnswerError } from '../service/http.js';
import { faceErrorWords, STEP_WORDS } from './faceWords.js';

test('face errors read as what to do, and a refused face never shows a score', () => {
  assert.equal(faceErrorWords(new NoFaceError()), 'No face found — face the camera in good light.');
  assert.equal(faceErrorWords(new SeveralFacesError(2)), '2 faces are in view — only you should be in front of the camera.');
  assert.equal(faceErrorWords(new FaceTooSmallError(40, 64)), 'Your face is too far away — come closer to the camera.');
  assert.match(faceErrorWords(new LivenessChallengeFailedError('asked for blink, turn-left, blink; the frames show no movement')), /^We could not see you do the steps as asked\. A photo/);
  assert.equal(faceErrorWords(new LivenessChallengeFailedError('the challenge expired')), 'The steps took too long. Start again.');
  const spoof = faceErrorWords(new SpoofSuspectedError(0.31, 0.42));
  assert.match(spoof, /^This service checks that the camera sees a live face, and it read this one as a photo or a screen\. Nothing was sent\./);
  assert.doesNotMatch(spoof, /0\.\d/, 'no score');
  const refused = faceErrorWords(new ServiceAnswerError(401, 'face_not_matched', 'the face was not confirmed for this identity'));
  assert.equal(refused, 'Your face does not match the face enrolled for this identity. Nothing was signed in.');
  assert.match(faceErrorWords(new ServiceAnswerError(404, 'template_not_found', 'x')), /^No face is enrolled for this identity\./);
});

test('every liveness step has words', () => {
  assert.deepEqual(Object.keys(STEP_WORDS).sort(), ['blink', 'turn-left', 'turn-right']);
});
