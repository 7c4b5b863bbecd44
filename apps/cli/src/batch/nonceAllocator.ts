/**
 * Hands out the issuer's transaction nonces for writes in flight at once. A nonce whose signed
 * write the service refused before sending it is given back and reused first, since a gap would
 * hold every later write in the node's queue.
 */
export class NonceAllocator {
  private next?: number;
  private readonly freed: number[] = [];

  constructor(private floor = 0) {}

  take(pending: number): number {
    if (this.freed.length) {
      this.freed.sort((a, b) => a - b);
      return this.freed.shift()!;
    }
    this.next = Math.max(this.next ?? 0, pending, this.floor);
    return this.next++;
  }

  release(nonce: number): void {
    this.freed.push(nonce);
  }

  /** Nonces given back and never reused: later writes wait behind them until a rerun fills them. */
  gaps(): number[] {
    return this.next === undefined ? [] : this.freed.filter((n) => n < this.next!);
  }
}
