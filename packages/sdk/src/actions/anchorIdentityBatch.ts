import { parseEventLogs, type Hash, type Hex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { TransactionResult } from '../types.js';
import { checkBatchShape } from '../utils/checkBatchShape.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type AnchorIdentityBatchParameters = RegistryWriteParameters & {
  /** Root of `buildIdentityBatch`. */
  root: Hash;
  size: number;
  /**
   * The batch's leaf hashes (`buildIdentityBatch(...).leaves`) to publish in calldata, so anyone can
   * rebuild every proof from the chain alone. Omit to keep the anchor at a few tens of thousands of gas.
   */
  leaves?: Hex;
};
export type AnchorIdentityBatchReturnType = TransactionResult & { batchId: bigint };

/**
 * Anchors a batch of future identities in one transaction. The signer is the registrar, so it
 * must be an active entity that may register people (a government or an admin). Nobody is
 * registered yet: each entry becomes an entity when someone calls `claimIdentity`.
 *
 * @example
 * const batch = buildIdentityBatch(citizens)
 * const { batchId } = await anchorIdentityBatch(gov, { registry, root: batch.root, size: batch.size, leaves: batch.leaves })
 */
export async function anchorIdentityBatch(
  client: RegistryClient,
  { root, size, leaves = '0x', ...rest }: AnchorIdentityBatchParameters,
): Promise<AnchorIdentityBatchReturnType> {
  checkBatchShape({ root, size, leaves });
  const { result, receipt, hash, blockNumber, gasUsed } = await writeRegistry<bigint>(client, {
    ...rest,
    functionName: 'anchorIdentityBatch',
    args: [root, size, leaves],
  });
  // The event is the truth: the simulated id is stale if another batch landed first in the same block.
  const [event] = parseEventLogs({ abi: identityRegistryAbi, eventName: 'IdentityBatchAnchored', logs: receipt.logs });
  return { batchId: event?.args.batchId ?? result, hash, blockNumber, gasUsed };
}
