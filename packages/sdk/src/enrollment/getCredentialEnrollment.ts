import { parseEventLogs, type Address, type Hash } from 'viem';
import { getLogs } from 'viem/actions';
import { enrollmentRegistryAbi } from '@identree/abi';
import type { RegistryClient } from '../utils/writeRegistry.js';
import type { EnrollmentRegistryParameters } from './enrollmentRegistryCall.js';

export type GetCredentialEnrollmentParameters = EnrollmentRegistryParameters & { credential: Hash; fromBlock?: bigint };
export type GetCredentialEnrollmentReturnType = { enrollment: Hash; provider: Address; blockNumber: bigint } | null;

const attested = enrollmentRegistryAbi.find((x) => x.type === 'event' && x.name === 'EnrollmentAttested')!;

/**
 * Follows a credential back to the enrollment it was attested from (the `EnrollmentAttested` event), or
 * null when no enrollment names it.
 *
 * @example
 * const source = await getCredentialEnrollment(client, { enrollmentRegistry, credential: uid })
 */
export async function getCredentialEnrollment(
  client: RegistryClient,
  { enrollmentRegistry, credential, fromBlock = 0n }: GetCredentialEnrollmentParameters,
): Promise<GetCredentialEnrollmentReturnType> {
  const logs = await getLogs(client, {
    address: enrollmentRegistry,
    event: attested as Extract<typeof attested, { type: 'event' }>,
    args: { credential },
    fromBlock,
  });
  const [log] = parseEventLogs({ abi: enrollmentRegistryAbi, eventName: 'EnrollmentAttested', logs });
  if (!log) return null;
  return { enrollment: log.args.enrollment, provider: log.args.provider, blockNumber: log.blockNumber };
}
