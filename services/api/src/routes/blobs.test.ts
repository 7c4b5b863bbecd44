import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { CID } from 'multiformats/cid';
import { EMPTY_DIRECTORY_CID, emptyDirectoryBlock, fakeKubo, writeFsBlock } from '@identree/store/testing';
import { FsBlobStore } from '@identree/store';
import { KuboBlobStore } from '@identree/store';
import type { BlobStore } from '@identree/store';
import { installErrorHandler } from '../errors.js';
import { blobRoutes } from './blobs.js';

/** The blob routes alone, with the service's error handler; only GET is exercised, so the auth guard is a stub. */
async function blobApp(blobs: BlobStore): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorHandler(app);
  app.decorate('requireAuth', () => async () => {});
  await app.register(blobRoutes, { blobs });
  return app;
}

// A CID that names a directory (or any DAG that is not a UnixFS file) is well formed and may be
// stored, but it is no blob: the client is told so, with a 404 naming the problem, never a 500.
describe('GET /blobs/:cid for a CID that is not a file', () => {
  describe('on kubo (a fake RPC server)', () => {
    let kubo: Awaited<ReturnType<typeof fakeKubo>>;
    let app: FastifyInstance;
    before(async () => {
      kubo = await fakeKubo();
      app = await blobApp(new KuboBlobStore(kubo.apiUrl));
    });
    after(async () => {
      await app?.close();
      await kubo?.close();
    });

    it('answers 404 not_a_file for the empty directory', async () => {
      const res = await app.inject({ method: 'GET', url: `/blobs/${EMPTY_DIRECTORY_CID}` });
      assert.equal(res.statusCode, 404, res.body);
      assert.deepEqual(res.json(), { error: 'not_a_file', message: `${EMPTY_DIRECTORY_CID} is a directory, not a file.` });
    });
  });

  describe('on the file system', () => {
    let dir: string;
    let app: FastifyInstance;
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'identree-blob-routes-'));
      app = await blobApp(new FsBlobStore(dir));
    });
    after(async () => {
      await app?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('answers 404 not_a_file for a directory node in the store (an imported repository holds them)', async () => {
      const stored = await writeFsBlock(dir, emptyDirectoryBlock());
      assert.equal(stored, CID.parse(EMPTY_DIRECTORY_CID).toV1().toString());
      const res = await app.inject({ method: 'GET', url: `/blobs/${EMPTY_DIRECTORY_CID}` });
      assert.equal(res.statusCode, 404, res.body);
      assert.deepEqual(res.json(), { error: 'not_a_file', message: `${stored} is a UnixFS directory, not a file.` });
    });

    it('answers 404 not_a_file for a dag-pb CID whose block is not UnixFS at all', async () => {
      const stored = await writeFsBlock(dir, new TextEncoder().encode('not a dag-pb node'));
      const res = await app.inject({ method: 'GET', url: `/blobs/${stored}` });
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().error, 'not_a_file');
      assert.match(res.json().message, new RegExp(`^${stored} is a block that is not UnixFS`));
    });

    it('still answers 404 not_found for a CID it does not have', async () => {
      const res = await app.inject({ method: 'GET', url: '/blobs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error, 'not_found');
    });
  });
});
