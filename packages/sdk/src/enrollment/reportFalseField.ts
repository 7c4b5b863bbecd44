import type { Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';

export type ReportFalseFieldParameters = EnrollmentRegistryWriteParameters & { enrollment: Hash; field: number };
export type ReportFalseFieldReturnType = TransactionResult;

/**
 * An active government records that a field of an enrollment was false (a forged document found out):
 * the enrollment becomes `Disputed`, and each verifier who confirmed the field can be penalised.
 *
 * @example
 * await reportFalseField(ministry, { enrollmentRegistry, enrollment, field: 3 })
 */
export async function reportFalseField(client: RegistryClient, { enrollment, field, ...rest }: ReportFalseFieldParameters): Promise<ReportFalseFieldReturnType> {
  const { hash, blockNumber, gasUsed } = await writeEnrollmentRegistry(client, { ...rest, functionName: 'reportFalseField', args: [enrollment, field] });
  return { hash, blockNumber, gasUsed };
}
