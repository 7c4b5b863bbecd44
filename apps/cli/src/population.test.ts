import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliRunner } from './testing/cliProcess.js';

describe('identree sim population', () => {
  it('issues identities and birth certificates to synthetic citizens on its own chain and prints the figures', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'identree-cli-sim-'));
    try {
      const r = await cliRunner({ IDENTREE_HOME: home })(['sim', 'population', '--citizens', '200', '--batch-size', '100', '--workers', '1', '--json']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.json.citizens, 200);
      assert.ok(r.json.gasPerCitizen > 0 && r.json.gasPerCitizen < 100_000, String(r.json.gasPerCitizen));
      const bad = await cliRunner({ IDENTREE_HOME: home })(['sim', 'population', '--citizens', 'many', '--json']);
      assert.equal(bad.code, 2);
      assert.match(bad.json.error.message, /--citizens/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
