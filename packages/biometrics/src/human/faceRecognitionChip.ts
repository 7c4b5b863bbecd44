// The hybrid engine's embedding step, shared by the Node and the browser adapters: human finds the face and its
// mesh, and face-api's faceRecognitionNet (a ResNet-34 after dlib's, 128 values) describes a chip cut around it.
// faceRecognitionNet was measured far more accurate than human's faceres on the same crops (npm run eval:face).

type Point = [number, number, number?];
/** The mesh points (MediaPipe's 468+10 layout) on top of the eyebrows: the chip's upper edge, as the 68-point layout's. */
const BROWS = [70, 63, 105, 66, 107, 336, 296, 334, 293, 300];
/** Each eye's outer corner: the line between them gives the head's roll. */
const EYE_CORNERS = [33, 263] as const;
/** faceRecognitionNet's input side in pixels. */
export const FACE_CHIP_PX = 150;
/** The chip is cut this much wider first, so turning it upright brings in no empty corners. */
const MARGIN = 1.5;
const WIDE_PX = Math.round(FACE_CHIP_PX * MARGIN);

/**
 * Where to cut the chip face-api itself would describe: the smallest box around the 68 landmarks (jaw, brows,
 * chin), widened by 20 % on each axis (face-api's `alignMinBbox(0.2)`), square around its centre. From the mesh:
 * the face oval's sides and chin, and the brows' top (the mesh goes on up the forehead, the 68 points do not).
 * The box comes `MARGIN` times wider, as [y1, x1, y2, x2] in [0, 1] of the image (`tf.image.cropAndResize`'s
 * form; parts outside the image come out black, as face-api's padding does), with the roll that turns it upright.
 */
export function faceChipRegion(mesh: Point[], width: number, height: number): { box: [number, number, number, number]; roll: number } {
  let [left, right, bottom] = [Infinity, -Infinity, -Infinity];
  for (const [x, y] of mesh) {
    left = Math.min(left, x);
    right = Math.max(right, x);
    bottom = Math.max(bottom, y);
  }
  const top = Math.min(...BROWS.map((i) => mesh[i][1]));
  const half = (Math.max(right - left, bottom - top) * 1.2 * MARGIN) / 2;
  const [cx, cy] = [(left + right) / 2, (top + bottom) / 2];
  const [a, b] = EYE_CORNERS.map((i) => mesh[i]);
  const [l, r] = a[0] <= b[0] ? [a, b] : [b, a];
  return { box: [(cy - half) / height, (cx - half) / width, (cy + half) / height, (cx + half) / width], roll: Math.atan2(r[1] - l[1], r[0] - l[0]) };
}

/** The part of tfjs the chip needs (human's instance; in Node face-api shares it). */
export type ChipTf = {
  tidy<T>(fn: () => T): T;
  cast(x: unknown, dtype: 'float32'): unknown;
  slice(x: unknown, begin: number[], size: number[]): unknown;
  image: {
    cropAndResize(image: unknown, boxes: number[][], boxInd: number[], cropSize: [number, number], method?: 'bilinear'): unknown;
    rotateWithOffset(image: unknown, radians: number, fillValue?: number, center?: [number, number]): unknown;
  };
};

/**
 * Cuts the chip out of the frame (a [1, h, w, 3] tensor of 0-255 values) as faceRecognitionNet takes it: 150×150,
 * 0-255, turned upright by the eye line's roll (eval:face's rotated crops lost genuine matches without it).
 */
export function cutFaceChip(tf: ChipTf, frame: unknown, mesh: Point[], width: number, height: number): { dispose(): void } {
  const { box, roll } = faceChipRegion(mesh, width, height);
  return tf.tidy(() => {
    let wide = tf.image.cropAndResize(tf.cast(frame, 'float32'), [box], [0], [WIDE_PX, WIDE_PX], 'bilinear');
    // a positive roll (the eye on the image's right lower) is undone by turning the chip by +roll in tfjs's sense
    // (checked on ±12° turned portraits: the other sign lowered their similarity to the upright photo)
    if (Math.abs(roll) > 0.02) wide = tf.image.rotateWithOffset(wide, roll, 0);
    const inset = Math.floor((WIDE_PX - FACE_CHIP_PX) / 2);
    return tf.slice(wide, [0, inset, inset, 0], [1, FACE_CHIP_PX, FACE_CHIP_PX, 3]);
  }) as { dispose(): void };
}
