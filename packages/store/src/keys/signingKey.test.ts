import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { loadSigningKey, SigningKeyError } from './signingKey.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'identree-signing-key-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('loadSigningKey', () => {
  it('saves a generated key as a private Ed25519 JWK and loads the same key again', async (t) => {
    const keyFile = path.join(await tempDir(t), 'key.json');
    const created = await loadSigningKey({ keyFile });
    const saved = JSON.parse(await readFile(keyFile, 'utf8'));
    assert.deepEqual(Object.keys(saved).sort(), ['crv', 'd', 'kty', 'x']);
    assert.equal((await loadSigningKey({ keyFile })).kid, created.kid);
    assert.equal((await loadSigningKey({ key: saved })).kid, created.kid);
    assert.deepEqual(created.publicJwk, { kty: 'OKP', crv: 'Ed25519', x: saved.x, kid: created.kid, alg: 'EdDSA', use: 'sig' });
  });

  it('lets instances starting together agree on one key', async (t) => {
    const keyFile = path.join(await tempDir(t), 'key.json');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSigningKey({ keyFile })));
    assert.equal(new Set(keys.map((k) => k.kid)).size, 1);
  });

  it('refuses a key that is not a private Ed25519 key', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    await assert.rejects(loadSigningKey({ key: await exportJWK(privateKey) }), SigningKeyError);
    const ed = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    await assert.rejects(loadSigningKey({ key: await exportJWK(ed.publicKey) }), SigningKeyError);
  });

  it('refuses to start on an unreadable key file rather than replace it', async (t) => {
    const keyFile = path.join(await tempDir(t), 'key.json');
    await writeFile(keyFile, 'not json');
    await assert.rejects(loadSigningKey({ keyFile }), SigningKeyError);
    assert.equal(await readFile(keyFile, 'utf8'), 'not json');
  });
});
