import { parseEventLogs, type Hex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { InvalidParameterError } from '../errors/base.js';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type AddAchievementParameters = RegistryWriteParameters & {
  /** The commitment the signer anchored the curriculum with. */
  commitment: Hex;
  /** Commitment to the achievement's salted attributes. */
  achievement: Hex;
};
export type AddAchievementReturnType = TransactionResult & { index: number };

/**
 * Appends an achievement to an appendable credential the signer issued (a curriculum).
 *
 * @example
 * await addAchievement(university, { registry, commitment: curriculumRoot, achievement: gradeRoot })
 */
export async function addAchievement(
  client: RegistryClient,
  { commitment, achievement, ...rest }: AddAchievementParameters,
): Promise<AddAchievementReturnType> {
  for (const [name, value] of Object.entries({ commitment, achievement })) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidParameterError(name, 'must be a 32-byte hex string');
  }
  const { receipt, hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'addAchievement', args: [commitment, achievement] });
  const [event] = parseEventLogs({ abi: identityRegistryAbi, eventName: 'AchievementAdded', logs: receipt.logs });
  const index = Number(event!.args.index);
  return { index, hash, blockNumber, gasUsed };
}
