import { formatEther } from 'viem';

/** What the sponsor paid for an entity, as a person would say it: "0.0012 ETH in 14 sponsored writes". */
export function sponsoredGasWords(gas: { wei: string; writes: number } | null): string {
  // Who may see it is said once, above the tree.
  if (gas === null) return 'Sponsored gas: not shown to you.';
  if (gas.writes === 0) return 'No sponsored writes yet.';
  const writes = gas.writes === 1 ? '1 sponsored write' : `${gas.writes} sponsored writes`;
  return `${etherWords(BigInt(gas.wei))} in ${writes}.`;
}

/** Ether to at most six decimals; an amount below that is said to be below it rather than shown as 0. */
export function etherWords(wei: bigint): string {
  const smallest = 10n ** 12n;
  if (wei > 0n && wei < smallest) return 'less than 0.000001 ETH';
  const rounded = ((wei + smallest / 2n) / smallest) * smallest;
  return `${formatEther(rounded)} ETH`;
}

/** Where an entity sits: the first root at the top, the rest counted below it. */
export function levelWords(level: number): string {
  if (level === 0) return 'the root authority, at the top';
  return level === 1 ? 'level 1, registered by the root authority' : `level ${level}, ${level} steps below the root authority`;
}

export const STATUS_WORDS: Record<string, string> = {
  Active: 'active',
  Suspended: 'suspended: its credentials do not verify until it is reinstated',
  Revoked: 'revoked for good',
};
