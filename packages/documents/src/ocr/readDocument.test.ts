import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hexToBytes } from '@noble/hashes/utils.js';
import { commitFieldImage, commitFieldText } from '../commitments/commitField.js';
import { generateDocument } from '../corpus/generateDocument.js';
import { NotAnImageError, UnknownTemplateError } from '../errors.js';
import { templateIds } from '../templates/getTemplate.js';
import type { FieldRecogniser } from './fieldRecogniser.js';
import { createTesseractRecogniser } from './createTesseractRecogniser.js';
import { readDocument } from './readDocument.js';

// Real tesseract on a handful of documents; the accuracy over whole corpora is `npm run bench:ocr`'s job.
describe('reading a document with tesseract', () => {
  let recogniser: FieldRecogniser;
  before(async () => { recogniser = await createTesseractRecogniser(); });
  after(async () => { await recogniser.close(); });

  it('reads every field of a clean document of each template', async () => {
    for (const templateId of templateIds) {
      const doc = generateDocument({ templateId, seed: 'ocr-test', index: 0 });
      const read = await readDocument({ image: doc.clean, templateId, recogniser });
      assert.deepEqual(Object.fromEntries(read.fields.map((f) => [f.name, f.value])), doc.truth, templateId);
      for (const field of read.fields) assert.deepEqual(field.problems, [], `${templateId} ${field.name}`);
    }
  });

  it('reads a degraded passport photo after finding and straightening it, MRZ valid and agreeing', async () => {
    const doc = generateDocument({ templateId: 'passport-td3', seed: 'ocr-test', index: 0, degraded: true });
    const read = await readDocument({ image: doc.degraded!, templateId: 'passport-td3', recogniser });
    assert.deepEqual(Object.fromEntries(read.fields.map((f) => [f.name, f.value])), doc.truth);
    assert.deepEqual(read.mrz, { valid: true, problems: [], mismatches: [] });
  });

  it('reads a degraded residence card photo', async () => {
    const doc = generateDocument({ templateId: 'residence-card', seed: 'ocr-test', index: 0, degraded: true });
    const read = await readDocument({ image: doc.degraded!, templateId: 'residence-card', recogniser });
    assert.deepEqual(Object.fromEntries(read.fields.map((f) => [f.name, f.value])), doc.truth);
  });

  it('commits to each crop and each value with salts that open them', async () => {
    const doc = generateDocument({ templateId: 'national-id', seed: 'ocr-test', index: 1 });
    const read = await readDocument({ image: doc.clean, templateId: 'national-id', recogniser });
    for (const field of read.fields) {
      const salt = (hex: string) => hexToBytes(hex.slice(2));
      assert.equal(commitFieldImage(field.image, salt(field.imageCommitment.salt)).commitment, field.imageCommitment.commitment);
      assert.equal(commitFieldText(field.value, salt(field.textCommitment.salt)).commitment, field.textCommitment.commitment);
    }
    assert.equal(new Set(read.fields.map((f) => f.textCommitment.salt)).size, read.fields.length);
  });

  it('refuses an unknown template and a non-image with typed errors naming the problem', async () => {
    const doc = generateDocument({ templateId: 'national-id', seed: 'ocr-test', index: 2 });
    await assert.rejects(readDocument({ image: doc.clean, templateId: 'birth-certificate', recogniser }), UnknownTemplateError);
    await assert.rejects(readDocument({ image: new TextEncoder().encode('GIF89a'), templateId: 'national-id', recogniser }), (error: unknown) => {
      assert.ok(error instanceof NotAnImageError);
      assert.match(error.shortMessage, /neither a PNG nor a JPEG signature/);
      return true;
    });
  });
});
