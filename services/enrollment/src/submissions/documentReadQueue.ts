import { EnrollmentRequestError } from '../errors.js';
import type { DocumentReader } from './submitDocument.js';

export type QueueDocumentReadsParameters = {
  /** Uploads allowed to wait behind the one being read; one more is refused with 503 enrollment_busy. */
  maxWaiting?: number;
  /** The first guess of one document's reading time, before any was measured (bench:ocr: about 0.5 s). */
  initialSecondsPerDocument?: number;
};

export type DocumentReadQueue = DocumentReader & {
  /** Uploads waiting behind the one being read. */
  readonly waiting: number;
  /** Throws the 503 `enrollment_busy` an upload arriving now would get, if any. */
  refuseIfFull(): void;
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
export function queueDocumentReads(read: DocumentReader, { maxWaiting = 16, initialSecondsPerDocument = 0.5 }: QueueDocumentReadsParameters = {}): DocumentReadQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0; // waiting plus the one being read
  let secondsPerDocument = initialSecondsPerDocument;
  const busy = () => {
    if (queued <= maxWaiting) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(queued * secondsPerDocument));
    return new EnrollmentRequestError('enrollment_busy',
      `${queued} documents are being read or waiting; send this one again in about ${retryAfterSeconds} s.`, { retryAfterSeconds });
  };
  const queue = (image: Uint8Array, templateId: string) => {
    const refused = busy();
    if (refused) return Promise.reject(refused);
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
  return Object.defineProperties(queue, {
    waiting: { get: () => Math.max(0, queued - 1) },
    // Lets a route refuse an upload before its body arrives: the body of a refused upload is never held.
    refuseIfFull: { value: () => { const refused = busy(); if (refused) throw refused; } },
  }) as DocumentReadQueue;
}
