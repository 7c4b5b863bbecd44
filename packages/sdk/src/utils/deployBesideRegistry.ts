import type { Abi, Account, Address, Hex } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from './writeRegistry.js';

/** `paris` for networks before Shanghai (as `deployIdentityRegistry`); `cancun` by default. */
export type EvmVersion = 'cancun' | 'paris';

/**
 * Deploys a contract that takes the identity registry's address as its only constructor argument,
 * in the build for the chain's EVM version, and waits for it; a revert comes back through `decode`,
 * the contract's own typed-error decoder. The enrollment and face template registries share it.
 */
export async function deployBesideRegistry(
  client: RegistryClient,
  p: { abi: Abi; bytecode: Record<EvmVersion, Hex>; registry: Address; account?: Account | Address; evmVersion?: EvmVersion; decode: (error: unknown) => Error },
): Promise<TransactionResult & { address: Address }> {
  const account = p.account ?? client.account;
  if (!account) throw new IdentreeError('Deploying needs an account.');
  try {
    const hash = await deployContract(client, {
      abi: p.abi, bytecode: p.bytecode[p.evmVersion ?? 'cancun'], args: [p.registry], account, chain: client.chain,
    } as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new IdentreeError(`Deployment ${hash} failed.`);
    return { address: receipt.contractAddress, hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
  } catch (error) {
    throw p.decode(error);
  }
}
