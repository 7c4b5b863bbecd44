import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http, parseEther, type Address, type Chain, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { cliqueGenesis } from './cliqueGenesis.js';
import { GethMissingError, PoaOptionError, PoaStartError } from './errors.js';
import { gethPath, hasGeth } from './gethBinary.js';
import { prepareGethValidator, type GethValidator } from './gethValidator.js';

export const MAX_VALIDATORS = 7;
export const DEFAULT_CHAIN_ID = 7417;

export type StartPoaNetworkOptions = {
  /** Validators (signers), each its own geth: 1 to 7, default 4. */
  validators?: number;
  /** Clique block period in seconds: 1 to 60, default 5 (the paper's). */
  periodS?: number;
  chainId?: number;
  /** Where the validators keep their data; a fresh temporary directory when omitted (removed on stop). */
  dataDir?: string;
  /** The funded account's key; generated when omitted. */
  fundedKey?: Hex;
};

export type PoaNetwork = {
  chain: Chain;
  chainId: number;
  periodS: number;
  validators: GethValidator[];
  rpcUrls: string[];
  /** Funded at genesis: deploys the registry and sponsors writes. */
  fundedKey: Hex;
  dataDir: string;
  /** Restarts a stopped validator and peers it again. */
  restartValidator(index: number): Promise<void>;
  stop(): Promise<void>;
};

/** Throws PoaOptionError naming the option unless it is within range. */
export function checkPoaOptions(o: StartPoaNetworkOptions) {
  const { validators = 4, periodS = 5 } = o;
  if (!Number.isInteger(validators) || validators < 1 || validators > MAX_VALIDATORS) {
    throw new PoaOptionError(`--validators must be a whole number from 1 to ${MAX_VALIDATORS} (got ${validators})`);
  }
  if (!Number.isInteger(periodS) || periodS < 1 || periodS > 60) {
    throw new PoaOptionError(`--period must be a whole number of seconds from 1 to 60 (got ${periodS})`);
  }
  return { validators, periodS };
}

/**
 * Each pair of running validators is linked once, the lower index dialling (a static peer, so it
 * redials after a restart). Dialling both ways at once made pairs drop each other as duplicates.
 */
async function peer(validators: GethValidator[]) {
  const live = validators.filter((v) => v.running());
  await Promise.all(
    live.map((v, i) => {
      const client = createPublicClient({ transport: http(v.rpcUrl) });
      return Promise.all(live.slice(i + 1).map((o) => client.request({ method: 'admin_addPeer' as never, params: [o.enode] as never })));
    }),
  );
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new PoaStartError(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts a geth Clique network on loopback: a genesis naming every validator as a signer, one
 * geth process and data directory per validator, all peered, and resolves once every validator
 * sees its peers and a block has been sealed.
 *
 * @example
 * const net = await startPoaNetwork({ validators: 4, periodS: 1 })
 * console.log(net.rpcUrls)
 * await net.stop()
 */
export async function startPoaNetwork(options: StartPoaNetworkOptions = {}): Promise<PoaNetwork> {
  const { validators: count, periodS } = checkPoaOptions(options);
  if (!hasGeth()) throw new GethMissingError(gethPath());
  const chainId = options.chainId ?? DEFAULT_CHAIN_ID;
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'identree-poa-')));
  const fundedKey = options.fundedKey ?? generatePrivateKey();
  const signerKeys = Array.from({ length: count }, () => generatePrivateKey());
  const genesis = cliqueGenesis({
    chainId,
    periodS,
    signers: signerKeys.map((k) => privateKeyToAccount(k).address),
    alloc: { [privateKeyToAccount(fundedKey).address]: parseEther('1000000') } as Record<Address, bigint>,
  });
  const genesisFile = path.join(dataDir, 'genesis.json');
  await writeFile(genesisFile, JSON.stringify(genesis, null, 2));
  const validators = await Promise.all(
    signerKeys.map((signerKey, i) =>
      prepareGethValidator(i, {
        geth: gethPath(),
        dataDir: path.join(dataDir, `validator-${i}`),
        networkId: chainId,
        signerKey,
        nodeKey: generatePrivateKey(),
        genesisFile,
      }),
    ),
  );
  const stop = async () => {
    await Promise.all(validators.map((v) => v.stop()));
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(validators.map((v) => v.start()));
    await peer(validators);
    const peers = (v: GethValidator) => createPublicClient({ transport: http(v.rpcUrl) }).request({ method: 'net_peerCount' }).then(Number);
    let asked = Date.now();
    await waitFor('the validators did not all peer', async () => {
      if ((await Promise.all(validators.map(peers))).every((n) => n >= count - 1)) return true;
      // A dial that failed (a port still being opened, a handshake timeout under load) is asked again.
      if (Date.now() - asked > 5_000) [asked] = [Date.now(), await peer(validators)];
      return false;
    }, 60_000);
    const first = createPublicClient({ transport: http(validators[0]!.rpcUrl) });
    await waitFor('no block was sealed', async () => (await first.getBlockNumber()) > 0n, (periodS * 3 + 20) * 1000);
  } catch (error) {
    await stop();
    throw error;
  }
  const rpcUrls = validators.map((v) => v.rpcUrl);
  const chain = {
    id: chainId,
    name: `Identree PoA ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: rpcUrls } },
  } as const satisfies Chain;
  return {
    chain,
    chainId,
    periodS,
    validators,
    rpcUrls,
    fundedKey,
    dataDir,
    restartValidator: async (index) => {
      await validators[index]!.start();
      await peer(validators);
    },
    stop,
  };
}
