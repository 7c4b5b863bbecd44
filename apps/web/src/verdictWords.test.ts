import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reasonWords, typeWords, valueWords } from './verdictWords.js';

describe('verdict words', () => {
  it('says yes or no for a derived claim', () => {
    assert.deepEqual([valueWords(true), valueWords(false)], ['yes', 'no']);
  });

  it('writes a date attribute as a person would', () => {
    assert.equal(valueWords('1990-05-17'), '17 May 1990');
  });

  it('leaves other values as they are', () => {
    assert.equal(valueWords('BSc Computer Science'), 'BSc Computer Science');
  });

  it('gives a reason the app knows as a sentence, and an unknown one as the service said it', () => {
    assert.equal(reasonWords('credential_revoked', 'revoked by its issuer'), 'A credential was revoked by its issuer.');
    assert.equal(reasonWords('something_new', 'the service\'s words'), 'the service\'s words');
  });

  it('names a credential type in words', () => {
    assert.equal(typeWords('BirthCertificate'), 'Birth certificate');
  });
});
