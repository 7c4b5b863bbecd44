import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { FieldRecogniser, RecogniseOptions } from './fieldRecogniser.js';

const require = createRequire(import.meta.url);

/**
 * The tesseract.js adapter of the OCR port: English data from the `@tesseract.js-data/eng` package (no
 * network), a cache in a private temporary directory removed on close, one text line (or character) per
 * field and the field's whitelist. One worker per engine, started when first needed. A worker's whitelist
 * and page mode are state shared by every caller, and the API reads several uploads at once, so each
 * worker takes one reading at a time: its parameters and its recognition run as one turn.
 *
 * @example
 * const recogniser = await createTesseractRecogniser();
 * const { text } = await recogniser.recognise(png, { charset: '0123456789.', layout: 'line', engine: 'lstm' });
 * await recogniser.close();
 */
export async function createTesseractRecogniser(): Promise<FieldRecogniser> {
  const { langPath } = require('@tesseract.js-data/eng') as { langPath: string };
  const cachePath = mkdtempSync(path.join(tmpdir(), 'identree-tesseract-'));
  const workers = new Map<RecogniseOptions['engine'], { worker: Promise<Worker>; last: string; turn: Promise<unknown> }>();
  const workerFor = (engine: RecogniseOptions['engine']) => {
    let entry = workers.get(engine);
    if (!entry) {
      const mode = engine === 'lstm' ? OEM.LSTM_ONLY : OEM.TESSERACT_ONLY;
      entry = { worker: createWorker('eng', mode, { langPath, cachePath, gzip: true }), last: '', turn: Promise.resolve() };
      workers.set(engine, entry);
    }
    return entry;
  };
  // Started now so that a missing language package fails here, not at the first field.
  await workerFor('lstm').worker;
  return {
    recognise(png, { charset, layout, engine }) {
      const entry = workerFor(engine);
      const reading = entry.turn.then(async () => {
        const worker = await entry.worker;
        // Parameters cross to the worker thread only when they change: fields of one kind come in runs.
        if (`${layout}/${charset}` !== entry.last) {
          const pageMode = layout === 'character' ? PSM.SINGLE_CHAR : PSM.SINGLE_LINE;
          await worker.setParameters({ tessedit_char_whitelist: charset, tessedit_pageseg_mode: pageMode });
          entry.last = `${layout}/${charset}`;
        }
        const { data } = await worker.recognize(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
        return { text: data.text.trim(), confidence: data.confidence };
      });
      // A failed reading ends its own turn only; the next caller still gets the worker.
      entry.turn = reading.catch(() => undefined);
      return reading;
    },
    async close() {
      for (const { worker } of workers.values()) await (await worker).terminate();
      rmSync(cachePath, { recursive: true, force: true });
    },
  };
}
