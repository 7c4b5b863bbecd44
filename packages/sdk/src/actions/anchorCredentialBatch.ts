import { parseEventLogs, type Hash, type Hex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import { CertificationLevel, nameOf, type CertificationLevelName, type TransactionResult } from '../types.js';
import { checkBatchShape } from '../utils/checkBatchShape.js';
import { NO_EXPIRY, toUint32Seconds } from '../utils/timestamp.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type AnchorCredentialBatchParameters = RegistryWriteParameters & {
  credentialType: number;
  validFrom?: Date | number;
  /** Defaults to no expiry. */
  validUntil?: Date | number;
  /** Root of `buildCredentialBatch`. */
  root: Hash;
  size: number;
  /** The leaf hashes to publish in calldata (`buildCredentialBatch(...).leaves`); omit to publish nothing. */
  leaves?: Hex;
};
export type AnchorCredentialBatchReturnType = TransactionResult & { batchId: bigint; level: CertificationLevelName };

/**
 * Anchors a batch of credentials of one type and one validity window. The signer is the issuer;
 * the certification level is decided by the registry from its standing, as for `anchorCredential`.
 * Types with per-credential relations (a source type, achievements, transfers) are not batchable.
 *
 * @example
 * const batch = buildCredentialBatch(births)
 * const { batchId, level } = await anchorCredentialBatch(gov, {
 *   registry, credentialType: CredentialType.BirthCertificate, root: batch.root, size: batch.size, leaves: batch.leaves,
 * })
 */
export async function anchorCredentialBatch(
  client: RegistryClient,
  { credentialType, validFrom = 0, validUntil = NO_EXPIRY, root, size, leaves = '0x', ...rest }: AnchorCredentialBatchParameters,
): Promise<AnchorCredentialBatchReturnType> {
  checkBatchShape({ root, size, leaves });
  const { result, receipt, hash, blockNumber, gasUsed } = await writeRegistry<bigint>(client, {
    ...rest,
    functionName: 'anchorCredentialBatch',
    args: [root, size, credentialType, toUint32Seconds('validFrom', validFrom), toUint32Seconds('validUntil', validUntil), leaves],
  });
  const [event] = parseEventLogs({ abi: identityRegistryAbi, eventName: 'CredentialBatchAnchored', logs: receipt.logs });
  // The event is the truth: the simulated id is stale if another batch landed first in the same block,
  // and the level is only known once the registry has judged the issuer's standing.
  if (!event) throw new IdentreeError(`Transaction ${hash} anchored no credential batch (simulated id ${result}).`);
  return { batchId: event.args.batchId, level: nameOf(CertificationLevel, event.args.level), hash, blockNumber, gasUsed };
}
