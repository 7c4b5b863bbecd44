import type { Address, Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type RebindByRegistrarParameters = HolderRegistryWriteParameters & { identity: Address; newKey: Address; evidence: Hash };
export type RebindByRegistrarReturnType = TransactionResult;

/**
 * Government-assisted recovery: root or an active registrar above `identity` re-binds it to `newKey`\n * after an in-person check; `evidence` (e.g. the digest of the check's record) goes on the record.
 *
 * @example
 * await rebindByRegistrar(registrarClient, { holderRegistry, identity: alice, newKey, evidence: keccak256(record) })
 */
export async function rebindByRegistrar(client: RegistryClient, { holderRegistry, account, ...p }: RebindByRegistrarParameters): Promise<RebindByRegistrarReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'rebindByRegistrar', args: [p.identity, p.newKey, p.evidence] });
  return { hash, blockNumber, gasUsed };
}
