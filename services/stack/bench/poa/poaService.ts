// A PoA network with the identity service on it, as an operator runs them: geth Clique validators,
// the registry's paris build, and `npm start`'s launcher given RPC_URL and REGISTRY_ADDRESS.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, publicActions, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployRegistryToPoa, startPoaNetwork, type PoaNetwork } from '@identree/poa';
import { identreeActions } from '@identree/sdk';
import { bootStack, loginOverHttp, startAllScript } from '../../src/testing/stackProcess.js';

export type PoaService = Awaited<ReturnType<typeof startPoaService>>;

export async function startPoaService({ validators, periodS }: { validators: number; periodS: number }) {
  const net: PoaNetwork = await startPoaNetwork({ validators, periodS });
  let stack: Awaited<ReturnType<typeof bootStack>> | undefined;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-bench-poa-'));
  const stop = async () => {
    await stack?.stop();
    await net.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const { registry } = await deployRegistryToPoa(net);
    const port = 19_000 + Math.floor(Math.random() * 900);
    const url = `http://127.0.0.1:${port}`;
    stack = await bootStack(
      startAllScript,
      { DATA_DIR: dataDir, PORT: String(port), RPC_URL: net.rpcUrls[0]!, REGISTRY_ADDRESS: registry, SPONSOR_PRIVATE_KEY: net.fundedKey, VERIFY_THREADS: '0' },
      /Identree identity service on/,
    );
    // The funded account deployed the registry: it is the root government, signing in its own wallet.
    const government = privateKeyToAccount(net.fundedKey);
    const token = await loginOverHttp(url, government, net.chainId);
    const reader = (i = 0) => createPublicClient({ chain: net.chain, transport: http(net.rpcUrls[i]), pollingInterval: 250 }).extend(identreeActions(registry));
    const governmentWallet = createWalletClient({ account: government, chain: net.chain, transport: http(net.rpcUrls[0]), pollingInterval: 250 })
      .extend(publicActions)
      .extend(identreeActions(registry));
    return { net, registry: registry as Address, url, token, government, governmentWallet, reader, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
