import type { Account, Address } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { enrollmentRegistryAbi, enrollmentRegistryBytecode, enrollmentRegistryParisBytecode } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import { decodeEnrollmentRegistryError } from '../errors/enrollmentRegistry.js';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type DeployEnrollmentRegistryParameters = {
  /** The identity registry whose governments, entities and credentials the enrollment registry relies on. */
  registry: Address;
  account?: Account | Address;
  /** `paris` for networks before Shanghai (as `deployIdentityRegistry`); `cancun` by default. */
  evmVersion?: 'cancun' | 'paris';
};
export type DeployEnrollmentRegistryReturnType = TransactionResult & { enrollmentRegistry: Address };

/**
 * Deploys an enrollment registry beside an identity registry. Its configuration is then the root's
 * (quorum 200, three verifiers per field, k = 2, two rounds until it is changed).
 *
 * @example
 * const { enrollmentRegistry } = await deployEnrollmentRegistry(walletClient, { registry })
 */
export async function deployEnrollmentRegistry(
  client: RegistryClient,
  { registry, account: given, evmVersion }: DeployEnrollmentRegistryParameters,
): Promise<DeployEnrollmentRegistryReturnType> {
  const account = given ?? client.account;
  if (!account) throw new IdentreeError('Deploying needs an account.');
  try {
    const hash = await deployContract(client, {
      abi: enrollmentRegistryAbi,
      bytecode: evmVersion === 'paris' ? enrollmentRegistryParisBytecode : enrollmentRegistryBytecode,
      args: [registry],
      account,
      chain: client.chain,
    } as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new IdentreeError(`Deployment ${hash} failed.`);
    return { enrollmentRegistry: receipt.contractAddress, hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
  } catch (error) {
    throw decodeEnrollmentRegistryError(error);
  }
}
