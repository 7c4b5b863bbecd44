import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDocument } from '../corpus/generateDocument.js';
import { getTemplate } from '../templates/getTemplate.js';
import type { FieldRecogniser, RecogniseOptions } from './fieldRecogniser.js';
import { readDocument } from './readDocument.js';

const template = getTemplate('passport-td3');
const doc = generateDocument({ templateId: 'passport-td3', seed: 'reread-test', index: 0 });
const numberAt = template.fields.findIndex((f) => f.name === 'PassportNumber');
const misread = `${doc.printed.PassportNumber[0] === 'I' ? 'L' : 'I'}${doc.printed.PassportNumber.slice(1)}`;

/** Answers each field's first reading as printed (the passport number misread), then `reread` once. */
function scriptedRecogniser(reread: string) {
  const calls: RecogniseOptions[] = [];
  const recogniser: FieldRecogniser = {
    async recognise(_png, options) {
      calls.push(options);
      const k = calls.length - 1;
      if (k < template.fields.length) return { text: k === numberAt ? misread : doc.printed[template.fields[k].name], confidence: 90 };
      return { text: reread, confidence: 90 };
    },
    async close() {},
  };
  return { recogniser, calls };
}

describe('a visual field at odds with a valid MRZ', () => {
  it('is read once more by the other engine, and the agreeing reading is kept', async () => {
    const { recogniser, calls } = scriptedRecogniser(doc.printed.PassportNumber);
    const read = await readDocument({ image: doc.clean, templateId: 'passport-td3', recogniser });
    assert.equal(read.fields[numberAt].value, doc.truth.PassportNumber);
    assert.equal(read.fields[numberAt].engine, 'legacy');
    assert.deepEqual(read.mrz, { valid: true, problems: [], mismatches: [] });
    assert.equal(calls.length, template.fields.length + 1);
    assert.deepEqual(calls.at(-1), { charset: template.fields[numberAt].charset, layout: 'line', engine: 'legacy' });
  });

  it('stays a mismatch when the second reading disagrees too: the zone never overwrites the page', async () => {
    const { recogniser } = scriptedRecogniser(`${misread.slice(0, 8)}${misread[8] === '1' ? '7' : '1'}`);
    const read = await readDocument({ image: doc.clean, templateId: 'passport-td3', recogniser });
    assert.equal(read.fields[numberAt].value, misread);
    assert.equal(read.fields[numberAt].engine, 'lstm');
    assert.deepEqual(read.mrz?.mismatches, [{ field: 'PassportNumber', visual: misread, mrz: doc.truth.PassportNumber }]);
  });
});
