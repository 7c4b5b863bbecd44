import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { FieldRecogniser } from './fieldRecogniser.js';

const require = createRequire(import.meta.url);

export type CreateTesseractRecogniserParameters = {
  /**
   * `legacy` (the default) is tesseract's character classifier: it keeps to the whitelist and reads the
   * MRZ's runs of `<` one by one, where the LSTM engine read them as runs of `L` of the wrong length.
   */
  engine?: 'legacy' | 'lstm';
};

/**
 * The tesseract.js adapter of the OCR port: one worker (the machine's cores are shared), English data
 * from the `@tesseract.js-data/eng` package (no network), a cache in a private temporary directory
 * removed on close, one text line (or character) per field and the field's whitelist.
 *
 * @example
 * const recogniser = await createTesseractRecogniser();
 * const { text } = await recogniser.recognise(png, { charset: '0123456789.', layout: 'line' });
 * await recogniser.close();
 */
export async function createTesseractRecogniser({ engine = 'legacy' }: CreateTesseractRecogniserParameters = {}): Promise<FieldRecogniser> {
  const { langPath } = require('@tesseract.js-data/eng') as { langPath: string };
  const cachePath = mkdtempSync(path.join(tmpdir(), 'identree-tesseract-'));
  const mode = engine === 'lstm' ? OEM.LSTM_ONLY : OEM.TESSERACT_ONLY;
  const worker = await createWorker('eng', mode, { langPath, cachePath, gzip: true });
  let last = '';
  return {
    async recognise(png, { charset, layout }) {
      // Parameters cross to the worker thread only when they change: fields of one kind come in runs.
      if (`${layout}/${charset}` !== last) {
        const pageMode = layout === 'character' ? PSM.SINGLE_CHAR : PSM.SINGLE_LINE;
        await worker.setParameters({ tessedit_char_whitelist: charset, tessedit_pageseg_mode: pageMode });
        last = `${layout}/${charset}`;
      }
      const { data } = await worker.recognize(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
      return { text: data.text.trim(), confidence: data.confidence };
    },
    async close() {
      await worker.terminate();
      rmSync(cachePath, { recursive: true, force: true });
    },
  };
}
