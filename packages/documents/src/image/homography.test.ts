import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHomography, homographyFromCorners } from './homography.js';

const square = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }, { x: 0, y: 100 }];
const close = (a: { x: number; y: number }, b: { x: number; y: number }, tolerance = 1e-6) =>
  assert.ok(Math.hypot(a.x - b.x, a.y - b.y) < tolerance, `${JSON.stringify(a)} is not ${JSON.stringify(b)}`);

describe('homography', () => {
  it('maps each corner onto its partner under perspective', () => {
    const quad = [{ x: 12, y: 30 }, { x: 140, y: 8 }, { x: 160, y: 150 }, { x: 3, y: 120 }];
    const h = homographyFromCorners(square, quad);
    square.forEach((p, i) => close(applyHomography(h, p), quad[i]));
  });

  it('undoes a rotation by 10 degrees and a scale, for points inside the square too', () => {
    const angle = (10 * Math.PI) / 180;
    const turn = (p: { x: number; y: number }) => ({
      x: 400 + 1.7 * (p.x * Math.cos(angle) - p.y * Math.sin(angle)), y: 50 + 1.7 * (p.x * Math.sin(angle) + p.y * Math.cos(angle)),
    });
    const back = homographyFromCorners(square.map(turn), square);
    for (const p of [{ x: 37, y: 61 }, { x: 99, y: 1 }, { x: 50, y: 50 }]) close(applyHomography(back, turn(p)), p);
  });

  it('refuses corners of which three lie on one line', () => {
    assert.throws(() => homographyFromCorners(square, [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 100, y: 0 }, { x: 0, y: 100 }]), /degenerate/);
  });
});
