import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { freePort, partBinary, partUnavailable, spawnPart } from '../parts/localPart.js';

/**
 * Where the kubo binary is: `IPFS_BIN` when set, else `$IDENTREE_BIN_CACHE/ipfs` (default
 * `~/.cache/identree/bin`), where tools/parts/install-go-parts.sh builds it from the Go proxy.
 */
export function kuboBinary(env: NodeJS.ProcessEnv = process.env): string {
  return partBinary('ipfs', 'IPFS_BIN', env);
}

/** Why a real node cannot be started here, or undefined when it can. */
export function kuboUnavailable(binary = kuboBinary()): string | undefined {
  return partUnavailable('kubo', binary, ['version'], 'tools/parts/install-go-parts.sh --only kubo');
}

export type KuboNode = { apiUrl: string; repo: string; process: ChildProcess; stop(): Promise<void> };
export type StartKuboOptions = {
  repo: string;
  binary?: string;
  apiPort?: number;
  log?: (line: string) => void;
  /** Wraps the daemon's command line, e.g. so that it dies with its launcher (devchain's `tiedToParent`). */
  wrapCommand?: (command: string, args: readonly string[]) => [string, string[]];
};

/**
 * A real kubo daemon with its own repository: initialised once (`--profile test`: loopback only,
 * no bootstrap peers, no MDNS), then started offline on loopback ports, so it serves the RPC API to
 * this machine and talks to no network. Resolves once the API answers.
 *
 * @example
 * const node = await startKubo({ repo: '.data/ipfs' })
 * const blobs = new KuboBlobStore(node.apiUrl)
 */
export async function startKubo({ repo, binary = kuboBinary(), apiPort, log = () => {}, wrapCommand = (c, a) => [c, [...a]] }: StartKuboOptions): Promise<KuboNode> {
  const env = { ...process.env, IPFS_PATH: repo };
  await mkdir(repo, { recursive: true });
  if (!existsSync(path.join(repo, 'config'))) {
    const init = spawnSync(binary, ['init', '--profile', 'test', '--empty-repo'], { env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`ipfs init failed in ${repo}: ${init.stderr.trim()}`);
  }
  const port = apiPort ?? (await freePort());
  const gatewayPort = await freePort();
  for (const [key, value] of [['Addresses.API', `/ip4/127.0.0.1/tcp/${port}`], ['Addresses.Gateway', `/ip4/127.0.0.1/tcp/${gatewayPort}`]]) {
    const set = spawnSync(binary, ['config', key!, value!], { env, encoding: 'utf8' });
    if (set.status !== 0) throw new Error(`ipfs config ${key} failed: ${set.stderr.trim()}`);
  }
  const { process: child, output, stop } = spawnPart(wrapCommand(binary, ['daemon', '--offline']), { env, log });
  const apiUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the kubo daemon exited (${child.exitCode}) before its API answered:\n${output().trim()}`);
    const ok = await fetch(`${apiUrl}/api/v0/version`, { method: 'POST' }).then((r) => r.ok, () => false);
    if (ok) return { apiUrl, repo, process: child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the kubo daemon's API did not answer at ${apiUrl} within 60 s:\n${output().trim()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
