import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { sealFaceTemplate } from '@identree/sdk';
import { storedTemplateRecords } from '@identree/biometrics-service';
import { openStorage } from '@identree/store';
import { importFaceTemplateFiles } from './importFaceTemplateFiles.js';

const root = await mkdtemp(path.join(tmpdir(), 'face-import-'));
after(() => rm(root, { recursive: true, force: true }));
const storage = await openStorage({ dataDir: path.join(root, 'db') });
after(() => storage.close());

const holder = () => privateKeyToAccount(generatePrivateKey());
const record = (account: ReturnType<typeof holder>, templateVersion: number) => {
  const { envelope } = sealFaceTemplate({ holder: account.address, embedding: new Float32Array(8).fill(0.5), templateVersion, recipients: [account.publicKey] });
  return { holder: account.address, envelope, model: 'human-3.3.6/faceres', enrolledAt: 1_700_000_000_000 + templateVersion };
};
/** A folder as `fsTemplateRecords` left it: one JSON file per holder, named by its lowercase address. */
const folder = async (name: string, files: Record<string, string>) => {
  const dir = path.join(root, name);
  await mkdir(dir);
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text, { mode: 0o600 });
  return dir;
};

test('moves each envelope file into the database, then deletes the files, an interrupted write\'s leftover and the folder', async () => {
  const alice = record(holder(), 1);
  const bob = record(holder(), 3);
  const dir = await folder('moved', {
    [`${alice.holder.toLowerCase()}.json`]: JSON.stringify(alice),
    [`${bob.holder.toLowerCase()}.json`]: JSON.stringify(bob),
    [`${bob.holder.toLowerCase()}.json.4242.1700000000000.tmp`]: '{"half":',
  });
  const result = await importFaceTemplateFiles({ dir, rows: storage.faceTemplates });
  assert.deepEqual(new Set(result.imported), new Set([alice.holder, bob.holder]));
  assert.deepEqual(result.skipped, []);
  const records = storedTemplateRecords(storage.faceTemplates);
  assert.deepEqual(await records.get(alice.holder), alice);
  assert.deepEqual(await records.get(bob.holder), bob);
  assert.equal(existsSync(dir), false, 'no wrapped key is left on disk');
  // At the next start there is nothing left to do.
  assert.deepEqual(await importFaceTemplateFiles({ dir, rows: storage.faceTemplates }), { imported: [], skipped: [] });
});

test('never overwrites a record the database already holds, and still deletes the older file', async () => {
  const carol = holder();
  const current = record(carol, 2);
  await storedTemplateRecords(storage.faceTemplates).put(current);
  const dir = await folder('stale', { [`${carol.address.toLowerCase()}.json`]: JSON.stringify(record(carol, 1)) });
  assert.deepEqual(await importFaceTemplateFiles({ dir, rows: storage.faceTemplates }), { imported: [], skipped: [carol.address] });
  assert.deepEqual(await storedTemplateRecords(storage.faceTemplates).get(carol.address), current);
  assert.equal(existsSync(dir), false);
});

test('refuses to start over a file that is not a record, naming it and leaving it in place', async () => {
  const dave = record(holder(), 1);
  const dir = await folder('foreign', {
    [`${dave.holder.toLowerCase()}.json`]: JSON.stringify(dave),
    'notes.json': JSON.stringify({ holder: dave.holder, envelope: { wrappedKeys: 'none' } }),
  });
  await assert.rejects(importFaceTemplateFiles({ dir, rows: storage.faceTemplates }), /notes\.json/);
  assert.deepEqual(await readdir(dir), ['notes.json']);
  assert.equal((await storage.faceTemplates.get(dave.holder))?.templateVersion, 1, 'the valid file is imported all the same');
});
