import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { DocumentNotFoundError } from '@identree/documents';
import { memorySubmissionStore, type EnrollmentChain } from '@identree/enrollment';
import { installErrorHandler } from '../errors.js';
import { enrollmentRoutes } from './enrollments.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/**
 * A burst of uploads against the OCR queue: the route shell with a reader held open by the test (the real
 * OCR is in enrollments.test.ts). Uploads beyond the queue get 503 enrollment_busy with Retry-After, and
 * none of them is stored.
 */
describe('enrollment uploads beyond the OCR queue', () => {
  let app: FastifyInstance;
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const store = memorySubmissionStore();
  let reads = 0;

  before(async () => {
    app = Fastify();
    installErrorHandler(app);
    app.decorate('requireAuth', () => async (request: { headers: Record<string, unknown> }) => {
      Object.assign(request, { user: { address: request.headers['x-test-account'], role: 'holder' } });
    });
    await app.register(enrollmentRoutes, {
      enrollment: {
        chain: {} as EnrollmentChain,
        store,
        // Never answers a document until released; then every read finds no document in the photo.
        read: async () => { reads++; await held; throw new DocumentNotFoundError('the test holds every read'); },
        provider: {} as never,
        maxWaitingDocuments: 2,
      },
    });
  });
  after(async () => { release(); await app?.close(); });

  it('answers 503 enrollment_busy with Retry-After to the fourth of four uploads at once, and stores nothing', async () => {
    const upload = (i: number) => app.inject({
      method: 'POST', url: '/enrollments/documents?template=residence-card',
      headers: { 'content-type': 'image/png', 'x-test-account': `0x${String(i).padStart(40, '0')}` }, payload: Buffer.from(PNG),
    });
    const accepted = [upload(1), upload(2), upload(3)];
    await new Promise((r) => setTimeout(r, 50));
    const busy = await upload(4);
    assert.equal(busy.statusCode, 503, busy.body);
    assert.equal(busy.json().error, 'enrollment_busy');
    assert.match(busy.json().message, /documents are being read or waiting; send this one again in about \d+ s/);
    assert.match(String(busy.headers['retry-after']), /^[1-9]\d*$/);
    release();
    const settled = await Promise.all(accepted);
    assert.equal(reads, 3, 'the refused upload was never read');
    for (const r of settled) assert.equal(r.json().error, 'document_not_found', `each queued upload gets its own answer: ${r.body}`);
    assert.equal(store.size(), 0);
  });
});
