// Lever's limit is a token bucket per API key: about 10 requests a second steady, bursts to about
// 20. Tokens refill continuously, so a client pacing itself at 10/s never sees a 429.

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** requests per wall-clock second, for the stats */
  readonly windows: { start: number; count: number }[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    const second = Math.floor(now / 1000) * 1000;
    const w = this.windows.at(-1);
    if (w && w.start === second) w.count++;
    else {
      this.windows.push({ start: second, count: 1 });
      if (this.windows.length > 10_000) this.windows.splice(0, this.windows.length - 10_000);
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  resetHistory(): void {
    this.windows.length = 0;
  }
}
