import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Address } from 'viem';
import { openStorage } from '../storage/openStorage.js';
import type { Storage } from '../storage/types.js';
import { eraseAuditedBlob, storeAuditedBlob } from './auditedBlobs.js';
import { fakeKubo } from './fakeKubo.js';
import { FsBlobStore } from './FsBlobStore.js';
import { KuboBlobStore } from './KuboBlobStore.js';

const owner = `0x${'ab'.repeat(20)}` as Address;
const admin = `0x${'cd'.repeat(20)}` as Address;

describe('audited blob pins and erasure', () => {
  let storage: Storage;
  let dir: string;
  let kubo: Awaited<ReturnType<typeof fakeKubo>>;
  before(async () => {
    storage = await openStorage({});
    dir = await mkdtemp(path.join(tmpdir(), 'identree-audited-blobs-'));
    kubo = await fakeKubo();
  });
  after(async () => {
    await storage.close();
    await kubo.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs a pin on store, and an unpin and an erasure on erase, under the owner, on kubo', async () => {
    const blobs = new KuboBlobStore(kubo.apiUrl);
    const cid = await storeAuditedBlob(
      { blobs, audit: storage.audit },
      { bytes: new TextEncoder().encode('template'), owner },
    );
    const result = await eraseAuditedBlob(
      { blobs, audit: storage.audit },
      { cid, owner, actor: admin, reason: 'retention period over' },
    );
    assert.deepEqual(result, { erased: true, unpinned: true });
    const log = (await storage.audit.listBySubject(owner)).filter(
      (e) => String((e.payload as { cid?: string }).cid) === cid,
    );
    assert.deepEqual(
      log.map((e) => [e.action, e.actor]),
      [
        ['BlobPinned', owner],
        ['BlobUnpinned', admin],
        ['BlobErased', admin],
      ],
    );
    assert.deepEqual(log[0]!.payload, { cid, bytes: 8 });
    assert.deepEqual(log[2]!.payload, { cid, reason: 'retention period over' });
    assert.equal(await blobs.has(cid), false);
  });

  it('logs no unpin where nothing is pinned, and nothing for a blob that is not there', async () => {
    const blobs = new FsBlobStore(dir);
    const subject = `0x${'ef'.repeat(20)}` as Address;
    const cid = await storeAuditedBlob(
      { blobs, audit: storage.audit },
      { bytes: new TextEncoder().encode('document'), owner: subject },
    );
    assert.deepEqual(
      await eraseAuditedBlob(
        { blobs, audit: storage.audit },
        { cid, owner: subject, actor: subject, reason: 'holder request' },
      ),
      { erased: true, unpinned: false },
    );
    assert.deepEqual(
      await eraseAuditedBlob({ blobs, audit: storage.audit }, { cid, owner: subject, actor: subject, reason: 'again' }),
      { erased: false, unpinned: false },
    );
    assert.deepEqual(
      (await storage.audit.listBySubject(subject)).map((e) => e.action),
      ['BlobPinned', 'BlobErased'],
    );
  });
});
