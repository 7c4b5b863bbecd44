import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type AccreditIssuerParameters = RegistryWriteParameters & { issuer: Address; credentialType: number };
export type AccreditIssuerReturnType = TransactionResult;

/**
 * A government accredits an issuer for one credential type; its credentials of that type are then
 * `Accredited` instead of `Uncertified`.
 *
 * @example
 * await accreditIssuer(gov2, { registry, issuer: university1, credentialType: CredentialType.ScholarCurriculum })
 */
export async function accreditIssuer(
  client: RegistryClient,
  { issuer, credentialType, ...rest }: AccreditIssuerParameters,
): Promise<AccreditIssuerReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'accreditIssuer', args: [issuer, credentialType] });
  return { hash, blockNumber, gasUsed };
}
