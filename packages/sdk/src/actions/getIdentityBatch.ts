import type { Address, Hash } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetIdentityBatchParameters = RegistryParameters & { batchId: bigint };
export type IdentityBatch = {
  batchId: bigint;
  root: Hash;
  /** The entity that anchored the batch: the registrar of every identity claimed from it. */
  registrar: Address;
  size: number;
  /** Block timestamp of the anchor, in seconds. */
  anchoredAt: number;
};
/** `null` when no identity batch has this id. */
export type GetIdentityBatchReturnType = IdentityBatch | null;

type RawIdentityBatch = { root: Hash; registrar: Address; size: number; anchoredAt: number };

/**
 * Reads an anchored identity batch.
 *
 * @example
 * const batch = await getIdentityBatch(client, { registry, batchId: 1n })
 */
export async function getIdentityBatch(client: RegistryClient, { batchId, ...rest }: GetIdentityBatchParameters): Promise<GetIdentityBatchReturnType> {
  const raw = await readRegistry<RawIdentityBatch>(client, { ...rest, functionName: 'identityBatch', args: [batchId] });
  // The registry never stores a zero root, so it marks an id with no batch.
  if (/^0x0{64}$/.test(raw.root)) return null;
  return { batchId, root: raw.root, registrar: raw.registrar, size: Number(raw.size), anchoredAt: Number(raw.anchoredAt) };
}
