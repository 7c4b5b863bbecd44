import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as documents from './index.js';

it('exports exactly the documented public surface', () => {
  assert.deepEqual(Object.keys(documents).sort(), [
    'DocumentNotFoundError', 'DocumentsError', 'ImageTooLargeError', 'MrzFormatError', 'NotAnImageError', 'TemplateInvalidError',
    'UnknownTemplateError', 'applyMask', 'commitFieldImage', 'commitFieldText', 'createTesseractRecogniser', 'crossCheckMrz',
    'decodeImage', 'findDocument', 'formatDate', 'formatTd3Mrz', 'generateDocument', 'getTemplate', 'hashDocumentImage',
    'mrzCheckDigit', 'normaliseField', 'parsePrintedDate', 'parseTd3Mrz', 'readDocument', 'seededRandom', 'templateIds',
    'templateSchema', 'validateField', 'validateTemplate',
  ]);
});
