// Window ends come from the run's clock, but what a vendor returns is decided by *its* clock. When
// ours runs ahead (by more than the lookback), a window [since, until) ends in the server's future:
// changes the server makes later, stamped before `until`, would fall behind the next window's start
// and never be read. Every response carries the server's clock in its `Date` header; a window is
// only landed up to the earliest server time seen while reading it.

/** Differences below this are the Date header's whole-second resolution and latency, not skew. */
export const CLOCK_TOLERANCE_MS = 2_000;

/** A skew beyond this is worth telling the operator about. */
export const SKEW_WARNING_MS = 60_000;

/** The server times observed while one stream reads one window. */
export class WindowClock {
  #earliest: number | undefined;

  observe(serverTime: number): void {
    if (this.#earliest === undefined || serverTime < this.#earliest) this.#earliest = serverTime;
  }

  /** Starts a new window. */
  reset(): void {
    this.#earliest = undefined;
  }

  /**
   * Where a window read in full may end: `until`, or the server's time when the server is behind
   * ours by more than the header's resolution (never later than `until`).
   */
  landedThrough(until: Date): Date {
    const t = this.#earliest;
    return t !== undefined && t < until.getTime() - CLOCK_TOLERANCE_MS ? new Date(t) : until;
  }
}
