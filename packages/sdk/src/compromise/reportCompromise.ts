import type { Address } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type ReportCompromiseParameters = HolderRegistryWriteParameters & {
  /** The authority whose key was stolen; it must already be suspended or revoked. */
  entity: Address;
  /** When the key was stolen, in unix seconds: what the authority anchored from then on is void. */
  since: number;
};
export type ReportCompromiseReturnType = TransactionResult;

/**
 * Dates the compromise of an authority that root or a registrar above it has just suspended or revoked.
 * Verifiers then refuse the credentials it anchored from `since` to the report, and keep its earlier ones.
 *
 * @example
 * await suspendEntity(rootClient, { registry, entity: ministry })
 * await reportCompromise(rootClient, { holderRegistry, entity: ministry, since: Math.floor(Date.parse('2026-12-01T14:00Z') / 1000) })
 */
export async function reportCompromise(client: RegistryClient, { holderRegistry, account, entity, since }: ReportCompromiseParameters): Promise<ReportCompromiseReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'reportCompromise', args: [entity, since] });
  return { hash, blockNumber, gasUsed };
}
