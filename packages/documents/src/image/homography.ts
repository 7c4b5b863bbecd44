export type Point = { x: number; y: number };
/** A 3x3 projective transform, row-major, with h[8] = 1. */
export type Homography = readonly number[];

/**
 * The projective transform that maps each `from` corner onto the matching `to` corner (the direct
 * linear transform with h33 = 1, solved by Gaussian elimination with partial pivoting).
 *
 * @example
 * const h = homographyFromCorners(cardCorners, photoCorners); applyHomography(h, { x: 0, y: 0 });
 */
export function homographyFromCorners(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== 4 || to.length !== 4) throw new RangeError('a homography needs exactly four point pairs');
  if (hasThreeOnALine(from) || hasThreeOnALine(to)) throw new RangeError('degenerate corners: three of them lie on one line');
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i];
    const { x: u, y: v } = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) throw new RangeError('degenerate corners: three of them lie on one line');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c < 9; c++) a[r][c] -= f * a[col][c];
    }
  }
  return [...Array.from({ length: 8 }, (_, i) => a[i][8] / a[i][i]), 1];
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/** True when some three of the four points span (almost) no area, relative to the quadrilateral's size. */
function hasThreeOnALine(points: readonly Point[]): boolean {
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const extent = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys)) || 1;
  const area = (a: Point, b: Point, c: Point) => Math.abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
  const [p, q, r, s] = points;
  return [area(p, q, r), area(p, q, s), area(p, r, s), area(q, r, s)].some((a) => a < extent * 1e-6);
}
