import type { Hash, Hex } from 'viem';
import type { ChainPort } from '@identree/chain';
import type { Storage } from '@identree/store';

type Logger = { warn(o: object, m: string): void };

/**
 * Checks the writes this outbox answered as mined against the chain, before anything new is sent.
 * A chain restarted from an older state (the embedded anvil after kill -9 keeps only what it last
 * dumped) no longer holds the blocks above its head. Every write mined above it, confirmed or
 * reverted, is sent again in the order it was first mined: the same signed bytes, so the same
 * hash and nonce, and the chain applies each exactly once, to the same state as before. Its row
 * goes back to `sent`, so `GET /writes/:id` says "sent" until the receipt is read again. A write
 * the node refused never used a nonce and is left failed. Returns how many were sent again.
 */
export async function reconcileOutbox(storage: Storage, chain: Pick<ChainPort, 'reader'>, log: Logger): Promise<number> {
  const head = await chain.reader.getBlockNumber({ cacheTime: 0 });
  let resent = 0;
  for (;;) {
    const lost = await storage.outbox.listMinedAfter(head, { limit: 200 });
    if (lost.length === 0) break;
    for (const record of lost) {
      const hash = record.txHash as Hash;
      // Still on chain (a chain that kept its state and was only behind in block numbers): keep it.
      const receipt = await chain.reader.getTransactionReceipt({ hash }).catch(() => null);
      const reopened = await storage.outbox.reopen(record.id);
      if (!reopened) continue;
      if (receipt) {
        log.warn({ id: record.id, transactionHash: hash }, 'outbox found a write above the head still on chain; confirming it again');
        continue;
      }
      const tx = record.txRequest as { serialized: Hex };
      try {
        await chain.reader.request({ method: 'eth_sendRawTransaction', params: [tx.serialized] });
      } catch (error) {
        // Left sent: #confirm decides, from the signer's nonce, whether it was replaced.
        log.warn({ id: record.id, transactionHash: hash, err: error }, 'outbox could not send again a write the chain lost');
      }
      resent++;
    }
  }
  if (resent > 0) log.warn({ resent, head: head.toString() }, 'the chain lost writes it had confirmed (restarted from an older state); sent them again');
  return resent;
}
