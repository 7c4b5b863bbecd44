import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { cliRunner, identreeBin, startEmbeddedService } from './testing/cliProcess.js';

const ROWS = 36;

/**
 * A registry office's batch, stopped twice in the middle (Ctrl-C, then kill -9), then run again
 * to the end: every row is issued exactly once, on chain and in the issuer's file.
 */
describe('credential issue --batch resumes after Ctrl-C and kill -9 with no duplicates', () => {
  let service: Awaited<ReturnType<typeof startEmbeddedService>>;
  let home: string;
  let work: string;
  let env: Record<string, string>;
  let cli: ReturnType<typeof cliRunner>;
  const citizens = Array.from({ length: ROWS }, () => privateKeyToAccount(generatePrivateKey()).address);

  before(async () => {
    service = await startEmbeddedService();
    home = mkdtempSync(path.join(tmpdir(), 'identree-cli-home-'));
    work = mkdtempSync(path.join(tmpdir(), 'identree-cli-batch-'));
    env = { IDENTREE_HOME: home, IDENTREE_PASSPHRASE: 'a long test passphrase', IDENTREE_LIGHT_KDF: '1', IDENTREE_SERVICE: service.url, IDENTREE_KEY: 'gov' };
    cli = cliRunner(env);
    assert.equal((await cli(['key', 'import', 'gov', '--stdin'], { input: devPrivateKey(0) })).code, 0);
  });
  after(async () => {
    await service?.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('registers a CSV of citizens, and a rerun of the same file registers nobody twice', async () => {
    const file = path.join(work, 'births.csv');
    writeFileSync(file, `address,kind\n${citizens.map((a) => `${a},Person`).join('\n')}\n`);
    const first = await cli(['entity', 'register', '--batch', file, '--json']);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(first.json.registered, ROWS);
    const again = await cli(['entity', 'register', '--batch', file, '--json']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal(again.json.alreadyDone, ROWS);
    assert.equal(again.json.registered, 0);
  });

  it('refuses a CSV with a bad row before sending anything, naming the line', async () => {
    const file = path.join(work, 'bad.csv');
    writeFileSync(file, `subject,givenName,fatherLastName,birthDate,sex,municipality,state\n${citizens[0]},Ana,Ruiz,2001-05-04,F,Zapopan,Jalisco\n${citizens[1]},Luis,Ruiz,not-a-date,M,Zapopan,Jalisco\n`);
    const r = await cli(['credential', 'issue', '--batch', file, '--type', 'BirthCertificate', '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.json.error.code, 'invalid_rows');
    assert.match(r.json.error.message, /line 3/);
    assert.equal(existsSync(`${file}.journal`), false, 'nothing was started');
  });

  it('issues every row exactly once across an interrupted, a killed and a final run', async () => {
    const file = path.join(work, 'certificates.csv');
    writeFileSync(file, `subject,givenName,fatherLastName,birthDate,sex,municipality,state\n${citizens.map((a, i) => `${a},Child${i},Ruiz,2026-12-0${1 + (i % 4)},${i % 2 ? 'M' : 'F'},Zapopan,Jalisco`).join('\n')}\n`);
    const args = ['credential', 'issue', '--batch', file, '--type', 'BirthCertificate', '--concurrency', '4', '--json'];
    const confirmed = () => (existsSync(`${file}.journal`) ? readFileSync(`${file}.journal`, 'utf8').split('\n').filter((l) => l.includes('"kind":"confirmed"')).length : 0);

    const interrupted = await runUntil(args, env, () => confirmed() >= 6, 'SIGINT');
    assert.equal(interrupted.code, 130, interrupted.output);
    const afterCtrlC = confirmed();
    assert.ok(afterCtrlC >= 6 && afterCtrlC < ROWS, `${afterCtrlC} rows confirmed before Ctrl-C`);

    const killed = await runUntil(args, env, () => confirmed() >= afterCtrlC + 8, 'SIGKILL');
    assert.equal(killed.signal, 'SIGKILL');

    const last = await cli(args);
    assert.equal(last.code, 0, last.stdout + last.stderr);
    assert.equal(last.json.alreadyDone + last.json.issued, ROWS);
    assert.equal(last.json.remaining, 0);
    assert.ok(last.json.alreadyDone > afterCtrlC, 'the third run picked up where the kill left off');

    // On chain: each citizen holds exactly one birth certificate.
    for (const citizen of citizens) {
      const { credentials } = await fetch(`${service.url}/entities/${citizen}/credentials`).then((r) => r.json()) as { credentials: { type: string }[] };
      assert.equal(credentials.filter((c) => c.type === 'BirthCertificate').length, 1, `${citizen} has one birth certificate`);
    }
    // In the issuer's file: every row's credential, once.
    const kept = readFileSync(`${file}.issued.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { proof: { uid: string }; credentialSubject: { id: string } });
    assert.equal(new Set(kept.map((c) => c.proof.uid)).size, ROWS);
    assert.equal(kept.length, ROWS);
  });
});

/** Runs the binary and sends `signal` once `ready()` holds (polled), then waits for it to exit. */
function runUntil(args: string[], env: Record<string, string>, ready: () => boolean, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [identreeBin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 20);
    child.once('error', reject);
    child.once('exit', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, output });
    });
  });
}
