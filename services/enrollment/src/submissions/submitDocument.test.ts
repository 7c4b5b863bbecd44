import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentNotFoundError, ImageTooLargeError, NotAnImageError, UnknownTemplateError } from '@identree/documents';
import { EnrollmentRequestError } from '../errors.js';
import { memorySubmissionStore } from './submissionStore.js';
import { submitDocument, type DocumentReader } from './submitDocument.js';

const enrollee = '0x00000000000000000000000000000000000000e1';
const failingWith = (error: Error): DocumentReader => async () => {
  throw error;
};

describe('submitDocument refusals', () => {
  for (const [error, code, status] of [
    [new NotAnImageError('the PNG is cut short (no IEND chunk)'), 'not_an_image', 400],
    [new DocumentNotFoundError('the photo is blank'), 'document_not_found', 400],
    [new UnknownTemplateError('library-card', ['residence-card']), 'unknown_template', 400],
    [new ImageTooLargeError(9000, 9000, 40_000_000), 'image_too_large', 413],
  ] as const) {
    it(`answers ${status} ${code} for ${error.name} and stores nothing`, async () => {
      const store = memorySubmissionStore();
      await assert.rejects(submitDocument({ enrollee, image: new Uint8Array([1, 2, 3]), templateId: 'residence-card', read: failingWith(error), store }), (e: unknown) => {
        assert.ok(e instanceof EnrollmentRequestError);
        assert.equal(e.code, code);
        assert.equal(e.statusCode, status);
        assert.equal(e.cause, error);
        return true;
      });
      assert.equal(store.size(), 0);
    });
  }

  it('refuses an upload over the byte limit before reading it', async () => {
    let read = false;
    const store = memorySubmissionStore();
    await assert.rejects(
      submitDocument({ enrollee, image: new Uint8Array(11), templateId: 'residence-card', maxBytes: 10, store, read: async () => { read = true; throw new Error('unreachable'); } }),
      { name: 'EnrollmentRequestError', shortMessage: 'The upload is 11 bytes; the most is 10.' },
    );
    assert.equal(read, false);
    assert.equal(store.size(), 0);
  });

  it('lets an unexpected reader failure through as it is, for the 5xx handler', async () => {
    const boom = new Error('tesseract worker died');
    await assert.rejects(submitDocument({ enrollee, image: new Uint8Array(4), templateId: 'residence-card', read: failingWith(boom), store: memorySubmissionStore() }), boom);
  });
});
