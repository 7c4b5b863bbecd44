/** An image decoded to packed 8-bit RGB. */
export type DecodedImage = { width: number; height: number; rgb: Uint8Array };

/** One face as the engine sees it. */
export type FaceObservation = {
  /** [x, y, width, height] in pixels of the decoded image. */
  box: [number, number, number, number];
  score: number;
  /** L2-normalised embedding. */
  embedding: Float32Array;
  /** Head pose in radians (positive yaw: the face turns to the image's left). */
  yaw: number;
  pitch: number;
  /** Eye openness: eyelid gap over eye width, per eye, from the face mesh (about 0.25 open, under 0.12 closed). */
  eyeOpenness: { left: number; right: number };
  /** Each eye's centre and width in pixels, when the engine has eye landmarks (the liveness attack figures use them). */
  eyes?: { left: EyeSpot; right: EyeSpot };
  /**
   * Human's anti-spoof scores in [0, 1] (1: a real face; 1: a live one), when the engine runs its `antispoof` and
   * `liveness` models (`createHumanEngine({ spoofGate: true })`); the liveness check's optional gate reads them.
   */
  spoof?: { real: number; live: number };
};
export type EyeSpot = { x: number; y: number; width: number };

/**
 * The face port: detection, alignment and embedding. The human adapter implements it; tests use a
 * scripted one, so the template, login and liveness code runs the same over both.
 */
export type FaceEngine = {
  /** Name and version of the embedding model: a template is only compared with one from the same model. */
  readonly model: string;
  observe(image: DecodedImage): Promise<FaceObservation[]>;
  dispose(): Promise<void>;
};
