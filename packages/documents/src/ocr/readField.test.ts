import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTemplate } from '../templates/getTemplate.js';
import type { FieldRecogniser, RecogniseOptions } from './fieldRecogniser.js';
import { readField, type FieldCrops } from './readField.js';

const residenceNumber = getTemplate('residence-card').fields.find((f) => f.name === 'No')!;
const cardNumber = getTemplate('national-id').fields.find((f) => f.name === 'DocumentNumber')!;

const crops: FieldCrops = {
  crop: Buffer.from('ink-biased'), otsu: () => Buffer.from('otsu'), coarse: () => Buffer.from('coarse'),
};
type Answer = { text: string; confidence: number };

/** Answers by engine and crop, as `lstm/ink-biased`, and records each call. */
function scriptedRecogniser(answers: Record<string, Answer>) {
  const calls: string[] = [];
  const recogniser: FieldRecogniser = {
    async recognise(png, { engine }: RecogniseOptions) {
      const key = `${engine}/${Buffer.from(png).toString()}`;
      calls.push(key);
      const answer = answers[key];
      if (!answer) throw new Error(`no scripted answer for ${key}`);
      return answer;
    },
    async close() {},
  };
  return { recogniser, calls };
}

describe('reading a field of several characters', () => {
  it('keeps a valid first reading the engine is confident of, and reads nothing more', async () => {
    const { recogniser, calls } = scriptedRecogniser({ 'lstm/ink-biased': { text: 'ZA92952116ES', confidence: 90 } });
    const read = await readField(residenceNumber, crops, recogniser);
    assert.equal(read.value, 'ZA92952116ES');
    assert.deepEqual(calls, ['lstm/ink-biased']);
  });

  it('reads a valid but unconfident reading again and keeps the value most readings support', async () => {
    const { recogniser, calls } = scriptedRecogniser({
      'lstm/ink-biased': { text: 'ZA82952116ES', confidence: 32 },
      'legacy/ink-biased': { text: 'ZA92952116ES', confidence: 84 },
      'lstm/otsu': { text: 'ZA92952116ES', confidence: 90 },
      'legacy/otsu': { text: 'ZA92952116ES', confidence: 88 },
    });
    const read = await readField(residenceNumber, crops, recogniser);
    assert.equal(read.value, 'ZA92952116ES');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(calls, ['lstm/ink-biased', 'legacy/ink-biased', 'lstm/otsu', 'legacy/otsu']);
  });

  it('gives half a say to a reading that is valid only because the mask turned a letter into a digit', async () => {
    // The legacy engine's `S` for an `8` becomes a valid `5`, and it is the more confident reading.
    const { recogniser } = scriptedRecogniser({
      'lstm/ink-biased': { text: 'UO0G874172', confidence: 3 },
      'legacy/ink-biased': { text: 'UOGS74172', confidence: 95 },
      'lstm/otsu': { text: 'UOG874172', confidence: 40 },
      'legacy/otsu': { text: 'UOG87417', confidence: 80 },
    });
    const read = await readField(cardNumber, crops, recogniser);
    assert.equal(read.value, 'UOG874172');
    assert.equal(read.engine, 'lstm');
  });

  it('reads again a confident first reading the mask had to correct', async () => {
    const { recogniser, calls } = scriptedRecogniser({
      'lstm/ink-biased': { text: 'UOGS74172', confidence: 92 },
      'legacy/ink-biased': { text: 'UOG874172', confidence: 88 },
      'lstm/otsu': { text: 'UOG874172', confidence: 90 },
      'legacy/otsu': { text: 'UOGS74172', confidence: 85 },
    });
    const read = await readField(cardNumber, crops, recogniser);
    assert.equal(read.value, 'UOG874172');
    assert.equal(calls.length, 4);
  });

  it('takes two look-alikes side by side in a reading one too long for one glyph', async () => {
    // LSTM reads the `0` twice (`O0`); the legacy engine sees `5` for the `E`, which the mask turns into `S`.
    const { recogniser } = scriptedRecogniser({
      'lstm/ink-biased': { text: 'NEO03163133LY', confidence: 45 },
      'legacy/ink-biased': { text: 'N503163133LY', confidence: 72 },
      'lstm/otsu': { text: 'NEO03163133LY', confidence: 52 },
      'legacy/otsu': { text: 'N503163133LY', confidence: 72 },
    });
    assert.equal((await readField(residenceNumber, crops, recogniser)).value, 'NE03163133LY');
  });

  it('counts a `1` where a letter must be as I or L, less than a `J` read as such', async () => {
    const { recogniser } = scriptedRecogniser({
      'lstm/ink-biased': { text: 'DT661928', confidence: 0 },
      'legacy/ink-biased': { text: 'DT1661928', confidence: 73 },
      'lstm/otsu': { text: 'DTJ661928', confidence: 0 },
      'legacy/otsu': { text: 'DT1661928', confidence: 74 },
    });
    assert.equal((await readField(cardNumber, crops, recogniser)).value, 'DTJ661928');
  });

  it('keeps the first reading and its problems when no reading is valid', async () => {
    const { recogniser } = scriptedRecogniser({
      'lstm/ink-biased': { text: 'UOG87417', confidence: 50 },
      'legacy/ink-biased': { text: 'UOG8741', confidence: 60 },
      'lstm/otsu': { text: 'UOG874X7', confidence: 40 },
      'legacy/otsu': { text: '', confidence: 0 },
    });
    const read = await readField(cardNumber, crops, recogniser);
    assert.equal(read.text, 'UOG87417');
    assert.deepEqual(read.problems, ['does not match ^[A-Z]{3}[0-9]{6}$']);
  });
});
