import assert from 'node:assert/strict';
import { keccak256, stringToHex, type Hex } from 'viem';

/**
 * Asserts that `promise` rejects with an instance of `Class`, then runs `check` on the error.
 * The same shape as `assert.rejects(p, (e) => { assert.ok(e instanceof C); ...; return true })`.
 */
export async function rejectsWith<C extends abstract new (...args: any[]) => Error>(
  promise: Promise<unknown>,
  Class: C,
  check?: (error: InstanceType<C>) => void,
): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
    check?.(e as InstanceType<C>);
    return true;
  });
}

/** A distinct, non-zero 32-byte commitment for a label (tests do not need real attribute trees). */
export const commitmentOf = (label: string): Hex => keccak256(stringToHex(label));

/** Timestamp of the latest block, in seconds. */
export async function latestTimestamp(client: { getBlock: () => Promise<{ timestamp: bigint }> }): Promise<number> {
  return Number((await client.getBlock()).timestamp);
}
