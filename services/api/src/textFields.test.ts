import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findControlCharacter } from './textFields.js';

describe('findControlCharacter', () => {
  it('names the path of the first string holding a control character, as Ajv names a field', () => {
    assert.equal(findControlCharacter({ a: ['ok', { 'b/c': 'x\u0000' }] })?.instancePath, '/a/1/b~1c');
    assert.equal(findControlCharacter(['fine', 'tab\there'])?.instancePath, '/1');
    assert.equal(findControlCharacter('bell\u0007')?.instancePath, '');
    assert.deepEqual(findControlCharacter({ outer: { 'key\u001b': 1 } }), { instancePath: '/outer', message: 'must not contain control characters in property names', params: { keyword: 'controlCharacters' } });
  });

  it('passes text without controls, numbers, booleans, null, and leaves Buffers and class instances alone', () => {
    assert.equal(findControlCharacter({ name: 'Ñandú 日本 😀', n: 1, b: true, z: null, list: [] }), null);
    assert.equal(findControlCharacter({ bytes: Buffer.from([0, 1, 2]) }), null);
    assert.equal(findControlCharacter(new (class { text = '\u0000' })()), null);
  });

  it('lets line breaks and tabs through only in the named multi-line fields', () => {
    const multiline = new Set(['/message']);
    assert.equal(findControlCharacter({ message: 'line one\nline two\r\n\tthree' }, multiline), null);
    assert.equal(findControlCharacter({ message: 'nul\u0000' }, multiline)?.instancePath, '/message');
    assert.equal(findControlCharacter({ message: 'ok\n', signature: '0x\n' }, multiline)?.instancePath, '/signature');
  });
});
