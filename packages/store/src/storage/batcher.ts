/**
 * Queues calls and runs them as one statement per batch. PGlite spends 0.2–1 ms on any statement,
 * however small (parse, plan, protocol), plus 15–30 µs per nonce, so under load the fixed part
 * decides the cost: at 20 nonces a statement it is over half. One batch is in flight at a time;
 * calls arriving meanwhile form the next, and a batch short of `maxBatch` waits up to `lingerMs`
 * for more, so batches stay large at any load. An idle call waits `lingerMs`. A batch that fails
 * is retried call by call, so a call the database refuses fails alone (issue 23 §3).
 */
export function batcher<T, R>(run: (items: T[]) => Promise<R[]>, { maxBatch, lingerMs }: BatchOptions): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  let filled: (() => void) | undefined;
  const drain = async () => {
    running = true;
    while (queue.length > 0) {
      // PGlite runs a statement synchronously, so without this turn of the event loop no request
      // could arrive during one and every batch would hold a single call.
      await new Promise((resolve) => setImmediate(resolve));
      if (lingerMs > 0 && queue.length < maxBatch) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (filled = undefined, resolve()), lingerMs);
          filled = () => (clearTimeout(timer), (filled = undefined), resolve());
        });
      }
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        const results = await run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        // One statement changed nothing, so each call is tried alone: one bad item (one a
        // database refuses) fails alone, and every other call gets its own answer.
        else for (const b of batch) await run([b.item]).then(([r]) => b.resolve(r!), b.reject);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
      else if (queue.length >= maxBatch) filled?.();
    });
}

export type BatchOptions = {
  /** Most calls in one statement (default 100; see the plan notes below). */
  maxBatch: number;
  /** How long a batch short of `maxBatch` waits for more calls, in ms (default 5). */
  lingerMs: number;
};
