// Paces requests so a run uses nearly all of a vendor's rate limit without tripping it.
//
// Three things decide when a request may go:
// 1. Concurrency: a p-queue of `concurrency` slots.
// 2. The configured steady rate: a second p-queue with a strict sliding window of `limit` starts
//    per `windowMs`, so no rolling window — and therefore no server fixed window — ever sees more
//    than `limit` of our requests. It protects the first requests, before any response has told us
//    anything, and enforces a budget deliberately set below the vendor's limit.
// 3. The server's own X-RateLimit-Limit/Remaining/Reset, when present. They are the truth: once the
//    server's window is spent we wait for its reset. When the server announces a limit at least
//    as high as the configured one, its headers alone pace us: a client-side sliding window out of
//    phase with the server's fixed window would otherwise strand part of each window and push
//    requests against the window boundary.
//
// Counting in-flight requests: within one server window Remaining only goes down, so the smallest
// Remaining seen is the latest count the server has made, and every request we have not had an
// answer for may not be in it yet. What we may still send is `min(Remaining) − inFlight`: never
// too much however responses are reordered, and exact again as soon as the in-flight ones answer,
// so the window is spent to its last request.

// Long waits: a wait the server asks for (Retry-After, a reset instant) is accepted up to
// `maxWaitMs` (the retry policy's 15-minute cap); beyond it the request fails at once with
// RateLimitWaitTooLong instead of stalling every stream of the connection. Every timer is clamped
// below 2^31 ms, and a wait longer than `longWaitMs` is announced when it starts.

import PQueue from 'p-queue';
import { parseRateLimitHeaders, parseRetryAfter, type HeaderMap } from './rate-limit-headers.ts';
import { clampTimer, formatDuration, MAX_TIMER_MS } from './sleep.ts';

export interface RateLimitOptions {
  /** Requests per window: the vendor's documented limit or your share of it. Omit for header-only pacing. */
  limit?: number;
  /** Window length in ms for `limit` (Greenhouse v3: 50 per 30 000; Lever ≈ 10 per 1000). */
  windowMs?: number;
  /** Requests in flight at once. Default 4: past that one Node thread is parse-bound anyway. */
  concurrency?: number;
  /** Follow X-RateLimit-* headers. Default true. */
  adaptive?: boolean;
  /**
   * Extra wait after the server's announced reset before spending the new window, to absorb clock
   * skew and whole-second reset values. Default 100 ms.
   */
  resetMarginMs?: number;
  /** Longest server-requested wait accepted before requests fail instead. Default 15 min (as the retry policy). */
  maxWaitMs?: number;
  /** Waits at least this long are announced through `onLongWait` when they start. Default 5 s. */
  longWaitMs?: number;
  now?: () => number;
}

export const DEFAULT_MAX_SERVER_WAIT_MS = 15 * 60_000;
export const DEFAULT_LONG_WAIT_MS = 5_000;

/** The server asked for a pause longer than we are willing to wait inside a run. */
export class RateLimitWaitTooLong extends Error {
  override readonly name = 'RateLimitWaitTooLong';
  constructor(
    readonly reason: RateLimitWaitReason,
    readonly waitMs: number,
    readonly maxWaitMs: number,
  ) {
    super(waitTooLongMessage(reason === 'paused_after_429' ? 'Retry-After' : 'rate-limit reset', waitMs, maxWaitMs));
  }
}

export function waitTooLongMessage(source: 'Retry-After' | 'rate-limit reset', waitMs: number, maxWaitMs: number): string {
  return `the server asked to wait ${formatDuration(waitMs)} (${source}), more than the ${formatDuration(maxWaitMs)} hirelake waits inside a run; run again later`;
}

export type RateLimitWaitReason = 'paused_after_429' | 'window_exhausted' | 'interval_cap';

export interface RateLimitWait {
  reason: RateLimitWaitReason;
  waitMs: number;
}

/** A wait that is starting and will (or may, when `waitMs` is absent) last at least `longWaitMs`. */
export interface LongWait {
  reason: RateLimitWaitReason;
  /** The planned wait; absent for the configured rate's queue, whose wait is not known ahead. */
  waitMs?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** After a wait, with how long it took. */
  onWait?: (w: RateLimitWait) => void;
  /** When a wait of at least `longWaitMs` starts. */
  onLongWait?: (w: LongWait) => void;
}

