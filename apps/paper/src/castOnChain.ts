import { createWalletClient, getAddress, http, parseEther, publicActions, type Chain, type Hex } from 'viem';
import { english, generateMnemonic, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { getChainId, waitForTransactionReceipt } from 'viem/actions';
import type { DevWallet } from '@identree/devchain';
import { cast } from './cast.js';
import type { WalkthroughChain } from './walkthrough.js';

export type CastOnChainParameters = {
  rpcUrl: string;
  /** A key holding ether on that chain: it funds the cast, and pays nothing else. */
  fundedKey: Hex;
  /** Ether each cast member receives for its own gas (default 1). */
  etherEach?: string;
  /** What stopping the walk-through's chain does: stop a network the caller started, or nothing. */
  stop?: () => Promise<void>;
};

/**
 * The paper's cast on any EVM chain reached by RPC (a geth Clique network, a testnet): fresh keys
 * from a new mnemonic, one per cast member, each funded from `fundedKey`, so the walk-through runs
 * there as on anvil. The dev keys are never used off anvil: they are public.
 *
 * @example
 * const net = await startPoaNetwork({ validators: 3, periodS: 1 })
 * const w = await runWalkthrough({ chain: await castOnChain({ rpcUrl: net.rpcUrls[0], fundedKey: net.fundedKey, stop: net.stop }) })
 */
export async function castOnChain({ rpcUrl, fundedKey, etherEach = '1', stop = async () => {} }: CastOnChainParameters): Promise<WalkthroughChain> {
  const transport = http(rpcUrl);
  const id = await getChainId(createWalletClient({ transport }));
  const chain: Chain = { id, name: `chain-${id}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } };
  const mnemonic = generateMnemonic(english);
  const wallet = (index: number): DevWallet =>
    createWalletClient({ account: mnemonicToAccount(mnemonic, { addressIndex: index }), chain, transport, pollingInterval: 250 }).extend(publicActions);
  const funder = createWalletClient({ account: privateKeyToAccount(fundedKey), chain, transport, pollingInterval: 250 }).extend(publicActions);
  // Numbered here, so the transfers go out together and land in a block or two.
  const nonce = await funder.getTransactionCount({ address: funder.account.address, blockTag: 'pending' });
  const members = Object.values(cast).map((m) => m.account);
  const hashes = await Promise.all(
    members.map((index, i) => funder.sendTransaction({ to: getAddress(wallet(index).account.address), value: parseEther(etherEach), nonce: nonce + i })),
  );
  for (const hash of hashes) {
    const receipt = await waitForTransactionReceipt(funder, { hash });
    if (receipt.status !== 'success') throw new Error(`funding the cast failed in ${hash}`);
  }
  return { wallet, stop };
}
