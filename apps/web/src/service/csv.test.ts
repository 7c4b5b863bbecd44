import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.js';

describe('reading a CSV of credentials', () => {
  it('keys each row by the header and keeps its line number', () => {
    const { header, rows } = parseCsv('holder,givenName\n0xA,Ana\n\n0xB,Luis\n');
    assert.deepEqual(header, ['holder', 'givenName']);
    assert.deepEqual(rows, [{ line: 2, values: { holder: '0xA', givenName: 'Ana' } }, { line: 4, values: { holder: '0xB', givenName: 'Luis' } }]);
  });

  it('reads quoted fields with commas, quotes and line breaks, and CRLF line ends', () => {
    const { rows } = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\r\n');
    assert.deepEqual(rows.map((r) => r.values), [{ a: 'x, y', b: 'say "hi"' }, { a: 'two\nlines', b: 'z' }]);
    assert.equal(rows[1]!.line, 3);
  });

  it('fills missing trailing fields with empty values', () => {
    assert.deepEqual(parseCsv('a,b,c\n1\n').rows[0]!.values, { a: '1', b: '', c: '' });
  });

  it('refuses a row longer than the header, naming its line', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n1,2,3\n'), /Line 3 has 3 fields but the first line names 2 columns/);
  });

  it('refuses an unclosed quote, naming where it opened', () => {
    assert.throws(() => parseCsv('a\n"open\n'), /opened on line 2 is never closed/);
  });

  it('refuses an empty file, saying what the first line holds', () => {
    assert.throws(() => parseCsv('\n'), /The file is empty/);
  });
});