export interface RateLimiterStats {
  /** Requests dispatched. */
  sent: number;
  /** Times a request had to wait for the rate (not for a free concurrency slot). */
  waits: number;
  waitedMs: number;
  /** 429 responses observed. */
  rateLimited: number;
  inFlight: number;
  queued: number;
  /**
   * Dispatches per window, oldest first (last 100). `windowEnd` is the server's reset instant when
   * the server announces one, else the end of our own `windowMs` bucket.
   */
  windows: Array<{ windowEnd: number; count: number }>;
  /** The server's window as we currently believe it, if it has told us. */
  server?: { limit?: number; remaining: number; available: number; resetAt?: number };
}

/** Handed to each scheduled task so its response can update the limiter. */
export interface Permit {
  readonly seq: number;
  observe(status: number, headers: HeaderMap): void;
}

interface ServerWindow {
  limit: number | undefined;
  /** Smallest Remaining reported for this window. */
  remaining: number;
  resetAt: number | undefined;
  observedAt: number;
}

// Two reset instants closer than this are the same server window (whole-second rounding aside).
const SAME_WINDOW_TOLERANCE_MS = 250;
const MAX_WINDOW_STATS = 100;

export class RateLimiter {
  readonly #slots: PQueue;
  readonly #pace: PQueue | undefined;
  readonly #limit: number | undefined;
  readonly #windowMs: number | undefined;
  readonly #adaptive: boolean;
  readonly #marginMs: number;
  readonly #maxWaitMs: number;
  readonly #longWaitMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;

  #seq = 0;
  #inFlight = 0;
  #server: ServerWindow | undefined;
  /** Reset instant of the last server window we rolled past, and our dispatch count at that moment. */
  #rolled: { resetAt: number; seq: number } | undefined;
  #pausedUntil = 0;
  readonly #wakers = new Set<() => void>();

  #waits = 0;
  #waitedMs = 0;
  #rateLimited = 0;
  readonly #windows = new Map<number, number>();

  constructor(opts: RateLimitOptions = {}) {
    const { limit, windowMs } = opts;
    if ((limit === undefined) !== (windowMs === undefined)) {
      throw new TypeError('rateLimit: set both `limit` and `windowMs` (e.g. { limit: 50, windowMs: 30_000 }), or neither');
    }
    if (limit !== undefined && !(limit >= 1)) throw new TypeError(`rateLimit.limit must be ≥ 1, got ${limit}`);
    if (windowMs !== undefined && !(windowMs > 0 && windowMs <= MAX_TIMER_MS)) {
      throw new TypeError(`rateLimit.windowMs must be > 0 and at most ${MAX_TIMER_MS} (about 24 days), got ${windowMs}`);
    }
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#adaptive = opts.adaptive ?? true;
    this.#marginMs = opts.resetMarginMs ?? 100;
    this.#maxWaitMs = opts.maxWaitMs ?? DEFAULT_MAX_SERVER_WAIT_MS;
    this.#longWaitMs = opts.longWaitMs ?? DEFAULT_LONG_WAIT_MS;
    this.#now = opts.now ?? Date.now;
    this.#startedAt = this.#now();
    this.#slots = new PQueue({ concurrency: opts.concurrency ?? 4 });
    this.#pace = limit !== undefined && windowMs !== undefined ? new PQueue({ intervalCap: limit, interval: windowMs, strict: true }) : undefined;
  }

