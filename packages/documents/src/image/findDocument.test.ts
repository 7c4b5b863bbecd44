import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawIdentity } from '../corpus/drawIdentity.js';
import { degradeAsPhoto } from '../corpus/degradeAsPhoto.js';
import { renderDocument } from '../corpus/renderDocument.js';
import { seededRandom } from '../corpus/seededRandom.js';
import { DocumentNotFoundError } from '../errors.js';
import { getTemplate } from '../templates/getTemplate.js';
import { decodeImage } from './decodeImage.js';
import { findDocument } from './findDocument.js';
import { toGray } from './rasters.js';

describe('finding the document in a photo', () => {
  it('finds the corners of rotated, tilted, noisy photos within a few pixels', async () => {
    for (const [i, templateId] of ['residence-card', 'national-id', 'passport-td3', 'residence-card'].entries()) {
      const random = seededRandom(`find/${i}`);
      const { canvas } = renderDocument({ template: getTemplate(templateId), identity: drawIdentity(random), random });
      const photo = degradeAsPhoto(canvas, random);
      const { corners } = findDocument(toGray(await decodeImage({ bytes: photo.jpeg })));
      corners.forEach((found, k) => {
        const error = Math.hypot(found.x - photo.corners[k].x, found.y - photo.corners[k].y);
        assert.ok(error < 6, `${templateId} corner ${k} off by ${error.toFixed(1)} px at ${photo.conditions.rotationDegrees.toFixed(1)}°`);
      });
    }
  });

  it('takes the whole frame for a scan that is all document', async () => {
    const random = seededRandom('find/scan');
    const { canvas } = renderDocument({ template: getTemplate('passport-td3'), identity: drawIdentity(random), random });
    const { corners, coverage } = findDocument(toGray(await decodeImage({ bytes: canvas.encodeSync('png') })));
    assert.ok(coverage > 0.9);
    const frame = [{ x: 0, y: 0 }, { x: canvas.width, y: 0 }, { x: canvas.width, y: canvas.height }, { x: 0, y: canvas.height }];
    corners.forEach((c, k) => assert.ok(Math.hypot(c.x - frame[k].x, c.y - frame[k].y) < 6, `corner ${k}: ${JSON.stringify(c)}`));
  });

  it('says so for a blank photo, which would otherwise pass for a scan that is all document', () => {
    const data = new Uint8ClampedArray(400 * 300).fill(32);
    for (let i = 0; i < data.length; i += 13) data[i] = 44;
    assert.throws(() => findDocument({ width: 400, height: 300, data }), /the photo is blank \(its tones span 12 of 255\)/);
  });

  it('says so when no bright region large enough is there', () => {
    const data = new Uint8ClampedArray(400 * 300).fill(40);
    for (let i = 0; i < 500; i++) data[i * 97] = 250;
    assert.throws(() => findDocument({ width: 400, height: 300, data }), DocumentNotFoundError);
  });
});
