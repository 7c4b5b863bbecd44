import { rename, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { DecodedImage, FaceEngine, FaceObservation, LivenessStep } from '@identree/biometrics/browser';
import { closeEyes, cylinderTurn, turnHead, type Box } from '@identree/biometrics/testing';

export const CAMERA_WIDTH = 640;
export const CAMERA_HEIGHT = 480;

/**
 * Writes `photo` as a Y4M file for Chromium's fake camera (--use-file-for-fake-video-capture): a still
 * picture, as a printed photo held before a camera gives, `frames` frames at 10 fps, looped by Chromium.
 * The file is replaced by a rename, so a capture that has it open keeps reading the old one; Chromium
 * opens the file anew each time a page starts the camera.
 */
export async function writeStillCamera(file: string, photo: string, frames = 10): Promise<void> {
  const frame = toI420((await cameraPicture(photo)).rgb, CAMERA_WIDTH, CAMERA_HEIGHT);
  await writeY4m(file, 10, Array(frames).fill(frame));
}

/** The photo as the camera would frame it: 640×480, letterboxed in grey. */
export async function cameraPicture(photo: string): Promise<DecodedImage> {
  const data = await sharp(photo)
    .resize({ width: CAMERA_WIDTH, height: CAMERA_HEIGHT, fit: 'contain', background: { r: 128, g: 128, b: 128 } })
    .removeAlpha()
    .raw()
    .toBuffer();
  return { width: CAMERA_WIDTH, height: CAMERA_HEIGHT, rgb: new Uint8Array(data) };
}

/**
 * The photo at its own size, for a camera of that size (even sides, as 4:2:0 needs): the frame eval:liveness
 * tunes its poses in, since the depth warp's reading depends on the frame around the face.
 */
export async function photoPicture(photo: string): Promise<DecodedImage> {
  const { width, height } = await sharp(photo).metadata();
  const { data, info } = await sharp(photo).resize({ width: width! & ~1, height: height! & ~1, fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

const FPS = 5;
/** Frames before the page's first prompt: the camera starts when the page shows it, the prompts when Start is pressed. */
const LEAD_MS = 1_000;
/** Facing frames after the last step, longer than the capture can run, so Chromium's loop never replays a step. */
const TAIL_MS = 15_000;

/** What the camera shows for each step, the facing picture standing for the rest. */
export type CameraPoses = Record<LivenessStep, DecodedImage>;

/**
 * The best a 2-D warp of a still gives: a turn is the photo warped as if on a turning cylinder, a blink the
 * eye band painted over in the colour of the cheek. The liveness check is expected to see through them (README).
 */
export const cylinderPoses = (picture: DecodedImage, box: Box): CameraPoses => ({
  'turn-left': cylinderTurn(picture, box, -0.9, 0.55),
  'turn-right': cylinderTurn(picture, box, 0.9, 0.55),
  blink: eyesPaintedOver(picture, box),
});

/**
 * The eval's animation of a still (eval:liveness): turns by a depth warp (a head with a nose, rotated) and a
 * blink painted over the eyes, each tuned, as an attacker with a face engine would, until `engine` reads it as
 * the step. Undefined when the photo gives no pose for some step.
 */
export async function depthPoses(engine: Pick<FaceEngine, 'observe'>, picture: DecodedImage): Promise<CameraPoses | undefined> {
  const [face] = await engine.observe(picture);
  if (!face?.eyes) return undefined;
  const box = face.box as Box;
  const open = Math.min(face.eyeOpenness.left, face.eyeOpenness.right);
  const first = async (candidates: (() => DecodedImage)[], ok: (f: FaceObservation) => boolean) => {
    for (const make of candidates) {
      const img = make();
      const found = await engine.observe(img);
      if (found.length === 1 && ok(found[0]!)) return img;
    }
    return undefined;
  };
  const angles = [0.9, 1.0, 1.1, 1.2, 1.3, 1.4];
  const poses = {
    'turn-left': await first(angles.map((a) => () => turnHead(picture, box, -a)), (f) => f.yaw >= 0.4),
    'turn-right': await first(angles.map((a) => () => turnHead(picture, box, a)), (f) => f.yaw <= -0.4),
    blink: await first([1, 1.3, 1.6, 2].map((s) => () => closeEyes(picture, face.eyes!, s)),
      (f) => Math.abs(f.yaw) < 0.15 && Math.max(f.eyeOpenness.left, f.eyeOpenness.right) < 0.5 * open),
  };
  return poses['turn-left'] && poses['turn-right'] && poses.blink ? (poses as CameraPoses) : undefined;
}

/**
 * Writes a Y4M that plays a user performing a challenge's steps from one still photo, on the page's own schedule
 * (`livenessPrompts`): facing frames, then each step's pose, facing again between.
 */
export async function writePerformingCamera(file: string, picture: DecodedImage, poses: CameraPoses, prompts: { step: LivenessStep | null; ms: number }[]) {
  const { width, height } = picture;
  const facing = toI420(picture.rgb, width, height);
  const frames: Buffer[] = [];
  const hold = (frame: Buffer, ms: number) => frames.push(...Array(Math.round((ms * FPS) / 1000)).fill(frame));
  hold(facing, LEAD_MS);
  for (const p of prompts) hold(p.step ? toI420(poses[p.step].rgb, width, height) : facing, p.ms);
  hold(facing, TAIL_MS);
  await writeY4m(file, FPS, frames, width, height);
}

/** The band of the eyes filled with the colour just under them: eyelids shut, drawn on a photo. */
function eyesPaintedOver(image: DecodedImage, [bx, by, bw, bh]: Box): DecodedImage {
  const rgb = image.rgb.slice();
  const at = (x: number, y: number) => (Math.round(y) * image.width + Math.round(x)) * 3;
  for (const side of [-1, 1]) {
    const ex = bx + bw / 2 + side * bw * 0.2;
    const skin = at(ex, by + bh * 0.55);
    for (let y = by + bh * 0.3; y < by + bh * 0.45; y++) {
      for (let x = ex - bw * 0.13; x < ex + bw * 0.13; x++) for (let c = 0; c < 3; c++) rgb[at(x, y) + c] = image.rgb[skin + c];
    }
  }
  return { ...image, rgb };
}

async function writeY4m(file: string, fps: number, frames: Buffer[], width = CAMERA_WIDTH, height = CAMERA_HEIGHT) {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const marker = Buffer.from('FRAME\n');
  await writeFile(`${file}.tmp`, Buffer.concat([header, ...frames.flatMap((frame) => [marker, frame])]));
  await rename(`${file}.tmp`, file);
}

/** Packed RGB to planar YUV 4:2:0 (BT.601, full range: Y4M's C420jpeg). */
function toI420(rgb: Uint8Array, width: number, height: number): Buffer {
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