  /**
   * Runs `task` when concurrency, the configured rate and the server's window allow. The task gets
   * a permit and should call `permit.observe()` with the response status and headers.
   */
  run<T>(task: (permit: Permit) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    const { signal, onWait, onLongWait } = opts;
    return this.#slots.add(
      async () => {
        if (this.#pace && !this.#serverGoverns()) {
          const before = this.#now();
          // How long the configured rate holds us is only known afterwards: announce it once it
          // has lasted longWaitMs.
          const announce = setTimeout(() => this.#notify(onLongWait, { reason: 'interval_cap' }), clampTimer(this.#longWaitMs));
          try {
            await this.#pace.add(() => undefined, signal ? { signal } : {});
          } finally {
            clearTimeout(announce);
          }
          const waited = this.#now() - before;
          // A millisecond or so is just the queue's own scheduling, not a wait.
          if (waited > 1) this.#recordWait({ reason: 'interval_cap', waitMs: waited }, onWait);
        }
        const seq = await this.#gate(signal, onWait, onLongWait);
        const permit: Permit = { seq, observe: (status, headers) => this.#observe(seq, status, headers) };
        try {
          return await task(permit);
        } finally {
          this.#inFlight--;
          this.#wake();
        }
      },
      signal ? { signal } : {},
    );
  }

  /** Holds every request not yet dispatched until `ms` from now (after a 429). */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  onIdle(): Promise<void> {
    return this.#slots.onIdle();
  }

  stats(): RateLimiterStats {
    const s: RateLimiterStats = {
      sent: this.#seq,
      waits: this.#waits,
      waitedMs: this.#waitedMs,
      rateLimited: this.#rateLimited,
      inFlight: this.#inFlight,
      queued: this.#slots.size,
      windows: [...this.#windows].map(([windowEnd, count]) => ({ windowEnd, count })),
    };
    const w = this.#server;
    if (w) {
      s.server = { remaining: w.remaining, available: w.remaining - this.#inFlight };
      if (w.limit !== undefined) s.server.limit = w.limit;
      if (w.resetAt !== undefined) s.server.resetAt = w.resetAt;
    }
    return s;
  }

  /** The server announced a limit no stricter than ours, with a reset: its headers pace exactly. */
  #serverGoverns(): boolean {
    const w = this.#server;
    return w !== undefined && w.limit !== undefined && this.#limit !== undefined && w.limit <= this.#limit && (w.resetAt !== undefined || this.#rolled !== undefined);
  }

  /**
   * Waits until a request may go, then claims it: the check and the in-flight increment happen in
   * the same synchronous step, or several waiters woken together would all see the same last slot.
   */
  async #gate(signal: AbortSignal | undefined, onWait: RunOptions['onWait'], onLongWait: RunOptions['onLongWait']): Promise<number> {
    let waitedSince: number | undefined;
    let announced = false;
    let reason: RateLimitWaitReason = 'window_exhausted';
    for (;;) {
      const now = this.#now();
      let until: number;
      if (this.#pausedUntil > now) {
        until = this.#pausedUntil;
        reason = 'paused_after_429';
      } else {
        until = this.#windowResumeAt(now);
        if (waitedSince === undefined) reason = 'window_exhausted';
      }
      if (until <= now) break;
      const waitMs = until - now;
      // Checked on every lap: a pause can grow (another 429) while we wait.
      if (waitMs > this.#maxWaitMs) throw new RateLimitWaitTooLong(reason, waitMs, this.#maxWaitMs);
      if (!announced && waitMs >= this.#longWaitMs) {
        announced = true;
        this.#notify(onLongWait, { reason, waitMs });
      }
      waitedSince ??= now;
      // Woken early by any answer: a window that looked spent only because of requests in flight
      // frees up as soon as they are counted, long before the reset.
      await this.#sleepUntilChange(until - now, signal);
    }
    this.#inFlight++;
    const seq = ++this.#seq;
    this.#countDispatch();
    if (waitedSince !== undefined) this.#recordWait({ reason, waitMs: this.#now() - waitedSince }, onWait);
    return seq;
  }

  #sleepUntilChange(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#wakers.delete(done);
      };
      const done = (): void => {
        cleanup();
        resolve();
      };
      // Not done(): a promise resolved first ignores the rejection, and the gate would sleep again.
      const onAbort = (): void => {
        cleanup();
        reject(signal?.reason ?? new DOMException('The operation was aborted', 'AbortError'));
      };
      const timer = setTimeout(done, clampTimer(ms));
      this.#wakers.add(done);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wake(): void {
    for (const w of [...this.#wakers]) w();
  }

  /** 0 when a request may go now; otherwise the instant the server window allows it. */
  #windowResumeAt(now: number): number {
    const w = this.#server;
    if (!w || w.remaining - this.#inFlight > 0) return 0;
    // Without a reset header we only know the window is spent; assume it lasts one configured window.
    const resetAt = w.resetAt ?? w.observedAt + (this.#windowMs ?? 1000);
    const resumeAt = resetAt + this.#marginMs;
    if (now < resumeAt) return resumeAt;
    // The server's window has rolled. Requests still in flight may land in the new one; the
    // `− inFlight` in the availability check charges them to it.
    this.#rolled = { resetAt, seq: this.#seq };
    const limit = w.limit ?? this.#limit;
    this.#server = limit === undefined ? undefined : { limit: w.limit, remaining: limit, resetAt: undefined, observedAt: now };
    return 0;
  }

  #observe(seq: number, status: number, headers: HeaderMap): void {
    this.#update(seq, status, headers);
    this.#wake();
  }

  #update(seq: number, status: number, headers: HeaderMap): void {
    const now = this.#now();
    if (status === 429) {
      this.#rateLimited++;
      const retryAfter = parseRetryAfter(headers['retry-after'], now);
      if (retryAfter !== undefined) this.pauseFor(retryAfter);
    }
    if (!this.#adaptive) return;
    const info = parseRateLimitHeaders(headers, now);
    // A 429 means the window is spent whatever Remaining says.
    const remaining = status === 429 ? 0 : info.remaining;
    if (remaining === undefined) return;
    const cur = this.#server;
    const limit = info.limit ?? cur?.limit;

    if (info.resetAt === undefined) {
      // No window identity: the latest report is the best we have.
      this.#server = { limit, remaining, resetAt: cur?.resetAt, observedAt: now };
      return;
    }
    const rolled = this.#rolled;
    if (rolled && info.resetAt <= rolled.resetAt + SAME_WINDOW_TOLERANCE_MS) {
      // About a window we already rolled past: stale, unless this request was sent after the roll.
      // Then the server has not rolled yet (its clock is behind ours) and we must keep waiting.
      if (seq <= rolled.seq) return;
      const resetAt = remaining - this.#inFlight <= 0 && info.resetAt + this.#marginMs <= now ? now + this.#marginMs : info.resetAt;
      this.#server = { limit, remaining, resetAt, observedAt: now };
      return;
    }
    if (!cur || cur.resetAt === undefined) {
      // First report, or the first about the window we rolled into (whose size we assumed).
      this.#server = { limit, remaining: cur ? Math.min(cur.remaining, remaining) : remaining, resetAt: info.resetAt, observedAt: now };
      return;
    }
    if (info.resetAt < cur.resetAt - SAME_WINDOW_TOLERANCE_MS) return; // an older window
    if (info.resetAt > cur.resetAt + SAME_WINDOW_TOLERANCE_MS) {
      this.#server = { limit, remaining, resetAt: info.resetAt, observedAt: now };
      return;
    }
    this.#server = { limit, remaining: Math.min(cur.remaining, remaining), resetAt: cur.resetAt, observedAt: now };
  }

  #notify(onLongWait: RunOptions['onLongWait'], w: LongWait): void {
    try {
      onLongWait?.(w);
    } catch {
      // A failing listener must not fail the request.
    }
  }

  #recordWait(w: RateLimitWait, onWait: ((w: RateLimitWait) => void) | undefined): void {
    this.#waits++;
    this.#waitedMs += w.waitMs;
    try {
      onWait?.(w);
    } catch {
      // A failing listener must not leak the slot we just claimed.
    }
  }

  #countDispatch(): void {
    const now = this.#now();
    let key: number;
    const resetAt = this.#server?.resetAt;
    if (resetAt !== undefined && resetAt > now) key = resetAt;
    else {
      const len = this.#windowMs ?? 1000;
      key = this.#startedAt + (Math.floor((now - this.#startedAt) / len) + 1) * len;
    }
    this.#windows.set(key, (this.#windows.get(key) ?? 0) + 1);
    if (this.#windows.size > MAX_WINDOW_STATS) {
      const oldest = this.#windows.keys().next();
      if (!oldest.done) this.#windows.delete(oldest.value);
    }
  }
}
