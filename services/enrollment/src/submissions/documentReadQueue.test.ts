import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReadDocumentReturnType } from '@identree/documents';
import { EnrollmentRequestError } from '../errors.js';
import { queueDocumentReads } from './documentReadQueue.js';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
};
const result = (templateId: string) => ({ templateId }) as unknown as ReadDocumentReturnType;

describe('queueDocumentReads', () => {
  it('reads one document at a time, in the order they arrived', async () => {
    const log: string[] = [];
    const gates = [gate(), gate(), gate()];
    const read = queueDocumentReads(async (_image, templateId) => {
      const i = Number(templateId);
      log.push(`start ${i}`);
      await gates[i].opened;
      log.push(`end ${i}`);
      return result(templateId);
    });
    const reads = [0, 1, 2].map((i) => read(new Uint8Array(1), String(i)));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(log, ['start 0'], 'the second waits while the first is read');
    assert.equal(read.waiting, 2);
    gates[2].open(); gates[1].open(); gates[0].open();
    const done = await Promise.all(reads);
    assert.deepEqual(log, ['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    assert.deepEqual(done.map((d) => (d as unknown as { templateId: string }).templateId), ['0', '1', '2']);
    assert.equal(read.waiting, 0);
  });

  it('refuses an upload beyond maxWaiting with 503 enrollment_busy and a Retry-After, and takes uploads again once drained', async () => {
    const first = gate();
    let reads = 0;
    const read = queueDocumentReads(async (_image, templateId) => { reads++; await first.opened; return result(templateId); },
      { maxWaiting: 2, initialSecondsPerDocument: 2 });
    const accepted = [read(new Uint8Array(1), 'a'), read(new Uint8Array(1), 'b'), read(new Uint8Array(1), 'c')];
    await assert.rejects(read(new Uint8Array(1), 'd'), (error: unknown) => {
      assert.ok(error instanceof EnrollmentRequestError);
      assert.equal(error.code, 'enrollment_busy');
      assert.equal(error.statusCode, 503);
      assert.equal(error.retryAfterSeconds, 6, 'three documents ahead at 2 s each');
      assert.match(error.shortMessage, /3 documents are being read or waiting/);
      return true;
    });
    assert.throws(() => read.refuseIfFull(), (error: unknown) => error instanceof EnrollmentRequestError && error.code === 'enrollment_busy',
      'a route can refuse before the upload\'s body arrives');
    first.open();
    await Promise.all(accepted);
    assert.doesNotThrow(() => read.refuseIfFull());
    assert.equal(reads, 3, 'the refused upload was never read');
    assert.ok(await read(new Uint8Array(1), 'e'));
  });

  it('goes on after a document fails to read, and the failure reaches its own caller only', async () => {
    const read = queueDocumentReads(async (_image, templateId) => {
      if (templateId === 'bad') throw new Error('not a document');
      return result(templateId);
    });
    const [bad, good] = await Promise.allSettled([read(new Uint8Array(1), 'bad'), read(new Uint8Array(1), 'good')]);
    assert.equal(bad.status, 'rejected');
    assert.equal(good.status, 'fulfilled');
    assert.equal(read.waiting, 0);
  });
});
