import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Hex, LocalAccount } from 'viem';
import { createSiweMessage } from 'viem/siwe';

export const startAllScript = fileURLToPath(new URL('../startAll.ts', import.meta.url));
export const startSplitScript = fileURLToPath(new URL('../startSplit.ts', import.meta.url));

/**
 * A launcher in its own process group, so that `kill9()` takes down everything it started (an
 * embedded anvil, the split arrangement's services) at once, as a power cut or the OOM killer would.
 */
export async function bootStack(
  script: string,
  env: Record<string, string>,
  banner: RegExp,
): Promise<{ child: ChildProcess; output: () => string; kill9(): Promise<void>; kill9LauncherOnly(): Promise<void>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, LOG_LEVEL: 'error', CHAIN_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (out += c));
  await new Promise<void>((resolve, reject) => {
    const onData = () => banner.test(out) && (child.stdout!.off('data', onData), resolve());
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${signal ?? code}) before starting:\n${out}`)));
  });
  const exited = () => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    child,
    output: () => out,
    kill9: async () => {
      group('SIGKILL');
      await exited();
      // The group's other members (anvil, child services) die with the same signal; give the kernel a moment to reap them.
      await new Promise((r) => setTimeout(r, 200));
    },
    // The launcher alone, as `kill -9 <pid>` of the service does: what it started must die with it.
    kill9LauncherOnly: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    stop: async () => {
      group('SIGTERM');
      await exited();
    },
  };
}

/** Signs in over HTTP as `account`, the way a wallet does. */
export async function loginOverHttp(url: string, account: LocalAccount, chainId: number): Promise<string> {
  const { nonce } = (await (await fetch(`${url}/auth/nonce`, { method: 'POST' })).json()) as { nonce: string };
  const message = createSiweMessage({ domain: new URL(url).host, uri: url, address: account.address, chainId, nonce, version: '1', issuedAt: new Date() });
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, signature: await account.signMessage({ message }) }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** POSTs a government-signed registration with its Idempotency-Key; the connection may die with the service. */
export async function postRegistration(url: string, token: string, key: string, signedTransaction: Hex) {
  return fetch(`${url}/entities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify({ signedTransaction }),
    signal: AbortSignal.timeout(30_000),
  });
}

/** Processes whose command line contains `needle` (e.g. an anvil's state path), waiting up to `withinMs` for them to go. */
export async function processesStillRunning(needle: string, withinMs = 5_000): Promise<string[]> {
  const { execFileSync } = await import('node:child_process');
  const find = () => execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(needle) && !l.trim().startsWith('Z'));
  for (const deadline = Date.now() + withinMs; Date.now() < deadline && find().length > 0; ) await new Promise((r) => setTimeout(r, 100));
  return find();
}
