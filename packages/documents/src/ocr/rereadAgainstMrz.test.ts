import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDocument } from '../corpus/generateDocument.js';
import { getTemplate } from '../templates/getTemplate.js';
import type { FieldRecogniser, RecogniseOptions } from './fieldRecogniser.js';
import { readDocument } from './readDocument.js';

const template = getTemplate('passport-td3');
const doc = generateDocument({ templateId: 'passport-td3', seed: 'reread-test', index: 0 });
const numberAt = template.fields.findIndex((f) => f.name === 'PassportNumber');
const misreadOf = (number: string) => `${number[0] === 'I' ? 'L' : 'I'}${number.slice(1)}`;
const misread = misreadOf(doc.printed.PassportNumber);

/** Answers each field's first reading as printed (the passport number misread), then `reread` once. */
function scriptedRecogniser(reread: string, printed = doc.printed) {
  const misread = misreadOf(printed.PassportNumber);
  const calls: RecogniseOptions[] = [];
  const recogniser: FieldRecogniser = {
    async recognise(_png, options) {
      calls.push(options);
      const k = calls.length - 1;
      if (k < template.fields.length) return { text: k === numberAt ? misread : printed[template.fields[k].name], confidence: 90 };
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

  it('is not changed by a re-reading that agrees only through letters the mask forced out of digits', async () => {
    // The legacy engine sees 00 where QQ is printed, the same 00 that can mislead the zone; here 2 for Z.
    const other = generateDocument({ templateId: 'passport-td3', seed: 'reread-test', index: 5 });
    assert.equal(other.printed.PassportNumber[0], 'Z');
    const { recogniser, calls } = scriptedRecogniser(`2${other.printed.PassportNumber.slice(1)}`, other.printed);
    const read = await readDocument({ image: other.clean, templateId: 'passport-td3', recogniser });
    assert.equal(calls.length, template.fields.length + 1);
    assert.equal(read.fields[numberAt].value, misreadOf(other.printed.PassportNumber));
    assert.deepEqual(read.mrz?.mismatches.map((m) => m.field), ['PassportNumber']);
  });
});
