import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { tiedToParent } from '@identree/devchain';
import { PoaStartError } from './errors.js';
import { freePort } from './freePort.js';

const run = promisify(execFile);

export type GethValidatorParameters = {
  geth: string;
  dataDir: string;
  networkId: number;
  /** The signer's key: geth keeps it in its keystore and seals with it. */
  signerKey: Hex;
  /** The node's p2p identity key (its enode id is the public key). */
  nodeKey: Hex;
  genesisFile: string;
};

/** One validator: its own geth process, data directory and ports. */
export type GethValidator = {
  index: number;
  signer: Address;
  rpcUrl: string;
  enode: string;
  /** Starts geth (again, after `stop`) on the same ports and data directory. */
  start(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
  /** What geth printed last, for error messages. */
  output(): string;
};

/**
 * Prepares a validator's data directory (genesis, keystore, node key) and returns a handle that
 * starts it. Low resource settings: two shared cores run several of these beside the tests.
 */
export async function prepareGethValidator(index: number, p: GethValidatorParameters): Promise<GethValidator> {
  const dir = p.dataDir;
  await mkdir(path.join(dir, 'geth'), { recursive: true });
  const password = path.join(dir, 'password.txt');
  await writeFile(password, 'identree-poa-local\n', { mode: 0o600 });
  await writeFile(path.join(dir, 'geth', 'nodekey'), p.nodeKey.slice(2), { mode: 0o600 });
  const keyFile = path.join(dir, 'signer.key');
  await writeFile(keyFile, p.signerKey.slice(2), { mode: 0o600 });
  await run(p.geth, ['--datadir', dir, '--verbosity', '2', 'init', p.genesisFile]);
  // --lightkdf: the standard scrypt costs ~256 MB and a second per key on these cores.
  await run(p.geth, ['--datadir', dir, '--lightkdf', 'account', 'import', '--password', password, keyFile]);
  const signer = privateKeyToAccount(p.signerKey).address;
  const nodeId = privateKeyToAccount(p.nodeKey).publicKey.slice(4); // uncompressed, without 04
  const [httpPort, p2pPort, authPort] = [await freePort(), await freePort(), await freePort()];
  const rpcUrl = `http://127.0.0.1:${httpPort}`;
  const args = [
    '--datadir', dir, '--networkid', String(p.networkId), '--syncmode', 'full',
    '--port', String(p2pPort), '--nat', 'none', '--nodiscover', '--ipcdisable', '--maxpeers', '16',
    '--http', '--http.addr', '127.0.0.1', '--http.port', String(httpPort),
    '--http.api', 'eth,net,web3,clique,admin,txpool',
    '--authrpc.addr', '127.0.0.1', '--authrpc.port', String(authPort),
    '--mine', '--miner.etherbase', signer, '--unlock', signer, '--password', password, '--allow-insecure-unlock',
    '--cache', '64', '--verbosity', '2', '--lightkdf',
  ];
  let child: ChildProcess | undefined;
  let log = '';
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 2_000 }) });

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    log = '';
    // geth dies with whoever started it, whatever kills that (see tiedToParent).
    const proc = spawn(...tiedToParent(p.geth, args), { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_000)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new PoaStartError(`validator ${index} (geth) exited with ${proc.exitCode}:\n${log}`);
      if (await client.getChainId().then(() => true, () => false)) return;
      if (Date.now() > deadline) throw new PoaStartError(`validator ${index} did not answer on ${rpcUrl} within 30 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      // geth flushes its database on SIGTERM; a stuck one is killed after 15 s.
      const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });

  return {
    index,
    signer,
    rpcUrl,
    enode: `enode://${nodeId}@127.0.0.1:${p2pPort}`,
    start,
    stop,
    running: () => !!child && child.exitCode === null && child.signalCode === null,
    output: () => log,
  };
}
