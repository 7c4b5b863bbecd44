import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliRunner, identreeBin } from './testing/cliProcess.js';

const script = spawnSync('script', ['--version']).status === 0 ? undefined : 'util-linux `script` (a pseudo-terminal) is not installed';

/**
 * A person typing a passphrase at a real terminal: `script` gives the CLI a pseudo-terminal, so it
 * prompts (masked) instead of failing for want of IDENTREE_PASSPHRASE; the typed passphrase then
 * opens the key, and a mistyped confirmation writes nothing.
 */
describe('the passphrase prompt, driven through a pseudo-terminal', { skip: script }, () => {
  let home: string;
  before(() => {
    home = mkdtempSync(path.join(tmpdir(), 'identree-cli-pty-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  /** Runs the command on a pty, answering each prompt that matches with the next line. */
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const identree = (args: string[]) => [process.execPath, identreeBin, ...args].map(quote).join(' ');
  const onTerminal = (args: string[] | string, answers: [RegExp, string][]) => new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
    const command = typeof args === 'string' ? args : identree(args);
    const env: NodeJS.ProcessEnv = { ...process.env, IDENTREE_HOME: home, IDENTREE_LIGHT_KDF: '1', TERM: 'dumb' };
    delete env.IDENTREE_PASSPHRASE; // a person at a terminal, not a script
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let next = 0;
    let answeredUpTo = 0;
    const onData = (c: Buffer) => {
      screen += c;
      const answer = answers[next];
      if (answer && answer[0].test(screen.slice(answeredUpTo))) {
        next += 1;
        answeredUpTo = screen.length;
        // Typed as a person types: a key at a time, once the prompt has put the terminal in raw mode.
        const keys = [...answer[1], '\r'];
        const type = () => {
          const key = keys.shift();
          if (key !== undefined) child.stdin.write(key, () => setTimeout(type, 5));
        };
        setTimeout(type, 200);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });

  it('creates a key from a typed passphrase, masked, that then opens it', async () => {
    const passphrase = 'typed at the desk 4711';
    const { code, screen } = await onTerminal(['key', 'create', 'clerk'], [[/Passphrase to encrypt/, passphrase], [/Repeat the passphrase/, passphrase]]);
    assert.equal(code, 0, screen);
    assert.doesNotMatch(screen, /typed at the desk/, 'the passphrase is not echoed');
    assert.match(screen, /\*{4,}/, 'the prompt masks what is typed');
    const keystore = JSON.parse(readFileSync(path.join(home, 'keystore', 'clerk.json'), 'utf8'));
    assert.equal(keystore.crypto.kdf, 'scrypt');
    const cli = cliRunner({ IDENTREE_HOME: home });
    const opened = await cli(['key', 'export-public', 'clerk', '--json'], { env: { IDENTREE_PASSPHRASE: passphrase } });
    assert.equal(opened.code, 0, opened.stderr);
    assert.equal(opened.json.address.toLowerCase(), `0x${keystore.address}`);
    const wrong = await cli(['key', 'export-public', 'clerk', '--json'], { env: { IDENTREE_PASSPHRASE: 'not it at all' } });
    assert.equal(wrong.code, 5);
  });

  it('a mistyped confirmation writes no key', async () => {
    const { code, screen } = await onTerminal(['key', 'create', 'typo'], [[/Passphrase to encrypt/, 'first version 1234'], [/Repeat the passphrase/, 'second version 1234']]);
    assert.equal(code, 5, screen);
    assert.match(screen, /the two passphrases differ/);
    const cli = cliRunner({ IDENTREE_HOME: home });
    const listed = await cli(['key', 'list', '--json']);
    assert.deepEqual(listed.json.keys.map((k: { name: string }) => k.name).filter((n: string) => n !== 'piped-in'), ['clerk']);
  });

  it('a private key piped in on stdin still gets its passphrase asked on the terminal (/dev/tty)', async () => {
    const privateKey = `0x${'5a'.repeat(32)}`;
    const passphrase = 'asked on the tty 2026';
    const { code, screen } = await onTerminal(`printf '%s\\n' ${privateKey} | ${identree(['key', 'import', 'piped-in', '--stdin'])}`,
      [[/Passphrase to encrypt/, passphrase], [/Repeat the passphrase/, passphrase]]);
    assert.equal(code, 0, screen);
    assert.doesNotMatch(screen, new RegExp(privateKey.slice(2, 20)), 'the key is not echoed');
    const opened = await cliRunner({ IDENTREE_HOME: home })(['key', 'export-public', 'piped-in', '--json'], { env: { IDENTREE_PASSPHRASE: passphrase } });
    assert.equal(opened.code, 0, opened.stderr);
    assert.equal(opened.json.address, '0xa8049bB68181799124F98E467DD749e120abFA64'); // viem's address for 0x5a…5a
  });

  it('without a terminal and without IDENTREE_PASSPHRASE, it says what to do instead of hanging', async () => {
    const env = { ...process.env };
    delete env.IDENTREE_PASSPHRASE;
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      // detached: a new session, so no controlling terminal either (as under cron or a service manager).
      const child = spawn(process.execPath, [identreeBin, 'key', 'create', 'piped', '--json'], { env: { ...env, IDENTREE_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      child.stdin.end();
      child.once('exit', (code) => resolve({ code, out }));
    });
    assert.equal(r.code, 5);
    assert.equal(JSON.parse(r.out).error.code, 'no_passphrase');
    assert.match(JSON.parse(r.out).error.hint, /IDENTREE_PASSPHRASE/);
  });
});
