/**
 * Per-connection message budget: `perSecond` on average, bursts up to twice that (a paste, a reconnect
 * that resends a backlog). Hand-written: it is a few lines on the hot path, with no I/O.
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number = perSecond * 2,
  ) {
    this.tokens = capacity;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
