import type { Account, Address } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { faceTemplateRegistryAbi, faceTemplateRegistryBytecode, faceTemplateRegistryParisBytecode } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import { decodeFaceTemplateRegistryError } from '../errors/faceTemplateRegistry.js';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type DeployFaceTemplateRegistryParameters = {
  /** The identity registry whose entities and key bindings decide who acts for an identity. */
  registry: Address;
  account?: Account | Address;
  /** `paris` for networks before Shanghai (as `deployIdentityRegistry`); `cancun` by default. */
  evmVersion?: 'cancun' | 'paris';
};
export type DeployFaceTemplateRegistryReturnType = TransactionResult & { faceTemplateRegistry: Address };

/**
 * Deploys a face template registry beside an identity registry. It has no owner and no configuration.
 *
 * @example
 * const { faceTemplateRegistry } = await deployFaceTemplateRegistry(walletClient, { registry })
 */
export async function deployFaceTemplateRegistry(
  client: RegistryClient,
  { registry, account: given, evmVersion }: DeployFaceTemplateRegistryParameters,
): Promise<DeployFaceTemplateRegistryReturnType> {
  const account = given ?? client.account;
  if (!account) throw new IdentreeError('Deploying needs an account.');
  try {
    const hash = await deployContract(client, {
      abi: faceTemplateRegistryAbi,
      bytecode: evmVersion === 'paris' ? faceTemplateRegistryParisBytecode : faceTemplateRegistryBytecode,
      args: [registry],
      account,
      chain: client.chain,
    } as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new IdentreeError(`Deployment ${hash} failed.`);
    return { faceTemplateRegistry: receipt.contractAddress, hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
  } catch (error) {
    throw decodeFaceTemplateRegistryError(error);
  }
}
