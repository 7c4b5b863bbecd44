// The launcher's options: checked before anything starts, so these need no geth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('./chainPoa.ts', import.meta.url));
const launch = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('npm run chain:poa', () => {
  it('refuses more than seven validators with exit code 2, naming the option', () => {
    const run = launch('--validators', '9');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--validators must be a whole number from 1 to 7 \(got 9\)/);
  });

  it('refuses a period that is not a whole number of seconds with exit code 2', () => {
    const run = launch('--period', '0.5');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--period must be a whole number \(got "0\.5"\)/);
  });

  it('refuses an unknown option with exit code 2', () => {
    const run = launch('--validator', '3');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--validator/);
  });
});
