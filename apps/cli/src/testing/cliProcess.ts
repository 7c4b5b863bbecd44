import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootStack, startAllScript } from '@identree/stack/testing';

export const identreeBin = fileURLToPath(new URL('../../bin/identree.mjs', import.meta.url));

export type CliResult = { code: number; stdout: string; stderr: string; json: any };

/**
 * Runs the real `identree` binary as a user's shell would: its own process, its own IDENTREE_HOME,
 * the passphrase from the environment (as scripts pass it), input on stdin when given.
 */
export function cliRunner(env: Record<string, string>) {
  return (args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [identreeBin, ...args], { env: { ...process.env, NO_COLOR: '1', ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      child.stdin.end(options.input ?? '');
      child.once('error', reject);
      child.once('close', (code) => {
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code: code ?? -1, stdout, stderr, json });
      });
    });
}

/** `npm start`'s launcher in its own process, on free ports and a fresh data directory. */
export async function startEmbeddedService(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'identree-cli-service-'));
  const port = await freePort();
  const stack = await bootStack(startAllScript, { DATA_DIR: dataDir, PORT: String(port), CHAIN_PORT: '0', DOCUMENT_ENROLLMENT: '1', ...env }, /Identree identity service on/);
  const rpcUrl = /embedded anvil at (\S+)/.exec(stack.output())?.[1];
  if (!rpcUrl) throw new Error(`no chain URL in the banner:\n${stack.output()}`);
  const registry = /^\s*registry\s+(0x[0-9a-fA-F]{40})/m.exec(stack.output())?.[1] as `0x${string}`;
  const enrollmentRegistry = /^\s*enrollment\s+(0x[0-9a-fA-F]{40})/m.exec(stack.output())?.[1] as `0x${string}`;
  return {
    url: `http://127.0.0.1:${port}`, rpcUrl, dataDir, registry, enrollmentRegistry,
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
