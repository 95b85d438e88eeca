// Fixed windows aligned to the clock (window = floor(now / windowMs)), like Harvest v3's 30-second
// windows: every request counts, and anything past `limit` in a window is refused until it ends.

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** whole seconds until the window ends (for Retry-After) */
  retryAfter: number;
}

export class FixedWindowLimiter {
  private window = -1;
  private count = 0;
  readonly windows: { start: number; count: number }[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  take(): RateDecision {
    const now = this.clock();
    const w = Math.floor(now / this.windowMs);
    if (w !== this.window) {
      this.window = w;
      this.count = 0;
      this.windows.push({ start: w * this.windowMs, count: 0 });
      if (this.windows.length > 10_000) this.windows.splice(0, this.windows.length - 10_000);
    }
    this.count++;
    this.windows[this.windows.length - 1]!.count = this.count;
    const end = (w + 1) * this.windowMs;
    return {
      allowed: this.count <= this.limit,
      retryAfter: Math.max(1, Math.ceil((end - now) / 1000)),
      headers: {
        'X-RateLimit-Limit': String(this.limit),
        'X-RateLimit-Remaining': String(Math.max(0, this.limit - this.count)),
        'X-RateLimit-Reset': String(Math.ceil(end / 1000)),
      },
    };
  }

  resetHistory(): void {
    this.windows.length = 0;
    if (this.window >= 0) this.windows.push({ start: this.window * this.windowMs, count: this.count });
  }
}
