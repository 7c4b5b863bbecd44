import { rename, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

export const CAMERA_WIDTH = 640;
export const CAMERA_HEIGHT = 480;

/**
 * Writes `photo` as a Y4M file for Chromium's fake camera (--use-file-for-fake-video-capture): a still
 * picture, as a printed photo held before a camera gives, `frames` frames at 10 fps, looped by Chromium.
 * The file is replaced by a rename, so a capture that has it open keeps reading the old one; Chromium
 * opens the file anew each time a page starts the camera.
 */
export async function writeStillCamera(file: string, photo: string, frames = 10): Promise<void> {
  const { data } = await sharp(photo)
    .resize({ width: CAMERA_WIDTH, height: CAMERA_HEIGHT, fit: 'contain', background: { r: 128, g: 128, b: 128 } })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = toI420(data, CAMERA_WIDTH, CAMERA_HEIGHT);
  const header = Buffer.from(`YUV4MPEG2 W${CAMERA_WIDTH} H${CAMERA_HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  const marker = Buffer.from('FRAME\n');
  await writeFile(`${file}.tmp`, Buffer.concat([header, ...Array.from({ length: frames }, () => [marker, frame]).flat()]));
  await rename(`${file}.tmp`, file);
}

/** Packed RGB to planar YUV 4:2:0 (BT.601, full range: Y4M's C420jpeg). */
function toI420(rgb: Buffer, width: number, height: number): Buffer {
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  const clamp = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 3;
      y[row * width + col] = clamp(0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2]);
    }
  }
  for (let row = 0; row < height; row += 2) {
    for (let col = 0; col < width; col += 2) {
      let r = 0, g = 0, b = 0;
      for (const [dr, dc] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
        const i = ((row + dr) * width + col + dc) * 3;
        r += rgb[i]; g += rgb[i + 1]; b += rgb[i + 2];
      }
      r /= 4; g /= 4; b /= 4;
      const j = (row / 2) * (width / 2) + col / 2;
      u[j] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[j] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return Buffer.concat([y, u, v]);
}
