import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { memoryTemplateRecords } from '@identree/biometrics';
import { faceTemplateCidBytes, sealFaceTemplate, type SignedFaceTemplateMessage } from '@identree/sdk';
import { KuboBlobStore } from '@identree/store';
import { fakeKubo } from '@identree/store/testing';
import { FaceRequestError } from '../errors.js';
import { eraseTemplate } from '../templates/eraseTemplate.js';
import { storeTemplate } from '../templates/storeTemplate.js';
import { auditedFacePorts } from './auditedFacePorts.js';
import type { FaceChain } from './ports.js';

const holder = privateKeyToAccount(generatePrivateKey());
const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.cos(i) / 32);
let kubo: Awaited<ReturnType<typeof fakeKubo>>;
before(async () => {
  kubo = await fakeKubo();
});
after(() => kubo?.close());

/** A chain fake that refuses the first relay: the port under test is the blob store and the audit log. */
const chain = (): FaceChain => {
  let relays = 0;
  let current: { version: number; status: 'none' | 'enrolled' | 'erased' } = { version: 0, status: 'none' };
  return {
    relay: async (signed) => {
      if (relays++ === 0) throw new Error('FaceTemplateSignatureInvalid');
      current = { version: signed.templateVersion, status: signed.action === 'erase' ? 'erased' : 'enrolled' };
      return { hash: `0x${'ab'.repeat(32)}` };
    },
    isCurrent: async () => true,
    status: async () => ({ templateVersion: current.version, status: current.status }),
    identityOf: async (key) => key,
    keyOf: async (identity) => identity,
    isGuardian: async () => false,
    grantExpiry: async () => null,
    isActive: async () => true,
    now: async () => 0,
    logAccess: async () => ({ hash: '0x' }),
    typedData: async () => { throw new Error('not used'); },
  };
};
const signed = (action: 'enroll' | 'reenroll' | 'erase', templateVersion: number, cid?: string): SignedFaceTemplateMessage => ({
  action, identity: holder.address, templateVersion, nonce: 0n, deadline: 0n, signature: '0x00', ...(cid ? { cid: faceTemplateCidBytes(cid) } : {}),
} as SignedFaceTemplateMessage);

test('on kubo, every pin, unpin and erasure of a face template blob is in the holder\'s audit trail, a refused commitment included', async () => {
  const entries: { subject: string; action: string; payload: Record<string, unknown> }[] = [];
  const blobs = new KuboBlobStore(kubo.apiUrl);
  const ports = { ...auditedFacePorts({ blobs, audit: { append: async (e) => void entries.push(e) } }), chain: chain(), records: memoryTemplateRecords() };
  const sealed = (templateVersion: number) => sealFaceTemplate({ holder: holder.address, embedding, templateVersion, recipients: [holder.publicKey] });
  const first = sealed(1);
  const store = (s: ReturnType<typeof sealed>, action: 'enroll' | 'reenroll') =>
    storeTemplate({ ...ports, identity: holder.address, key: holder.address, model: 'm', envelope: s.envelope, ciphertext: s.ciphertext, signed: signed(action, s.envelope.templateVersion, s.envelope.cid) });

  await assert.rejects(store(first, 'enroll'), (e: FaceRequestError) => e.code === 'chain_refused');
  assert.equal(await blobs.get(first.envelope.cid), null, 'the refused template\'s blob is gone');
  await store(first, 'enroll');
  const second = sealed(2);
  await store(second, 'reenroll');
  await eraseTemplate({ ...ports, identity: holder.address, signed: signed('erase', 2) });
  assert.equal(await blobs.get(second.envelope.cid), null);

  const c1 = first.envelope.cid;
  const c2 = second.envelope.cid;
  const blobEntries = entries.filter((e) => e.action.startsWith('Blob')).map((e) => [e.action, e.payload.cid]);
  // Kubo unpins and removes the blocks, so each removal is both entries, as DELETE /blobs/:cid logs it.
  assert.deepEqual(blobEntries, [
    ['BlobPinned', c1], ['BlobUnpinned', c1], ['BlobErased', c1],
    ['BlobPinned', c1],
    ['BlobPinned', c2], ['BlobUnpinned', c1], ['BlobErased', c1],
    ['BlobUnpinned', c2], ['BlobErased', c2],
  ]);
  assert.ok(entries.every((e) => e.subject === holder.address));
  for (const e of entries.filter((x) => x.action === 'BlobPinned')) assert.equal(e.payload.bytes, first.ciphertext.length, 'the pinned size, as storeAuditedBlob logs it');
  for (const e of entries.filter((x) => x.action === 'BlobUnpinned' || x.action === 'BlobErased')) assert.match(String(e.payload.reason), /face template/);
  assert.deepEqual(entries.filter((e) => !e.action.startsWith('Blob')).map((e) => e.action), ['FaceTemplateEnrolled', 'FaceTemplateReplaced', 'FaceTemplateErased']);
});
