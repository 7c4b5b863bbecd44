import type { Address, Hash, Hex } from 'viem';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type IsBatchCredentialValidParameters = RegistryParameters & {
  batchId: bigint;
  index: number;
  subject: Address;
  commitment: Hex;
  /** `buildCredentialBatch(...).proof(index)`. */
  proof: readonly Hash[];
};
export type IsBatchCredentialValidReturnType = boolean;

/**
 * A batch credential is in its batch (the proof places `(index, subject, commitment)` under the
 * root), not revoked, and inside the batch's validity window at the latest block.
 *
 * @example
 * const ok = await isBatchCredentialValid(client, { registry, batchId, index, subject, commitment, proof: batch.proof(index) })
 */
export function isBatchCredentialValid(
  client: RegistryClient,
  { batchId, index, subject, commitment, proof, ...rest }: IsBatchCredentialValidParameters,
): Promise<IsBatchCredentialValidReturnType> {
  return readRegistry<boolean>(client, { ...rest, functionName: 'isBatchCredentialValid', args: [batchId, index, subject, commitment, proof] });
}
