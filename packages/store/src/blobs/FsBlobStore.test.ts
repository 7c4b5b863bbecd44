import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { describeBlobStore, ONE_MEBIBYTE_CID, oneMebibyte } from './blobStore.suite.js';
import { BlobIntegrityError } from './errors.js';
import { FsBlobStore } from './FsBlobStore.js';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'identree-blobs-'));

describeBlobStore('the file system', {
  async open() {
    const dir = await tempDir();
    return { store: new FsBlobStore(dir), dispose: () => rm(dir, { recursive: true, force: true }) };
  },
});

const files = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name));

describe('FsBlobStore', () => {
  let dir: string;
  before(async () => (dir = await tempDir()));
  after(() => rm(dir, { recursive: true, force: true }));

  it('builds the DAG kubo builds for 1 MiB: four raw 256 KiB leaves under one UnixFS file node', async () => {
    // Rebuilt here from the UnixFS spec, without the importer, to check the importer's settings.
    const bytes = oneMebibyte();
    const leaves = await Promise.all(
      [0, 1, 2, 3].map(async (i) => CID.createV1(raw.code, await sha256.digest(bytes.subarray(i * 262_144, (i + 1) * 262_144)))),
    );
    const data = new UnixFS({ type: 'file', blockSizes: leaves.map(() => 262_144n) }).marshal();
    const root = dagPb.encode(dagPb.prepare({ Data: data, Links: leaves.map((Hash) => ({ Hash, Name: '', Tsize: 262_144 })) }));
    const expected = CID.createV1(dagPb.code, await sha256.digest(root)).toString();
    assert.equal(expected, ONE_MEBIBYTE_CID);
    assert.equal(await new FsBlobStore(dir).put(bytes), expected);
  });

  it('finds a blob again from a new instance on the same directory', async () => {
    const cid = await new FsBlobStore(dir).put(new TextEncoder().encode('kept'));
    assert.deepEqual(await new FsBlobStore(dir).get(cid), new TextEncoder().encode('kept'));
  });

  it('finds a dag-pb blob by its CIDv0 too', async () => {
    const store = new FsBlobStore(dir);
    const cid = await store.put(oneMebibyte());
    assert.deepEqual(await store.get(CID.parse(cid).toV0().toString()), oneMebibyte());
  });

  it('leaves no temporary files behind after concurrent writes', async () => {
    const own = await tempDir();
    try {
      const store = new FsBlobStore(own);
      await Promise.all(Array.from({ length: 5 }, () => store.put(oneMebibyte())));
      const written = await files(own);
      assert.equal(written.filter((f) => f.endsWith('.tmp')).length, 0);
      assert.equal(written.length, 5); // four leaves and the root
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('refuses to return a block that no longer hashes to its name', async () => {
    const own = await tempDir();
    try {
      const store = new FsBlobStore(own);
      const cid = await store.put(new TextEncoder().encode('original'));
      const [block] = await files(own);
      await writeFile(block, 'tampered');
      await assert.rejects(store.get(cid), BlobIntegrityError);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('reports a file whose leaf went missing as damaged, not as absent', async () => {
    const own = await tempDir();
    try {
      const store = new FsBlobStore(own);
      const cid = await store.put(oneMebibyte());
      const leaf = (await files(own)).find((f) => path.basename(f).startsWith('bafkrei'))!;
      await rm(leaf);
      await assert.rejects(store.get(cid), BlobIntegrityError);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
