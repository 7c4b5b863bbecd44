import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address } from 'viem';
import type { FaceTemplateRecordRow, Storage } from './types.js';

const holder = '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01' as Address;
const other = '0x00000000000000000000000000000000000000b2' as Address;

const record = (templateVersion: number, wrappedKeys: { recipient: string; wrappedKey: string }[], overrides: Partial<FaceTemplateRecordRow> = {}): FaceTemplateRecordRow => ({
  holder,
  cid: `bafkrei-v${templateVersion}`,
  templateVersion,
  model: 'human-3.3.6/faceres',
  envelope: { version: 1, holder, templateVersion, cid: `bafkrei-v${templateVersion}`, wrappedKeys },
  enrolledAt: new Date(Date.UTC(2026, 11, 6, 3, templateVersion)),
  ...overrides,
});

/** Face template records: the behaviour every adapter keeps, run by the shared storage suite. */
export function faceTemplatesStorageTests(open: () => Promise<Storage>) {
  it('keeps one record per holder, found whatever the address case, and gives back what was put', async () => {
    const storage = await open();
    assert.equal(await storage.faceTemplates.get(holder), null);
    const first = record(1, [{ recipient: holder, wrappedKey: 'k1' }]);
    await storage.faceTemplates.put(first);
    assert.deepEqual(await storage.faceTemplates.get(holder.toLowerCase() as Address), { ...first, holder: holder.toLowerCase() });
    assert.equal(await storage.faceTemplates.get(other), null);
  });

  it('replaces the whole record on re-enrollment: no wrapped key of the old version remains', async () => {
    const storage = await open();
    await storage.faceTemplates.put(record(1, [{ recipient: holder, wrappedKey: 'old-holder' }, { recipient: other, wrappedKey: 'old-guardian' }]));
    await storage.faceTemplates.put(record(2, [{ recipient: holder, wrappedKey: 'new-holder' }], { model: 'human-3.4.0/faceres' }));
    const now = await storage.faceTemplates.get(holder);
    assert.equal(now?.templateVersion, 2);
    assert.equal(now?.cid, 'bafkrei-v2');
    assert.equal(now?.model, 'human-3.4.0/faceres');
    assert.deepEqual((now?.envelope as { wrappedKeys: unknown[] }).wrappedKeys, [{ recipient: holder, wrappedKey: 'new-holder' }]);
    assert.doesNotMatch(JSON.stringify(now), /old-/);
  });

  it('lets exactly one of five concurrent re-enrollments win whole, never a mix of two', async () => {
    const storage = await open();
    await Promise.all([2, 3, 4, 5, 6].map((v) => storage.faceTemplates.put(record(v, [{ recipient: holder, wrappedKey: `key-${v}` }]))));
    const now = await storage.faceTemplates.get(holder);
    const v = now!.templateVersion;
    assert.equal(now!.cid, `bafkrei-v${v}`);
    assert.deepEqual((now!.envelope as { wrappedKeys: unknown[] }).wrappedKeys, [{ recipient: holder, wrappedKey: `key-${v}` }]);
  });

  it('deletes a holder\'s record on erasure, once, and leaves other holders\' alone', async () => {
    const storage = await open();
    await storage.faceTemplates.put(record(1, [{ recipient: holder, wrappedKey: 'k' }]));
    await storage.faceTemplates.put(record(1, [{ recipient: other, wrappedKey: 'k' }], { holder: other }));
    assert.equal(await storage.faceTemplates.delete(holder), true);
    assert.equal(await storage.faceTemplates.get(holder), null);
    assert.equal(await storage.faceTemplates.delete(holder), false);
    assert.equal((await storage.faceTemplates.get(other))?.templateVersion, 1);
  });

  it('adds a record only for a holder that has none, so an import never overwrites a newer enrollment', async () => {
    const storage = await open();
    assert.equal(await storage.faceTemplates.add(record(1, [{ recipient: holder, wrappedKey: 'imported' }])), true);
    await storage.faceTemplates.put(record(2, [{ recipient: holder, wrappedKey: 'current' }]));
    assert.equal(await storage.faceTemplates.add(record(1, [{ recipient: holder, wrappedKey: 'stale' }])), false);
    assert.equal((await storage.faceTemplates.get(holder))?.templateVersion, 2);
  });
}
