import type { Account, Address } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { identityRegistryAbi, identityRegistryBytecode, identityRegistryParisBytecode } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import { decodeRegistryError } from '../errors/decodeRegistryError.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import type { TransactionResult } from '../types.js';

export type DeployIdentityRegistryParameters = {
  account?: Account | Address;
  /**
   * The EVM version the bytecode was built for. `paris` runs on networks before Shanghai (no
   * PUSH0, no MCOPY), such as a geth Clique consortium chain; `cancun` (the default) elsewhere.
   */
  evmVersion?: 'cancun' | 'paris';
};
export type DeployIdentityRegistryReturnType = TransactionResult & { registry: Address };

/**
 * Deploys a fresh registry. The deploying account becomes the root government.
 *
 * @example
 * const { registry } = await deployIdentityRegistry(walletClient)
 * const onClique = await deployIdentityRegistry(walletClient, { evmVersion: 'paris' })
 */
export async function deployIdentityRegistry(
  client: RegistryClient,
  parameters: DeployIdentityRegistryParameters = {},
): Promise<DeployIdentityRegistryReturnType> {
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('Deploying needs an account: the deployer becomes the root government.');
  try {
    const hash = await deployContract(client, {
      abi: identityRegistryAbi,
      bytecode: parameters.evmVersion === 'paris' ? identityRegistryParisBytecode : identityRegistryBytecode,
      account,
      chain: client.chain,
    } as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new IdentreeError(`Deployment ${hash} failed.`);
    return { registry: receipt.contractAddress, hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
  } catch (error) {
    throw decodeRegistryError(error);
  }
}
