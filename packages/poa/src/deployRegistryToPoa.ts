import { createWalletClient, http, publicActions, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployIdentityRegistry } from '@identree/sdk';
import type { PoaNetwork } from './startPoaNetwork.js';

/**
 * Deploys the registry's paris build (Clique has no Shanghai, so no PUSH0) from the network's
 * funded account, through validator `via`. The funded account becomes the root government.
 *
 * @example
 * const { registry } = await deployRegistryToPoa(net)
 */
export async function deployRegistryToPoa(net: PoaNetwork, { via = 0 }: { via?: number } = {}): Promise<{ registry: Address; blockNumber: bigint }> {
  const wallet = createWalletClient({
    account: privateKeyToAccount(net.fundedKey),
    chain: net.chain,
    transport: http(net.rpcUrls[via]),
    pollingInterval: 250,
  }).extend(publicActions);
  const { registry, blockNumber } = await deployIdentityRegistry(wallet, { evmVersion: 'paris' });
  return { registry, blockNumber };
}
