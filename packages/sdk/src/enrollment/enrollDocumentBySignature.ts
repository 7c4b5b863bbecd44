import { encodeFunctionData, type Address, type Hash } from 'viem';
import { simulateContract } from 'viem/actions';
import { enrollmentRegistryAbi } from '@identree/abi';
import { decodeEnrollmentRegistryError } from '../errors/enrollmentRegistry.js';
import type { PreparedCall } from '../prepare/types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeEnrollmentRegistry, type EnrollmentRegistryWriteParameters } from './enrollmentRegistryCall.js';
import type { EnrollDocumentReturnType } from './enrollDocument.js';
import type { SignedEnrollment } from './signEnrollment.js';

const argsOf = (s: SignedEnrollment) => [s.enrollee, s.imageHash, s.fieldsRoot, s.fieldCount, s.deadline, s.signature] as const;

/**
 * Records an enrollee's signed enrollment (`signEnrollment`), sent and paid for by `client`, whoever
 * it is. The enrollment is the enrollee's, as if it had called `enrollDocument` itself.
 *
 * @example
 * const { enrollment } = await enrollDocumentBySignature(sponsor, { enrollmentRegistry, ...signed })
 */
export async function enrollDocumentBySignature(
  client: RegistryClient,
  { enrollee, imageHash, fieldsRoot, fieldCount, deadline, signature, ...rest }: EnrollmentRegistryWriteParameters & SignedEnrollment,
): Promise<EnrollDocumentReturnType> {
  const { hash, blockNumber, gasUsed, result } = await writeEnrollmentRegistry<Hash>(client, {
    ...rest,
    functionName: 'enrollFromSignature',
    args: argsOf({ enrollee, imageHash, fieldsRoot, fieldCount, deadline, signature }),
  });
  return { hash, blockNumber, gasUsed, enrollment: result };
}

export type PrepareRelayedEnrollmentReturnType = PreparedCall & { functionName: 'enrollFromSignature'; args: ReturnType<typeof argsOf> };

/**
 * The sponsor's unsigned call for a signed enrollment: what a chain worker signs, pays for and sends
 * from its outbox. Pure.
 *
 * @example
 * const call = prepareRelayedEnrollment({ enrollmentRegistry, ...signed })
 */
export function prepareRelayedEnrollment({ enrollmentRegistry, ...signed }: { enrollmentRegistry: Address } & SignedEnrollment): PrepareRelayedEnrollmentReturnType {
  const args = argsOf(signed);
  const data = encodeFunctionData({ abi: enrollmentRegistryAbi, functionName: 'enrollFromSignature', args });
  return { to: enrollmentRegistry, data, functionName: 'enrollFromSignature', args };
}

/**
 * Runs a prepared enrollment relay without sending it, as `account` (the sponsor), so an expired,
 * forged or refused message is answered with its typed revert before anything is paid for; answers
 * the enrollment id it would record.
 *
 * @example
 * const enrollment = await simulateRelayedEnrollment(reader, { call, account: sponsorAddress })
 */
export async function simulateRelayedEnrollment(client: RegistryClient, { call, account }: { call: PrepareRelayedEnrollmentReturnType; account: Address }): Promise<Hash> {
  try {
    const { result } = await simulateContract(client, { address: call.to, abi: enrollmentRegistryAbi, functionName: call.functionName, args: call.args, account });
    return result;
  } catch (error) {
    throw decodeEnrollmentRegistryError(error);
  }
}
