import type { Address, Hash } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';
import type { RecoveryState } from './types.js';

export type RecoveryOfParameters = HolderRegistryParameters & { identity: Address; newKey: Address };
export type RecoveryOfReturnType = RecoveryState & { recoveryId: Hash };

/**
 * The current recovery of `identity` to `newKey` (its id is bound to the guardian-set nonce, so a
 * change of guardians starts it from zero): how many guardians approved, and from when it may be finalized.
 *
 * @example
 * const { approvals, readyAt } = await recoveryOf(client, { holderRegistry, identity: alice, newKey })
 */
export async function recoveryOf(client: RegistryClient, { holderRegistry, identity, newKey }: RecoveryOfParameters): Promise<RecoveryOfReturnType> {
  const recoveryId = await readHolderRegistry<Hash>(client, { holderRegistry, functionName: 'recoveryId', args: [identity, newKey] });
  const r = await readHolderRegistry<{ approvals: number; count: number; readyAt: number }>(client, { holderRegistry, functionName: 'recoveryOf', args: [recoveryId] });
  return { recoveryId, approvals: Number(r.count), readyAt: Number(r.readyAt) };
}
