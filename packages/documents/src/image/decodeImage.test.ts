import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import { ImageTooLargeError, NotAnImageError } from '../errors.js';
import { decodeImage } from './decodeImage.js';

const png = () => {
  const canvas = createCanvas(64, 48);
  const g = canvas.getContext('2d');
  g.fillStyle = '#c04020';
  g.fillRect(0, 0, 64, 48);
  return canvas.encodeSync('png');
};

describe('decoding an upload', () => {
  it('decodes a PNG into RGBA pixels', async () => {
    const image = await decodeImage({ bytes: png() });
    assert.deepEqual([image.width, image.height, image.data.length], [64, 48, 64 * 48 * 4]);
    assert.deepEqual([...image.data.subarray(0, 4)], [0xc0, 0x40, 0x20, 255]);
  });

  it('refuses bytes that are no image, saying why', async () => {
    await assert.rejects(decodeImage({ bytes: new TextEncoder().encode('%PDF-1.7 not a photo') }), {
      name: 'NotAnImageError', message: 'The upload is not a readable PNG or JPEG image: it has neither a PNG nor a JPEG signature',
    });
    await assert.rejects(decodeImage({ bytes: new Uint8Array() }), /it is empty/);
  });

  it('refuses a PNG cut short', async () => {
    const bytes = png();
    await assert.rejects(decodeImage({ bytes: bytes.subarray(0, 40) }), (error: unknown) => {
      assert.ok(error instanceof NotAnImageError);
      assert.match(error.message, /the PNG is cut short/);
      return true;
    });
  });

  it('refuses an image with more pixels than allowed before cutting any field', async () => {
    await assert.rejects(decodeImage({ bytes: png(), maxPixels: 1000 }), (error: unknown) => {
      assert.ok(error instanceof ImageTooLargeError);
      assert.equal(error.message, 'The image is 64 x 48 pixels, more than the 1000 accepted');
      return true;
    });
  });

  it('refuses a PNG cut anywhere short of its end, which the decoder alone would paint grey', async () => {
    const bytes = png();
    for (const keep of [0.3, 0.6, 0.9]) {
      await assert.rejects(decodeImage({ bytes: bytes.subarray(0, Math.floor(bytes.length * keep)) }), NotAnImageError);
    }
    await assert.rejects(decodeImage({ bytes: bytes.subarray(0, bytes.length - 4) }), /cut short/);
  });

  it('refuses a PNG whose pixel data was changed', async () => {
    const canvas = createCanvas(200, 120);
    const g = canvas.getContext('2d');
    for (let i = 0; i < 200; i += 7) { g.fillStyle = `rgb(${i}, ${255 - i}, ${(i * 3) % 255})`; g.fillRect(i, 0, 7, 120); }
    const bytes = Buffer.from(canvas.encodeSync('png'));
    bytes.fill(0x55, 80, Math.min(bytes.length - 20, 400));
    await assert.rejects(decodeImage({ bytes }), NotAnImageError);
  });

  it('refuses a JPEG cut short, and decodes a whole one', async () => {
    const canvas = createCanvas(64, 48);
    canvas.getContext('2d').fillRect(0, 0, 10, 10);
    const jpeg = canvas.encodeSync('jpeg', 50);
    assert.equal((await decodeImage({ bytes: jpeg })).width, 64);
    await assert.rejects(decodeImage({ bytes: jpeg.subarray(0, jpeg.length - 30) }), /JPEG is cut short/);
  });
});
