import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import {
  createTestClient,
  createWalletClient,
  http,
  publicActions,
  type Chain,
  type TestClient,
  type Transport,
} from 'viem';
import { foundry } from 'viem/chains';
import { DEV_MNEMONIC, devAccount } from './devAccounts.js';
import { tiedToParent } from './tiedToParent.js';

export type StartAnvilOptions = {
  /** Funded accounts to create (anvil's default is 10). */
  accounts?: number;
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Extra anvil flags, e.g. ['--state', file] to persist state. */
  args?: string[];
};

/** anvil could not listen on the port it was given (another process holds it). */
export class AnvilPortInUseError extends Error {
  override name = 'AnvilPortInUseError';
  constructor(readonly port: number) {
    super(`127.0.0.1:${port} is already in use`);
  }
}

export type Anvil = {
  rpcUrl: string;
  /** The anvil process, so a launcher can record it (see `startEmbeddedChain`). */
  pid: number;
  chain: Chain;
  /** A wallet client (with public actions) signing as dev account `index`. */
  wallet: (index: number) => DevWallet;
  /** anvil's test actions: mine, increaseTime, snapshot, reorg. */
  test: TestClient<'anvil', Transport, Chain>;
  /** Resolves when the anvil process exits, for whatever reason (a supervisor restarts it). */
  exited: Promise<void>;
  stop: () => Promise<void>;
};

const require = createRequire(import.meta.url);

function createDevWallet(index: number, chain: Chain, transport: Transport) {
  return createWalletClient({ account: devAccount(index), chain, transport, pollingInterval: 50 }).extend(publicActions);
}
export type DevWallet = ReturnType<typeof createDevWallet>;

/**
 * The native anvil from its platform package, so that stopping the child stops anvil itself
 * (the package's node launcher would leave it orphaned); the launcher is the fallback.
 */
function anvilCommand(): [string, string[]] {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  try {
    return [require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`), []];
  } catch {
    const pkg = require.resolve('@foundry-rs/anvil/package.json');
    return [process.execPath, [path.join(path.dirname(pkg), 'bin.mjs')]];
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts anvil on loopback and resolves once it accepts requests.
 *
 * @example
 * const chain = await startAnvil({ accounts: 20 })
 * const gov = chain.wallet(0)
 * await chain.stop()
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const port = options.port ?? (await freePort());
  const [command, prefix] = anvilCommand();
  // anvil dies with whoever started it, whatever kills that (see tiedToParent).
  const child: ChildProcess = spawn(
    ...tiedToParent(command, [...prefix, '--host', '127.0.0.1', '--port', String(port), '--accounts', String(options.accounts ?? 10), '--mnemonic', DEV_MNEMONIC, ...(options.args ?? [])]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Listening on')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) =>
      reject(/address already in use/i.test(output) ? new AnvilPortInUseError(port) : new Error(`anvil exited with ${code} before listening:\n${output}`)),
    );
    setTimeout(() => reject(new Error(`anvil did not start within 15 s:\n${output}`)), 15_000).unref();
  });
  // Keep draining output so anvil never blocks on a full pipe.
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } } as Chain;
  const transport = http(rpcUrl, { batch: false, retryCount: 0 });
  return {
    rpcUrl,
    pid: child.pid!,
    chain,
    wallet: (index) => createDevWallet(index, chain, transport),
    test: createTestClient({ mode: 'anvil', chain, transport }),
    exited,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
