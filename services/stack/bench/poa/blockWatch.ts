// When each validator first has each block: polled every 20 ms on every validator, so a block's
// spread (last validator minus first) is its propagation time, to within the polling interval.
import { createPublicClient, http } from 'viem';

export function watchBlocks(rpcUrls: string[], everyMs = 20) {
  const seen = new Map<bigint, number[]>(); // height -> first-seen time per validator
  const clients = rpcUrls.map((url) => createPublicClient({ transport: http(url, { retryCount: 0, timeout: 1_000 }) }));
  const heights = rpcUrls.map(() => 0n);
  let stopped = false;
  const poll = async (i: number) => {
    while (!stopped) {
      const h = await clients[i]!.getBlockNumber({ cacheTime: 0 }).catch(() => undefined);
      const now = Date.now();
      if (h !== undefined) {
        for (let b = heights[i]! + 1n; b <= h && heights[i]! > 0n; b++) {
          const row = seen.get(b) ?? rpcUrls.map(() => NaN);
          row[i] = now;
          seen.set(b, row);
        }
        heights[i] = h;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  const loops = rpcUrls.map((_, i) => poll(i));
  return {
    /** When the first validator had block `height`, if watched. */
    firstSeen: (height: bigint) => {
      const row = seen.get(height);
      return row ? Math.min(...row.filter((t) => !Number.isNaN(t))) : undefined;
    },
    /** Propagation per block seen by every validator: last minus first, in ms. */
    propagationMs: () => [...seen.values()].filter((row) => row.every((t) => !Number.isNaN(t))).map((row) => Math.max(...row) - Math.min(...row)),
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
