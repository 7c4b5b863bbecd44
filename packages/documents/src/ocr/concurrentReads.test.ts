import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDocument } from '../corpus/generateDocument.js';
import type { FieldRecogniser } from './fieldRecogniser.js';
import { createTesseractRecogniser } from './createTesseractRecogniser.js';
import { readDocument } from './readDocument.js';

// The API reads uploads as they arrive, so documents of different templates share one recogniser at
// once. Each field's whitelist and page mode must be the ones its own reading runs under.
describe('reading documents at the same time with one recogniser', () => {
  let recogniser: FieldRecogniser;
  before(async () => { recogniser = await createTesseractRecogniser(); });
  after(async () => { await recogniser.close(); });

  it('reads each of three different documents exactly as when read alone', async () => {
    const docs = (['passport-td3', 'residence-card', 'national-id'] as const).map((templateId, index) =>
      ({ templateId, doc: generateDocument({ templateId, seed: 'concurrent-ocr', index }) }));
    const reads = await Promise.all(docs.map(({ templateId, doc }) => readDocument({ image: doc.clean, templateId, recogniser })));
    reads.forEach((read, i) =>
      assert.deepEqual(Object.fromEntries(read.fields.map((f) => [f.name, f.value])), docs[i].doc.truth, docs[i].templateId));
  });
});

describe('one recogniser asked for two fields at once', () => {
  let recogniser: FieldRecogniser;
  before(async () => { recogniser = await createTesseractRecogniser(); });
  after(async () => { await recogniser.close(); });

  it('reads each crop under its own whitelist, whichever call started first', async () => {
    const doc = generateDocument({ templateId: 'national-id', seed: 'concurrent-ocr', index: 3 });
    const read = await readDocument({ image: doc.clean, templateId: 'national-id', recogniser });
    const letters = read.fields.find((f) => /^[A-Z ]{4,}$/.test(f.value))!;
    const digits = read.fields.find((f) => /^[0-9]{4,}$/.test(f.value.replace(/[^0-9A-Z]/g, '')) && /[0-9]{4}/.test(f.value))!;
    assert.ok(letters && digits, 'the card has a letters-only field and a digits field');
    const upper = { charset: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', layout: 'line' as const, engine: 'lstm' as const };
    const numbers = { charset: '0123456789', layout: 'line' as const, engine: 'lstm' as const };
    const alone = [await recogniser.recognise(letters.image, upper), await recogniser.recognise(digits.image, numbers)];
    assert.equal(alone[0].text, letters.value, 'read alone, the letters field is right');
    assert.match(alone[1].text, /^[0-9]{6,}$/, 'read alone, the digits field is digits');
    for (let round = 0; round < 4; round++) {
      const [a, b] = await Promise.all([recogniser.recognise(letters.image, upper), recogniser.recognise(digits.image, numbers)]);
      assert.equal(a.text, alone[0].text, `round ${round}: the letters field, read beside the digits field`);
      assert.equal(b.text, alone[1].text, `round ${round}: the digits field, read beside the letters field`);
    }
  });
});
