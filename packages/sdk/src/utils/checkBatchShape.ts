import { InvalidParameterError } from '../errors/base.js';

/**
 * Rejects what viem could not even encode. Size and leaf-count rules stay with the registry, so
 * callers get its `BatchInvalidSizeError` for those (the simulation fails before any gas is spent).
 */
export function checkBatchShape({ root, size, leaves }: { root: string; size: number; leaves: string }): void {
  if (!/^0x[0-9a-fA-F]{64}$/.test(root)) throw new InvalidParameterError('root', 'must be a 32-byte hex string');
  if (!Number.isInteger(size) || size < 0 || size > 2 ** 32 - 1) throw new InvalidParameterError('size', 'must be a uint32');
  if (leaves.length % 2 !== 0 || !/^0x[0-9a-fA-F]*$/.test(leaves)) throw new InvalidParameterError('leaves', 'must be hex bytes');
}
