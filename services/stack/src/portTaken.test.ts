import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAllScript } from './testing/stackProcess.js';

describe('npm start on a port that is taken', () => {
  it('exits 1 with a one-line error naming the port, and leaves no anvil behind', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-port-'));
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', startAllScript], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), CHAIN_PORT: '0', LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      child.stderr.on('data', (c: Buffer) => (out += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 1, out);
      assert.match(out, new RegExp(`127\\.0\\.0\\.1:${port} is already in use \\(PORT, HOST\\)`));
      assert.doesNotMatch(out, /\n\s+at /, 'no stack trace');
      // anvil was started with its state under this data directory: none may still run.
      const anvils = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(path.join(dataDir, 'chain')));
      assert.deepEqual(anvils, []);
    } finally {
      squatter.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a one-line error naming CHAIN_PORT when the embedded chain\'s port is taken', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-chainport-'));
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const chainPort = (squatter.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', startAllScript], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', CHAIN_PORT: String(chainPort), LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      child.stderr.on('data', (c: Buffer) => (out += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 1, out);
      assert.match(out, new RegExp(`port 127\\.0\\.0\\.1:${chainPort} is already in use \\(CHAIN_PORT\\)`));
      assert.doesNotMatch(out, /\n\s+at /, 'no stack trace');
    } finally {
      squatter.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
