import { EventEmitter } from 'node:events';
import type { Hash } from 'viem';
import { parseRegistryLogs } from '@identree/sdk';
import type { ChainPort } from '@identree/chain';
import type { Storage } from '@identree/store';
import { project, type RegistryLog } from './project.js';

export type IndexerOptions = {
  confirmations: number;
  batchBlocks?: number;
  intervalMs?: number;
  name?: string;
  /** Webhook deliveries one event makes at most (WEBHOOK_DELIVERIES_PER_EVENT). @default 20 */
  webhookDeliveriesPerEvent?: number;
};
type Logger = { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };

/**
 * Follows the registry's events into the database, `confirmations` blocks behind the head. Each
 * range is applied in one transaction together with the cursor and the hashes of the blocks it
 * read; before reading on, the indexer checks that the block it stopped at is still on the chain,
 * and if not, walks back to the last block both agree on and undoes everything after it.
 */
export class Indexer {
  readonly #events = new EventEmitter();
  readonly #name: string;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #indexed = -1n;

  constructor(
    private readonly storage: Storage,
    private readonly chain: ChainPort,
    private readonly options: IndexerOptions,
    private readonly log: Logger = console,
  ) {
    this.#name = options.name ?? 'registry';
    this.#events.setMaxListeners(0);
  }

  start() {
    this.#running = true;
    const tick = async () => {
      try {
        while (this.#running && (await this.step())) {
          // keep going while there is more to read
        }
      } catch (err) {
        this.log.error({ err }, 'indexer step failed');
      }
      if (this.#running) this.#timer = setTimeout(tick, this.options.intervalMs ?? 250);
    };
    void tick();
  }

  async stop() {
    this.#running = false;
    clearTimeout(this.#timer);
    // A step that failed was logged by its tick; stopping waits for it, not for its outcome.
    await this.#stepping?.catch(() => {});
  }

  /** Resolves once blocks up to `blockNumber` are indexed, or after `timeoutMs`; true when reached. */
  async waitFor(blockNumber: bigint, timeoutMs: number): Promise<boolean> {
    if (this.#indexed >= blockNumber) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#events.off('indexed', check);
        resolve(false);
      }, timeoutMs);
      const check = (n: bigint) => {
        if (n < blockNumber) return;
        clearTimeout(timer);
        this.#events.off('indexed', check);
        resolve(true);
      };
      this.#events.on('indexed', check);
    });
  }

  #stepping: Promise<boolean> | undefined;

  /** Reads one range; false when caught up. Never runs twice at once. */
  step(): Promise<boolean> {
    this.#stepping ??= this.#step().finally(() => (this.#stepping = undefined));
    return this.#stepping;
  }

  async #step(): Promise<boolean> {
    const reader = this.chain.reader;
    const head = await reader.getBlockNumber({ cacheTime: 0 });
    const safe = head - BigInt(this.options.confirmations);
    const cursor = (await this.storage.cursor.get(this.#name)) ?? { blockNumber: this.chain.fromBlock - 1n, blockHash: null };
    if (cursor.blockHash) {
      const onChain = await reader.getBlock({ blockNumber: cursor.blockNumber }).catch(() => null);
      if (onChain?.hash !== cursor.blockHash) {
        const ancestor = await this.#commonAncestor(cursor.blockNumber);
        const summary = await this.storage.blocks.deleteFrom(ancestor + 1n);
        this.log.warn({ from: (ancestor + 1n).toString(), ...summary }, 'reorg: rolled back');
        await this.storage.cursor.set(this.#name, { blockNumber: ancestor, blockHash: await this.storage.blocks.hashAt(ancestor) ?? (await reader.getBlock({ blockNumber: ancestor })).hash });
        this.#indexed = ancestor;
        return true;
      }
    }
    const from = cursor.blockNumber + 1n;
    if (from > safe) {
      this.#markIndexed(cursor.blockNumber);
      return false;
    }
    const to = safe < from + BigInt(this.options.batchBlocks ?? 2_000) - 1n ? safe : from + BigInt(this.options.batchBlocks ?? 2_000) - 1n;
    // The holder registry's events (consent, keys, guardians) are read in the same range and transaction.
    const raw = await reader.getLogs({ address: [this.chain.registry, this.chain.holderRegistry], fromBlock: from, toBlock: to });
    const end = await reader.getBlock({ blockNumber: to });
    const logs = parseRegistryLogs(raw).filter((l) => l.eventName) as unknown as RegistryLog[];
    // Logs of a block that was replaced while we read carry another hash than the one we end on.
    await this.storage.transaction(async (tx) => {
      for (const log of logs) {
        await tx.blocks.record(log.blockNumber, log.blockHash as Hash);
        await project(tx, log, this.options.webhookDeliveriesPerEvent);
      }
      await tx.blocks.record(to, end.hash);
      await tx.cursor.set(this.#name, { blockNumber: to, blockHash: end.hash });
    });
    this.#markIndexed(to);
    return to < safe;
  }

  #markIndexed(n: bigint) {
    if (n > this.#indexed) this.#indexed = n;
    this.#events.emit('indexed', this.#indexed);
  }

  /** The highest block at or below `from` whose recorded hash the chain still has. */
  async #commonAncestor(from: bigint): Promise<bigint> {
    for (let n = from; n >= this.chain.fromBlock; n--) {
      const stored = await this.storage.blocks.hashAt(n);
      if (!stored) continue;
      const onChain = await this.chain.reader.getBlock({ blockNumber: n }).catch(() => null);
      if (onChain?.hash === stored) return n;
    }
    return this.chain.fromBlock - 1n;
  }
}
