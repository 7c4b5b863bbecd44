// The hybrid engine's embedding step, shared by the Node and the browser adapters: human finds the face and its
// mesh, and face-api's faceRecognitionNet (a ResNet-34 after dlib's, 128 values) describes a chip cut around it.
// faceRecognitionNet was measured far more accurate than human's faceres on the same crops (npm run eval:face).

type Point = [number, number, number?];
/** The mesh points (MediaPipe's 468+10 layout) on top of the eyebrows: the chip's upper edge, as the 68-point layout's. */
const BROWS = [70, 63, 105, 66, 107, 336, 296, 334, 293, 300];
/** faceRecognitionNet's input side in pixels. */
export const FACE_CHIP_PX = 150;

/**
 * The chip face-api itself would cut: the smallest box around the 68 landmarks (jaw, brows, chin), widened
 * by 20 % on each axis (face-api's `alignMinBbox(0.2)`), then made square around its centre. From the mesh:
 * the face oval's sides and chin, and the brows' top (the mesh goes on up the forehead, the 68 points do not).
 * Returned as [y1, x1, y2, x2] in [0, 1] of the image, as `tf.image.cropAndResize` takes it; parts outside
 * the image come out black, as face-api's padding to square does.
 */
export function faceChipBox(mesh: Point[], width: number, height: number): [number, number, number, number] {
  let [left, right, bottom] = [Infinity, -Infinity, -Infinity];
  for (const [x, y] of mesh) {
    left = Math.min(left, x);
    right = Math.max(right, x);
    bottom = Math.max(bottom, y);
  }
  const top = Math.min(...BROWS.map((i) => mesh[i][1]));
  const side = Math.max(right - left, bottom - top) * 1.2;
  const [cx, cy] = [(left + right) / 2, (top + bottom) / 2];
  return [(cy - side / 2) / height, (cx - side / 2) / width, (cy + side / 2) / height, (cx + side / 2) / width];
}

/** The part of tfjs the chip needs: human's own instance, which face-api shares. */
export type ChipTf = {
  tidy<T>(fn: () => T): T;
  cast(x: unknown, dtype: 'float32'): unknown;
  image: { cropAndResize(image: unknown, boxes: number[][], boxInd: number[], cropSize: [number, number], method?: 'bilinear'): unknown };
};
/** face-api's faceRecognitionNet, as its typings give `computeFaceDescriptor` (a single chip: one Float32Array). */
export type FaceRecognitionNet = { computeFaceDescriptor(input: never): Promise<Float32Array | Float32Array[]>; isLoaded: boolean };

/** Cuts the chip out of the frame (a [1, h, w, 3] tensor, 0-255) and describes it: 128 values, not yet normalised. */
export async function describeFaceChip(tf: ChipTf, net: FaceRecognitionNet, frame: unknown, box: [number, number, number, number]): Promise<Float32Array> {
  const chip = tf.tidy(() => tf.image.cropAndResize(tf.cast(frame, 'float32'), [box], [0], [FACE_CHIP_PX, FACE_CHIP_PX], 'bilinear'));
  try {
    const descriptor = await net.computeFaceDescriptor(chip as never);
    return Array.isArray(descriptor) ? descriptor[0] : descriptor;
  } finally {
    (chip as { dispose(): void }).dispose();
  }
}
