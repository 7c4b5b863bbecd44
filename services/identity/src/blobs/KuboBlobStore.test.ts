import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeBlobStore } from './blobStore.suite.js';
import { BlobStoreUnavailableError, CidMismatchError, InvalidCidError } from './errors.js';
import { FsBlobStore } from './FsBlobStore.js';
import { KuboBlobStore } from './KuboBlobStore.js';

type Seen = { method: string; path: string; query: Record<string, string>; contentType?: string; file?: Uint8Array; fieldName?: string };

/**
 * A stand-in for kubo's RPC API, just enough of add/cat/block/stat: it keeps blocks in an
 * FsBlobStore, answers errors the way kubo does ({ Message, Code, Type } with HTTP 500), and
 * records each request so tests can check its shape. `override` replaces the next answer.
 */
async function fakeKubo() {
  const dir = await mkdtemp(path.join(tmpdir(), 'identree-fake-kubo-'));
  const blocks = new FsBlobStore(dir);
  const seen: Seen[] = [];
  let override: { status: number; body: string } | undefined;
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const kuboError = (message: string) => JSON.stringify({ Message: message, Code: 0, Type: 'error' });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://fake');
    const entry: Seen = { method: req.method!, path: url.pathname, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'] };
    seen.push(entry);
    const send = (status: number, text: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    const raw = await body(req);
    if (override) {
      const { status, body: text } = override;
      override = undefined;
      return send(status, text);
    }
    if (req.method !== 'POST') return send(405, kuboError(`${req.method} is not allowed`));
    try {
      if (url.pathname === '/api/v0/add') {
        const form = await new Response(raw, { headers: { 'content-type': entry.contentType ?? '' } }).formData();
        const parts: [string, File][] = [];
        form.forEach((value, key) => parts.push([key, value as File]));
        const [[fieldName, file]] = parts;
        entry.fieldName = fieldName;
        entry.file = new Uint8Array(await file.arrayBuffer());
        const hash = await blocks.put(entry.file);
        return send(200, `${JSON.stringify({ Name: file.name, Hash: hash, Size: String(entry.file.length) })}\n`);
      }
      if (url.pathname === '/api/v0/cat' || url.pathname === '/api/v0/block/stat') {
        const arg = url.searchParams.get('arg') ?? '';
        const found = await blocks.get(arg).catch(() => undefined);
        if (found === undefined) return send(500, kuboError(`invalid path "${arg}": invalid cid`));
        if (found === null) return send(500, kuboError(`block was not found locally (offline): ipld: could not find ${arg}`));
        if (url.pathname === '/api/v0/block/stat') return send(200, JSON.stringify({ Key: arg, Size: found.length }));
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(found);
      }
      return send(404, kuboError(`unknown command ${url.pathname}`));
    } catch (error) {
      return send(500, kuboError(String(error)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    seen,
    answerNext: (status: number, text: string) => (override = { status, body: text }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeBlobStore('kubo (a fake RPC server)', {
  async open() {
    const kubo = await fakeKubo();
    return { store: new KuboBlobStore(kubo.apiUrl), dispose: kubo.close };
  },
});

describe('KuboBlobStore', () => {
  let kubo: Awaited<ReturnType<typeof fakeKubo>>;
  let store: KuboBlobStore;
  before(async () => {
    kubo = await fakeKubo();
    store = new KuboBlobStore(`${kubo.apiUrl}/`);
  });
  after(() => kubo.close());

  it('adds with kubo’s CIDv1 import settings spelled out, the bytes as a multipart file', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    kubo.seen.length = 0;
    await store.put(bytes);
    const [add] = kubo.seen;
    assert.equal(add.method, 'POST');
    assert.equal(add.path, '/api/v0/add');
    assert.deepEqual(add.query, { 'cid-version': '1', 'raw-leaves': 'true', chunker: 'size-262144', hash: 'sha2-256', pin: 'true', quieter: 'true' });
    assert.match(add.contentType ?? '', /^multipart\/form-data; boundary=/);
    assert.equal(add.fieldName, 'file');
    assert.deepEqual(add.file, bytes);
  });

  it('reads with cat, offline by default, by POST', async () => {
    const cid = await store.put(new TextEncoder().encode('read me'));
    kubo.seen.length = 0;
    assert.deepEqual(await store.get(cid), new TextEncoder().encode('read me'));
    assert.deepEqual(kubo.seen.map((s) => [s.method, s.path, s.query]), [['POST', '/api/v0/cat', { arg: cid, offline: 'true' }]]);
  });

  it('lets kubo search the network when asked to', async () => {
    const online = new KuboBlobStore(kubo.apiUrl, { offline: false });
    kubo.seen.length = 0;
    await online.has('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    assert.deepEqual(kubo.seen[0].query, { arg: 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e' });
  });

  it('rejects a malformed CID before calling kubo', async () => {
    kubo.seen.length = 0;
    await assert.rejects(store.get('../../etc/passwd'), InvalidCidError);
    assert.equal(kubo.seen.length, 0);
  });

  it('refuses a CID from kubo that differs from the embedded store’s', async () => {
    kubo.answerNext(200, `${JSON.stringify({ Name: 'blob', Hash: 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e', Size: '5' })}\n`);
    await assert.rejects(store.put(new TextEncoder().encode('other')), CidMismatchError);
  });

  it('reports a kubo error other than "not found" as unavailable, with kubo’s message', async () => {
    kubo.answerNext(500, JSON.stringify({ Message: 'repo lock held', Code: 0, Type: 'error' }));
    await assert.rejects(store.get('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e'), (e: unknown) => {
      assert.ok(e instanceof BlobStoreUnavailableError);
      assert.equal(e.shortMessage, 'Kubo refused cat (HTTP 500).');
      assert.equal(e.details, 'repo lock held');
      return true;
    });
  });

  it('reports a node that does not answer as unavailable', async () => {
    const gone = new KuboBlobStore('http://127.0.0.1:9', { timeoutMs: 2_000 });
    await assert.rejects(gone.put(new Uint8Array([1])), BlobStoreUnavailableError);
  });
});
