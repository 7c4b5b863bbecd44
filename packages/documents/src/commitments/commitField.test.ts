import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { commitFieldImage, commitFieldText, hashDocumentImage } from './commitField.js';

describe('field commitments', () => {
  it('opens with the salt it returns: the same text and salt give the same commitment', () => {
    const first = commitFieldText('NGUYEN VAN ANH');
    const again = commitFieldText('NGUYEN VAN ANH', hexToBytes(first.salt.slice(2)));
    assert.equal(again.commitment, first.commitment);
    assert.match(first.salt, /^0x[0-9a-f]{64}$/);
  });

  it('hides equal values behind fresh salts, and changes with one character', () => {
    const salt = new Uint8Array(32).fill(7);
    assert.notEqual(commitFieldText('1987-03-14').commitment, commitFieldText('1987-03-14').commitment);
    assert.notEqual(commitFieldText('1987-03-14', salt).commitment, commitFieldText('1987-03-15', salt).commitment);
  });

  it('keeps image and text commitments apart for the same bytes and salt', () => {
    const salt = new Uint8Array(32).fill(1);
    assert.notEqual(commitFieldImage(utf8ToBytes('M'), salt).commitment, commitFieldText('M', salt).commitment);
  });

  it('hashes the whole image with SHA-256 as received', () => {
    assert.equal(hashDocumentImage(utf8ToBytes('abc')), '0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
