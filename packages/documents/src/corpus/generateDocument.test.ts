import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateField } from '../fields/validateField.js';
import { parseTd3Mrz } from '../mrz/parseTd3Mrz.js';
import { getTemplate, templateIds } from '../templates/getTemplate.js';
import { generateDocument } from './generateDocument.js';

describe('synthetic document generator', () => {
  it('draws the same clean and degraded bytes for the same seed and index', () => {
    const a = generateDocument({ templateId: 'residence-card', seed: 'determinism', index: 3, degraded: true });
    const b = generateDocument({ templateId: 'residence-card', seed: 'determinism', index: 3, degraded: true });
    assert.ok(a.clean.equals(b.clean));
    assert.ok(a.degraded!.equals(b.degraded!));
    assert.deepEqual(a.truth, b.truth);
    assert.deepEqual(a.conditions, b.conditions);
  });

  it('draws a different person and photo for another seed or index', () => {
    const a = generateDocument({ templateId: 'national-id', seed: 'determinism', index: 1, degraded: true });
    const b = generateDocument({ templateId: 'national-id', seed: 'determinism', index: 2, degraded: true });
    const c = generateDocument({ templateId: 'national-id', seed: 'other', index: 1 });
    assert.notDeepEqual(a.truth, b.truth);
    assert.notDeepEqual(a.truth, c.truth);
    assert.notEqual(a.conditions!.rotationDegrees, b.conditions!.rotationDegrees);
  });

  it('photographs as a phone would: JPEG, rotation within ±10°, quality 50', () => {
    for (let index = 0; index < 6; index++) {
      const { degraded, conditions } = generateDocument({ templateId: 'passport-td3', seed: 'photo', index, degraded: true });
      assert.deepEqual([...degraded!.subarray(0, 3)], [0xff, 0xd8, 0xff]);
      assert.ok(Math.abs(conditions!.rotationDegrees) <= 10);
      assert.equal(conditions!.jpegQuality, 50);
    }
  });

  it('prints values that meet their own template\'s validation, and a passport MRZ that parses', () => {
    for (const templateId of templateIds) {
      const template = getTemplate(templateId);
      for (let index = 0; index < 10; index++) {
        const { truth } = generateDocument({ templateId, seed: 'valid', index });
        for (const field of template.fields) assert.deepEqual(validateField(field, truth[field.name]), [], `${templateId} ${index} ${field.name}: ${truth[field.name]}`);
        if (template.mrz) assert.equal(parseTd3Mrz([truth.MrzLine1, truth.MrzLine2]).valid, true);
      }
    }
  });
});
