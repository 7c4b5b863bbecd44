import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeBlobStore } from './blobStore.suite.js';
import { BlobStoreUnavailableError, CidMismatchError, InvalidCidError, NotAFileError } from './errors.js';
import { EMPTY_DIRECTORY_CID, fakeKubo } from './fakeKubo.js';
import { KuboBlobStore } from './KuboBlobStore.js';

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

  it('reports a directory’s CID as not a file, not as a failing node', async () => {
    await assert.rejects(store.get(EMPTY_DIRECTORY_CID), (e: unknown) => {
      assert.ok(e instanceof NotAFileError, String(e));
      assert.equal(e.cid, EMPTY_DIRECTORY_CID);
      return true;
    });
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
