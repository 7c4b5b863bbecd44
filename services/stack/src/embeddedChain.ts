import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { devPrivateKey, startAnvil } from '@identree/devchain';

/** The embedded chain's RPC port when CHAIN_PORT is not set: the usual dev-chain port, so wallets and scripts find it. */
export const DEFAULT_CHAIN_PORT = 8545;

/**
 * The embedded default's chain: anvil with its state in `dataDir/chain`, and anvil's public dev key
 * #0 as root government and sponsor. Only this launcher creates a chain or a key; the services
 * receive both. anvil keeps its state in memory and dumps it every second and on exit, so a kill -9
 * loses the last second of blocks: the chain worker's reconciliation sends those writes again.
 * anvil dies with its launcher (a parent-death signal); where that is not available, the pid
 * file below stops an anvil left running on this data directory before a new one starts, since
 * two anvils dumping to one state file lose each other's blocks.
 */
export async function startEmbeddedChain(dataDir: string, { port }: { port?: number } = {}) {
  const chainDir = path.join(dataDir, 'chain');
  const stateFile = path.join(chainDir, 'state.json');
  await mkdir(chainDir, { recursive: true });
  await stopOrphan(path.join(chainDir, 'anvil.pid'), stateFile);
  const anvil = await startAnvil({ accounts: 10, port, args: ['--state', stateFile, '--state-interval', '1'] });
  await writeFile(path.join(chainDir, 'anvil.pid'), `${anvil.pid}\n`);
  return { rpcUrl: anvil.rpcUrl, port: Number(new URL(anvil.rpcUrl).port), sponsorPrivateKey: devPrivateKey(0), exited: anvil.exited, stop: () => anvil.stop() };
}

/** Terminates the anvil recorded in `pidFile` if it still runs on `stateFile` (SIGTERM, so it dumps its state first). */
async function stopOrphan(pidFile: string, stateFile: string) {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  // A recycled pid belongs to another program: only a process running on this state file is ours.
  const runsOnState = () => {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes(stateFile);
    } catch {
      return false;
    }
  };
  if (runsOnState()) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50 && runsOnState(); i++) await new Promise((r) => setTimeout(r, 100));
    if (runsOnState()) process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 20 && runsOnState(); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await rm(pidFile, { force: true });
}
