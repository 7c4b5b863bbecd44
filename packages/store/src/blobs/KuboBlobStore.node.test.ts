import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kuboUnavailable, startKubo, type KuboNode } from '../kubo/kuboNode.js';
import { describeBlobStore } from './blobStore.suite.js';
import { FsBlobStore } from './FsBlobStore.js';
import { KuboBlobStore } from './KuboBlobStore.js';

// The blob store against a real kubo daemon (built from the Go module proxy), not the fake RPC
// server: the same suite, the CIDs compared with the embedded store's, and the pins it keeps.
const unavailable = kuboUnavailable();
const tempDir = (name: string) => mkdtemp(path.join(tmpdir(), `identree-${name}-`));

if (unavailable) {
  describe('blob store on kubo (a real node)', () => {
    it('runs against a real kubo daemon', { skip: unavailable }, () => {});
  });
} else {
  describeBlobStore('kubo (a real node)', {
    async open() {
      const repo = await tempDir('kubo');
      const node = await startKubo({ repo });
      return { store: new KuboBlobStore(node.apiUrl), dispose: async () => { await node.stop(); await rm(repo, { recursive: true, force: true }); } };
    },
  });

  describe('KuboBlobStore on a real kubo daemon', () => {
    let node: KuboNode;
    let kubo: KuboBlobStore;
    let fs: FsBlobStore;
    let fsDir: string;
    before(async () => {
      node = await startKubo({ repo: await tempDir('kubo') });
      // verifyCid off: kubo's own answer is compared with the embedded store's here, not inside put.
      kubo = new KuboBlobStore(node.apiUrl, { verifyCid: false });
      fs = new FsBlobStore((fsDir = await tempDir('blobs')));
    });
    after(async () => {
      await node?.stop();
      await rm(node.repo, { recursive: true, force: true });
      await rm(fsDir, { recursive: true, force: true });
    });

    it('names every size exactly as the embedded store does, chunk boundaries included', async () => {
      for (const size of [1, 1000, 262_143, 262_144, 262_145, 3 * 262_144 + 17]) {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) % 256);
        assert.equal(await kubo.put(bytes), await fs.put(bytes), `${size} bytes`);
      }
    });

    it('pins what it stores, so garbage collection keeps it', async () => {
      const cid = await kubo.put(new TextEncoder().encode(`pinned ${Date.now()}`));
      const pins = await fetch(`${node.apiUrl}/api/v0/pin/ls?arg=${cid}&type=recursive`, { method: 'POST' });
      assert.equal(pins.status, 200, await pins.clone().text());
      assert.ok(Object.keys(((await pins.json()) as { Keys: Record<string, unknown> }).Keys).includes(cid));
      const gc = await fetch(`${node.apiUrl}/api/v0/repo/gc`, { method: 'POST' });
      assert.equal(gc.status, 200);
      await gc.text();
      assert.equal(await kubo.has(cid), true);
    });

    it('unpins what it erases and removes its blocks, leaving other pins alone', async () => {
      const kept = await kubo.put(new TextEncoder().encode(`kept ${Date.now()}`));
      const bytes = Uint8Array.from({ length: 3 * 262_144 + 5 }, (_, i) => (i * 7 + 3) % 256);
      const cid = await kubo.put(bytes);
      assert.deepEqual(await kubo.erase(cid), { erased: true, unpinned: true });
      const pins = await fetch(`${node.apiUrl}/api/v0/pin/ls?type=recursive`, { method: 'POST' });
      const pinned = Object.keys(((await pins.json()) as { Keys: Record<string, unknown> }).Keys);
      assert.ok(!pinned.includes(cid), 'the erased blob is no longer pinned');
      assert.ok(pinned.includes(kept), 'another blob keeps its pin');
      assert.equal(await kubo.has(cid), false);
      assert.equal(await kubo.get(cid), null);
      assert.equal(await kubo.has(kept), true);
    });
  });
}
