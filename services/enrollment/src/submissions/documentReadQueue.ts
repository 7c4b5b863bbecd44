import { EnrollmentRequestError } from '../errors.js';
import type { DocumentReader } from './submitDocument.js';

export type QueueDocumentReadsParameters = {
  /** Uploads allowed to wait behind the one being read; one more is refused with 503 enrollment_busy. */
  maxWaiting?: number;
  /** The first guess of one document's reading time, before any was measured (bench:ocr: about 0.5 s). */
  initialSecondsPerDocument?: number;
};

/**
 * Reads uploaded documents one at a time, first come first served, and refuses an upload when
 * `maxWaiting` are already waiting. OCR keeps to one core (the recogniser takes one field at a time),
 * so reading more documents at once only interleaves their fields; and every waiting upload holds its
 * photo (up to 8 MiB) in memory. A refused upload gets a Retry-After from the measured reading time,
 * and nothing of it is stored.
 *
 * @example
 * const read = queueDocumentReads((image, templateId) => readDocument({ image, templateId, recogniser }))
 */
export function queueDocumentReads(read: DocumentReader, { maxWaiting = 16, initialSecondsPerDocument = 0.5 }: QueueDocumentReadsParameters = {}): DocumentReader & { readonly waiting: number } {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0; // waiting plus the one being read
  let secondsPerDocument = initialSecondsPerDocument;
  const queue = (image: Uint8Array, templateId: string) => {
    if (queued > maxWaiting) {
      const retryAfterSeconds = Math.max(1, Math.ceil(queued * secondsPerDocument));
      return Promise.reject(new EnrollmentRequestError('enrollment_busy',
        `${queued} documents are being read or waiting; send this one again in about ${retryAfterSeconds} s.`, { retryAfterSeconds }));
    }
    queued++;
    const turn = tail.then(async () => {
      const started = performance.now();
      try {
        return await read(image, templateId);
      } finally {
        // A moving average: one slow document should not triple the next Retry-After.
        secondsPerDocument = 0.8 * secondsPerDocument + 0.2 * ((performance.now() - started) / 1000);
      }
    }).finally(() => { queued--; });
    tail = turn.catch(() => undefined);
    return turn;
  };
  // a getter, so the count is read when asked (Object.assign would copy it once)
  return Object.defineProperty(queue, 'waiting', { get: () => Math.max(0, queued - 1) }) as DocumentReader & { readonly waiting: number };
}
