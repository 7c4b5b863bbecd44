import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { AddAchievementParameters } from '../actions/addAchievement.js';
import { InvalidParameterError } from '../errors/base.js';
import type { PreparedCall } from './types.js';

export type PrepareAddAchievementParameters = Omit<AddAchievementParameters, 'account'>;
export type PrepareAddAchievementReturnType = PreparedCall;

/**
 * The unsigned call of `addAchievement`: appends an achievement to an appendable credential (a
 * curriculum) its issuer signs for. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareAddAchievement({ registry, commitment: curriculumRoot, achievement: gradeRoot })
 * await universityWallet.sendTransaction(call)
 */
export function prepareAddAchievement(
  { registry, commitment, achievement }: PrepareAddAchievementParameters,
): PrepareAddAchievementReturnType {
  for (const [name, value] of Object.entries({ commitment, achievement })) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidParameterError(name, 'must be a 32-byte hex string');
  }
  const data = encodeFunctionData({
    abi: identityRegistryAbi,
    functionName: 'addAchievement',
    args: [commitment, achievement],
  });
  return { to: registry, data };
}
