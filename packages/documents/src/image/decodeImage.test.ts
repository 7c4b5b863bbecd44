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
      assert.match(error.message, /the decoder refused it \(corrupt or truncated\)/);
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
});
