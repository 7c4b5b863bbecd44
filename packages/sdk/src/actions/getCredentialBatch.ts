import type { Address, Hash } from 'viem';
import { CertificationLevel, nameOf, type CertificationLevelName } from '../types.js';
import { readRegistry, type RegistryClient, type RegistryParameters } from '../utils/writeRegistry.js';

export type GetCredentialBatchParameters = RegistryParameters & { batchId: bigint };
export type CredentialBatch = {
  batchId: bigint;
  root: Hash;
  issuer: Address;
  credentialType: number;
  /** Decided by the registry from the issuer's standing at anchoring. */
  level: CertificationLevelName;
  validFrom: number;
  validUntil: number;
  size: number;
};
/** `null` when no credential batch has this id. */
export type GetCredentialBatchReturnType = CredentialBatch | null;

type RawCredentialBatch = Omit<CredentialBatch, 'batchId' | 'level'> & { level: number };

/**
 * Reads an anchored credential batch. Whether one of its credentials is valid is
 * `isBatchCredentialValid`'s question (it needs the entry and its proof).
 *
 * @example
 * const batch = await getCredentialBatch(client, { registry, batchId: 1n })
 */
export async function getCredentialBatch(client: RegistryClient, { batchId, ...rest }: GetCredentialBatchParameters): Promise<GetCredentialBatchReturnType> {
  const raw = await readRegistry<RawCredentialBatch>(client, { ...rest, functionName: 'credentialBatch', args: [batchId] });
  // The registry never stores a zero root, so it marks an id with no batch.
  if (/^0x0{64}$/.test(raw.root)) return null;
  return {
    batchId,
    root: raw.root,
    issuer: raw.issuer,
    credentialType: Number(raw.credentialType),
    level: nameOf(CertificationLevel, Number(raw.level)),
    validFrom: Number(raw.validFrom),
    validUntil: Number(raw.validUntil),
    size: Number(raw.size),
  };
}
