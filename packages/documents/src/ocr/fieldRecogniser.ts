export type RecogniseOptions = {
  /** Every character the field may hold: the whitelist. */
  charset: string;
  /** `character` for one-character fields (sex, document type): as a line, LSTM returned nothing for more lone glyphs. */
  layout: 'line' | 'character';
  /**
   * `legacy` is tesseract's character classifier: it reads the MRZ's runs of `<` one by one, where the
   * LSTM engine read them as runs of `L` of the wrong length; LSTM reads everything else as well or better.
   */
  engine: 'lstm' | 'legacy';
};

/** The OCR port: reads one field's binarised crop, restricted to the field's characters. */
export type FieldRecogniser = {
  recognise(png: Uint8Array, options: RecogniseOptions): Promise<{ text: string; confidence: number }>;
  close(): Promise<void>;
};
