import { parseEventLogs, type Address, type Hash } from 'viem';
import { getLogs } from 'viem/actions';
import { enrollmentRegistryAbi } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readEnrollmentRegistry, type EnrollmentRegistryParameters } from './enrollmentRegistryCall.js';
import { EnrollmentStatus, FieldOutcome, type EnrollmentStatusName, type FieldOutcomeName } from './types.js';

export type GetEnrollmentParameters = EnrollmentRegistryParameters & { enrollment: Hash };
export type GetEnrollmentReturnType = {
  enrollment: Hash;
  enrollee: Address;
  enrolledAt: bigint;
  fieldCount: number;
  poolSize: number;
  quorum: number;
  perField: number;
  maxRounds: number;
  status: EnrollmentStatusName;
  beaconSealed: boolean;
  batches: number;
  /** Per field, its outcome and how many rounds of verifiers it has opened. */
  fields: { outcome: FieldOutcomeName; rounds: number }[];
} | null;

type Raw = {
  enrolledAt: number;
  fieldCount: number;
  poolSize: number;
  config: { quorum: number; perField: number; maxFieldsPerVerifier: number; maxRounds: number };
  status: number;
  beaconSealed: boolean;
  batches: number;
};

const recorded = enrollmentRegistryAbi.find((x) => x.type === 'event' && x.name === 'EnrollmentRecorded')!;

const statusName = (s: number) => Object.entries(EnrollmentStatus).find(([, v]) => v === s)![0] as EnrollmentStatusName;
const outcomeName = (o: number) => Object.entries(FieldOutcome).find(([, v]) => v === o)![0] as FieldOutcomeName;

/**
 * Reads an enrollment and every field's outcome; null when the registry has no such enrollment. The
 * registry does not store the enrollee (the id commits to it): it is read from the `EnrollmentRecorded`
 * event of the enrollment's block.
 *
 * @example
 * const e = await getEnrollment(publicClient, { enrollmentRegistry, enrollment })
 * e?.fields.every((f) => f.outcome === 'Confirmed')
 */
export async function getEnrollment(
  client: RegistryClient,
  { enrollment, enrollmentRegistry }: GetEnrollmentParameters,
): Promise<GetEnrollmentReturnType> {
  const raw = await readEnrollmentRegistry<Raw>(client, { enrollmentRegistry, functionName: 'enrollment', args: [enrollment] });
  if (raw.status === EnrollmentStatus.None) return null;
  const block = BigInt(raw.enrolledAt);
  const logs = await getLogs(client, {
    address: enrollmentRegistry,
    event: recorded as Extract<typeof recorded, { type: 'event' }>,
    args: { enrollment },
    fromBlock: block,
    toBlock: block,
  });
  const [log] = parseEventLogs({ abi: enrollmentRegistryAbi, eventName: 'EnrollmentRecorded', logs });
  if (!log) throw new IdentreeError(`Enrollment ${enrollment} is stored but its EnrollmentRecorded event is not in block ${block}: is the node pruned?`);
  const fields = await Promise.all(
    Array.from({ length: raw.fieldCount }, async (_, f) => {
      const [outcome, rounds] = await Promise.all([
        readEnrollmentRegistry<number>(client, { enrollmentRegistry, functionName: 'fieldOutcome', args: [enrollment, f] }),
        readEnrollmentRegistry<number>(client, { enrollmentRegistry, functionName: 'roundsOf', args: [enrollment, f] }),
      ]);
      return { outcome: outcomeName(outcome), rounds: Number(rounds) };
    }),
  );
  return {
    enrollment,
    enrollee: log.args.enrollee,
    enrolledAt: block,
    fieldCount: raw.fieldCount,
    poolSize: raw.poolSize,
    quorum: raw.config.quorum,
    perField: raw.config.perField,
    maxRounds: raw.config.maxRounds,
    status: statusName(raw.status),
    beaconSealed: raw.beaconSealed,
    batches: raw.batches,
    fields,
  };
}
