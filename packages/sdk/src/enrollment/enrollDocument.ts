import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';

export type EnrollDocumentParameters = EnrollmentRegistryWriteParameters & {
  /** SHA-256 of the whole uploaded photo (or any hash of it; only hashes reach the chain). */
  imageHash: Hash;
  /** From `commitDocumentFields`. */
  fieldsRoot: Hash;
  fieldCount: number;
};
export type EnrollDocumentReturnType = TransactionResult & { enrollment: Hash };

/**
 * The enrollee, an active registered person, records a document's commitment. The verifiers of each
 * field are drawn from the hash of the block this lands in.
 *
 * @example
 * const { enrollment } = await enrollDocument(alice, { enrollmentRegistry, imageHash, fieldsRoot, fieldCount: 10 })
 */
export async function enrollDocument(
  client: RegistryClient,
  { imageHash, fieldsRoot, fieldCount, ...rest }: EnrollDocumentParameters,
): Promise<EnrollDocumentReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<Hash>(client, {
    ...rest,
    functionName: 'enroll',
    args: [imageHash, fieldsRoot, fieldCount],
  });
  return { hash, blockNumber, gasUsed, enrollment: result };
}
