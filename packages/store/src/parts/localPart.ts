import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Where a part built by tools/parts/install-go-parts.sh is: `env[override]` when set, else
 * `$IDENTREE_BIN_CACHE/<name>` (default `~/.cache/identree/bin`).
 */
export function partBinary(name: string, override: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[override] ?? path.join(env.IDENTREE_BIN_CACHE ?? path.join(os.homedir(), '.cache/identree/bin'), name);
}

/** Why the `part` at `binary` cannot run here (missing, or its version command fails), or undefined when it can. */
export function partUnavailable(
  part: string,
  binary: string,
  versionArgs: string[],
  buildHint: string,
): string | undefined {
  if (!existsSync(binary)) return `no ${part} binary at ${binary} (build it with ${buildHint})`;
  const version = spawnSync(binary, versionArgs, { encoding: 'utf8' });
  return version.status === 0 ? undefined : `${binary} does not run: ${version.stderr || version.error?.message}`;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type PartProcess = {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for the error when it fails to start. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
};

/** Spawns a part's daemon with its output collected (and passed to `log` line by line), and a way to stop it. */
export function spawnPart(
  command: [string, string[]],
  { env, log }: { env?: NodeJS.ProcessEnv; log: (line: string) => void },
): PartProcess {
  const child = spawn(...command, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    chunk.toString().split('\n').filter(Boolean).forEach(log);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return {
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
