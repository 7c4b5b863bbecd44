import { isAddress } from 'viem';
import { InvalidParameterError } from '../errors/base.js';

/** The most guardians a set holds (`GuardianRecovery._MAX_GUARDIANS`), so the highest threshold there can be. */
export const MAX_GUARDIANS = 16;

/** Shape checks done before a guardian or key message is signed; the contract checks the rules. */
export function checkRecoveryInput(p: { identity?: string; guardian?: string; newKey?: string; threshold?: number; deadline?: bigint }) {
  for (const name of ['identity', 'guardian', 'newKey'] as const) {
    const value = p[name];
    if (value !== undefined && !isAddress(value, { strict: false })) throw new InvalidParameterError(name, 'is not an address');
  }
  if (p.threshold !== undefined && (!Number.isInteger(p.threshold) || p.threshold < 0 || p.threshold > MAX_GUARDIANS)) {
    throw new InvalidParameterError('threshold', `must be a whole number from 0 to ${MAX_GUARDIANS}`);
  }
  if (p.deadline !== undefined && (typeof p.deadline !== 'bigint' || p.deadline < 0n)) throw new InvalidParameterError('deadline', 'must be unix seconds as a non-negative bigint');
}
