import type { Account, Address } from 'viem';
import { enrollmentRegistryAbi, enrollmentRegistryBytecode, enrollmentRegistryParisBytecode } from '@identree/abi';
import { decodeEnrollmentRegistryError } from '../errors/enrollmentRegistry.js';
import type { TransactionResult } from '../types.js';
import { deployBesideRegistry, type EvmVersion } from '../utils/deployBesideRegistry.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type DeployEnrollmentRegistryParameters = {
  /** The identity registry whose governments, entities and credentials the enrollment registry relies on. */
  registry: Address;
  account?: Account | Address;
  /** `paris` for networks before Shanghai (as `deployIdentityRegistry`); `cancun` by default. */
  evmVersion?: EvmVersion;
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
  { registry, account, evmVersion }: DeployEnrollmentRegistryParameters,
): Promise<DeployEnrollmentRegistryReturnType> {
  const { address, ...result } = await deployBesideRegistry(client, {
    abi: enrollmentRegistryAbi, bytecode: { cancun: enrollmentRegistryBytecode, paris: enrollmentRegistryParisBytecode }, registry, account, evmVersion, decode: decodeEnrollmentRegistryError,
  });
  return { enrollmentRegistry: address, ...result };
}
