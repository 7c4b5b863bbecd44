export type RecogniseOptions = {
  /** Every character the field may hold: the whitelist. */
  charset: string;
  /** `character` for one-character fields (sex, document type): line segmentation tends to drop a lone glyph. */
  layout: 'line' | 'character';
};

/** The OCR port: reads one field's binarised crop, restricted to the field's characters. */
export type FieldRecogniser = {
  recognise(png: Uint8Array, options: RecogniseOptions): Promise<{ text: string; confidence: number }>;
  close(): Promise<void>;
};
