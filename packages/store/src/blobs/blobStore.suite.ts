import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvalidCidError } from './errors.js';
import type { BlobStore } from './types.js';

export type BlobStoreHarness = { open(): Promise<{ store: BlobStore; dispose(): Promise<void> }> };

const text = (s: string) => new TextEncoder().encode(s);

/** 1 MiB that any implementation can rebuild: byte i is i mod 251 (a prime, so chunks differ). */
export const oneMebibyte = () => Uint8Array.from({ length: 1 << 20 }, (_, i) => i % 251);
/** The CID of `oneMebibyte()` under kubo's CIDv1 import: four raw 256 KiB leaves under one dag-pb node. */
export const ONE_MEBIBYTE_CID = 'bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau';

/**
 * What every blob store adapter must do, run by each adapter's test file. The known CIDs are
 * what `ipfs add --cid-version 1` prints for the same bytes.
 */
export function describeBlobStore(name: string, harness: BlobStoreHarness) {
  describe(`blob store on ${name}`, () => {
    let store: BlobStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await harness.open()));
    after(() => dispose());

    it('names "hello world" with the CID kubo gives it', async () => {
      assert.equal(await store.put(text('hello world')), 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    });

    it('names "hello world\\n" (echo\'s output) with the CID kubo gives it', async () => {
      assert.equal(await store.put(text('hello world\n')), 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
    });

    it('names "hello\\n" as kubo\'s own gateway fixtures do', async () => {
      // kubo test/sharness/t0114-gateway-subdomains: `echo hello | ipfs add --cid-version 1`
      assert.equal(await store.put(text('hello\n')), 'bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am');
    });

    it('stores an empty file as the empty raw block', async () => {
      const cid = await store.put(new Uint8Array());
      assert.equal(cid, 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
      assert.deepEqual(await store.get(cid), new Uint8Array());
    });

    it('keeps a file of exactly one chunk as a single raw block, and one byte more as a DAG', async () => {
      assert.match(await store.put(new Uint8Array(262_144).fill(7)), /^bafkrei/);
      assert.match(await store.put(new Uint8Array(262_145).fill(7)), /^bafybei/);
    });

    it('stores 1 MiB as a multi-block DAG and gives the same bytes back', async () => {
      const bytes = oneMebibyte();
      const cid = await store.put(bytes);
      assert.equal(cid, ONE_MEBIBYTE_CID);
      assert.deepEqual(await store.get(cid), bytes);
      assert.equal(await store.has(cid), true);
    });

    it('gives back binary bytes unchanged', async () => {
      const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      assert.deepEqual(await store.get(await store.put(bytes)), bytes);
    });

    it('answers null for a CID it does not have', async () => {
      const unknown = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
      assert.equal(await store.get(unknown), null);
      assert.equal(await store.has(unknown), false);
    });

    it('rejects a malformed CID with InvalidCidError', async () => {
      for (const bad of ['', 'not-a-cid', 'bafkreiINVALID', 'Qm123']) {
        await assert.rejects(store.get(bad), InvalidCidError, bad);
        await assert.rejects(store.has(bad), InvalidCidError, bad);
      }
    });

    it('erases a blob, leaves and all, so it is neither served nor found, and says so once', async () => {
      const bytes = oneMebibyte().map((b) => b ^ 0x33);
      const small = text(`erase me ${Date.now()}`);
      const [cid, smallCid] = [await store.put(bytes), await store.put(small)];
      assert.equal((await store.erase(cid)).erased, true);
      assert.equal(await store.get(cid), null);
      assert.equal(await store.has(cid), false);
      assert.deepEqual(await store.erase(cid), { erased: false, unpinned: false });
      assert.equal((await store.erase(smallCid)).erased, true);
      assert.equal(await store.has(smallCid), false);
      await assert.rejects(store.erase('not-a-cid'), InvalidCidError);
      // Stored again, it is back: erasure forgets the bytes, not the name.
      assert.equal(await store.put(small), smallCid);
      assert.deepEqual(await store.get(smallCid), small);
    });

    it('stores the same bytes written concurrently once, intact', async () => {
      const bytes = oneMebibyte().map((b) => b ^ 0x5a);
      const cids = await Promise.all(Array.from({ length: 6 }, () => store.put(bytes)));
      assert.equal(new Set(cids).size, 1);
      assert.deepEqual(await store.get(cids[0]), bytes);
    });
  });
}
