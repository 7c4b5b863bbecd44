import { createTesseractRecogniser, readDocument, type FieldRecogniser } from '@identree/documents';
import type { DocumentReader } from './submitDocument.js';

export type TesseractDocumentReaderReturnType = {
  read: DocumentReader;
  /** Stops tesseract's worker, if an upload ever started it. */
  close: () => Promise<void>;
};

/**
 * The document reader a running service mounts: tesseract is loaded on the first upload, so a service
 * that never reads a document (or only starts and stops) pays nothing for it, and every later upload
 * shares the one recogniser.
 *
 * @example
 * const reader = tesseractDocumentReader()
 * const enrollment = { chain, store, read: reader.read, provider }
 */
export function tesseractDocumentReader(): TesseractDocumentReaderReturnType {
  let recogniser: Promise<FieldRecogniser> | undefined;
  return {
    read: async (image, templateId) => readDocument({ image, templateId, recogniser: await (recogniser ??= createTesseractRecogniser()) }),
    close: async () => void (await (await recogniser)?.close()),
  };
}
