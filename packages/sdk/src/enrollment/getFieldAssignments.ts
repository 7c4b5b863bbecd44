import type { Address, Hash } from 'viem';
import { IdentreeError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readEnrollmentRegistry, type EnrollmentRegistryParameters } from './enrollmentRegistryCall.js';
import { getEnrollment, type GetEnrollmentReturnType } from './getEnrollment.js';

export type GetFieldAssignmentsParameters = EnrollmentRegistryParameters & {
  enrollment: Hash;
  /**
   * The enrollment as `getEnrollment` already read it at the current block, so its forty-odd calls are not made
   * twice; read here when left out.
   */
  state?: NonNullable<GetEnrollmentReturnType>;
};
/** One entry per open slot: round 0's `perField` slots of every field, then later rounds where opened. */
export type GetFieldAssignmentsReturnType = { field: number; slot: number; verifier: Address }[];

/**
 * Who must answer which field of an enrollment, as the registry draws it (open slots only).
 *
 * @example
 * const mine = (await getFieldAssignments(client, { enrollmentRegistry, enrollment })).filter((a) => a.verifier === me)
 */
export async function getFieldAssignments(
  client: RegistryClient,
  { enrollment, enrollmentRegistry, state }: GetFieldAssignmentsParameters,
): Promise<GetFieldAssignmentsReturnType> {
  const e = state ?? (await getEnrollment(client, { enrollment, enrollmentRegistry }));
  if (!e) throw new IdentreeError(`No enrollment ${enrollment}.`);
  const slots = e.fields.flatMap(({ rounds }, field) =>
    Array.from({ length: rounds * e.perField }, (_, slot) => ({ field, slot })),
  );
  return Promise.all(
    slots.map(async ({ field, slot }) => ({
      field,
      slot,
      verifier: await readEnrollmentRegistry<Address>(client, {
        enrollmentRegistry,
        functionName: 'assignedVerifier',
        args: [enrollment, field, slot],
      }),
    })),
  );
}
