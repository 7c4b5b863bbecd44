#!/usr/bin/env node
// Fails when src/gen is not what buf generates from proto/ now: generated code is never edited by hand.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const here = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const out = mkdtempSync(path.join(tmpdir(), 'identree-proto-'));
const run = (args) => execFileSync('npx', ['--no-install', 'buf', ...args], { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
const list = (dir, base = dir) =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? list(full, base) : [path.relative(base, full)];
  });
try {
  run(['lint']);
  run(['generate', '-o', out]);
  const fresh = list(path.join(out, 'src/gen'));
  const current = list(path.join(here, 'src/gen'));
  const stale = [...new Set([...fresh, ...current])].filter((file) => {
    const read = (root) => { try { return readFileSync(path.join(root, file), 'utf8'); } catch { return null; } };
    return read(path.join(out, 'src/gen')) !== read(path.join(here, 'src/gen'));
  });
  if (stale.length > 0) {
    console.error(`packages/proto/src/gen is stale (${stale.join(', ')}): run \`npm run generate -w @identree/proto\` and commit the result`);
    process.exit(1);
  }
  console.log(`proto: ${fresh.length} generated file(s) match proto/`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
