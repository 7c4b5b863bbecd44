import { getBlockNumber } from 'viem/actions';
import type { RegistryClient } from '@identree/sdk';

/**
 * Memoises reads for as long as the chain's head stays at one block: callers asking the same thing
 * while it has not moved share one answer (or one in-flight read). The head is asked afresh each time
 * (uncached; viem joins callers to an ask already in flight, so a thousand at once make one call), so a
 * read after a new block never gets the previous block's answer; a failed read is not kept.
 */
export function perBlock(reader: RegistryClient) {
  let head: bigint | undefined;
  let memo = new Map<string, Promise<unknown>>();
  return async <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const block = await getBlockNumber(reader, { cacheTime: 0 });
    if (block !== head) {
      head = block;
      memo = new Map();
    }
    let answer = memo.get(key) as Promise<T> | undefined;
    if (!answer) {
      const forBlock = memo;
      answer = read();
      forBlock.set(key, answer);
      answer.catch(() => forBlock.delete(key));
    }
    return answer;
  };
}
