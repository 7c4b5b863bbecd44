import type { Address, Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';

export type RotateKeyParameters = HolderRegistryWriteParameters & { newKey: Address; deadline: bigint; signature: Hex };
export type RotateKeyReturnType = TransactionResult;

/**
 * The identity's current key (the sender) hands control to `newKey`, with the new key's
 * `signAcceptKey` proof. The identity keeps its token, tree, credentials and grants; the old key is
 * retired for good (`KeyRetiredError` from then on).
 *
 * @example
 * await rotateKey(aliceClient, { holderRegistry, ...(await signAcceptKey(newKeyClient, { holderRegistry, identity: alice })) })
 */
export async function rotateKey(client: RegistryClient, { holderRegistry, account, newKey, deadline, signature }: RotateKeyParameters): Promise<RotateKeyReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'rotateKey', args: [newKey, deadline, signature] });
  return { hash, blockNumber, gasUsed };
}
