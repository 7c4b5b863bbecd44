import type { Account, Address } from 'viem';
import { faceTemplateRegistryAbi, faceTemplateRegistryBytecode, faceTemplateRegistryParisBytecode } from '@identree/abi';
import { decodeFaceTemplateRegistryError } from '../errors/faceTemplateRegistry.js';
import type { TransactionResult } from '../types.js';
import { deployBesideRegistry, type EvmVersion } from '../utils/deployBesideRegistry.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type DeployFaceTemplateRegistryParameters = {
  /** The identity registry whose entities and key bindings decide who acts for an identity. */
  registry: Address;
  account?: Account | Address;
  /** `paris` for networks before Shanghai (as `deployIdentityRegistry`); `cancun` by default. */
  evmVersion?: EvmVersion;
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
  { registry, account, evmVersion }: DeployFaceTemplateRegistryParameters,
): Promise<DeployFaceTemplateRegistryReturnType> {
  const { address, ...result } = await deployBesideRegistry(client, {
    abi: faceTemplateRegistryAbi, bytecode: { cancun: faceTemplateRegistryBytecode, paris: faceTemplateRegistryParisBytecode }, registry, account, evmVersion, decode: decodeFaceTemplateRegistryError,
  });
  return { faceTemplateRegistry: address, ...result };
}
