// Paces requests so a run uses nearly all of a vendor's rate limit without tripping it.
//
// Two layers, because neither alone is enough:
// - p-queue holds concurrency and the *configured* steady rate (strict sliding window, so no rolling
//   window — and therefore no server fixed window — ever sees more than `limit` starts). This is
//   what protects the first requests, before any response has told us anything.
// - The server's X-RateLimit-Limit/Remaining/Reset headers, when present, are the truth: once the
//   server's window is spent we wait for its reset, even if our own window math says otherwise
//   (latency jitter, another process sharing the key, a limit lower than configured).
//
// Counting in-flight requests: every dispatch gets a sequence number. A response to request k
// reports Remaining as the server saw it when it handled k; everything we dispatched after k may not
// be counted yet, so what we may still send is `remaining_k − (dispatched − k)`. That is exact for
// a single client, so we can spend the window down to zero rather than stopping `concurrency`
// requests early.

import PQueue from 'p-queue';
import { parseRateLimitHeaders, parseRetryAfter, type HeaderMap } from './rate-limit-headers.ts';
import { sleep } from './sleep.ts';

export interface RateLimitOptions {
  /** Requests per window: the vendor's documented limit or your share of it. Omit for header-only pacing. */
  limit?: number;
  /** Window length in ms for `limit` (Greenhouse v3: 30 000; Lever ≈ 10/s → limit 10, windowMs 1000). */
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
  now?: () => number;
}

export type RateLimitWaitReason = 'paused_after_429' | 'window_exhausted' | 'interval_cap';

export interface RateLimitWait {
  reason: RateLimitWaitReason;
  waitMs: number;
}

export interface RateLimiterStats {
  /** Requests dispatched. */
  sent: number;
  /** Times a request had to wait for the window (not for a free concurrency slot). */
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
  /** Last server view we trust, if any. */
  server?: { limit?: number; available: number; resetAt?: number };
}

/** Handed to each scheduled task so its response can update the limiter. */
export interface Permit {
  readonly seq: number;
  observe(status: number, headers: HeaderMap): void;
}

interface ServerWindow {
  limit: number | undefined;
  remaining: number;
  /** Sequence number of the response this view came from; later dispatches are not in `remaining`. */
  seq: number;
  resetAt: number | undefined;
  observedAt: number;
}

// Two reset instants closer than this are the same server window.
const SAME_WINDOW_TOLERANCE_MS = 250;
const MAX_WINDOW_STATS = 100;

export class RateLimiter {
  readonly #queue: PQueue;
  readonly #limit: number | undefined;
  readonly #windowMs: number | undefined;
  readonly #adaptive: boolean;
  readonly #marginMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;

  #seq = 0;
  #inFlight = 0;
  #server: ServerWindow | undefined;
  /** Reset instant of the last server window we rolled past; reports about it are stale. */
  #rolledResetAt: number | undefined;
  #pausedUntil = 0;
  #intervalEpisodes = 0;

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
    if (windowMs !== undefined && !(windowMs > 0)) throw new TypeError(`rateLimit.windowMs must be > 0, got ${windowMs}`);
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#adaptive = opts.adaptive ?? true;
    this.#marginMs = opts.resetMarginMs ?? 100;
    this.#now = opts.now ?? Date.now;
    this.#startedAt = this.#now();
    this.#queue = new PQueue({
      concurrency: opts.concurrency ?? 4,
      ...(limit !== undefined && windowMs !== undefined ? { intervalCap: limit, interval: windowMs, strict: true } : {}),
    });
    this.#queue.on('rateLimit', () => {
      this.#intervalEpisodes++;
    });
  }

  /**
   * Runs `task` when concurrency, the configured rate and the server's window allow. The task gets
   * a permit and must call `permit.observe()` with the response status and headers.
   */
  run<T>(task: (permit: Permit) => Promise<T>, opts: { signal?: AbortSignal; onWait?: (w: RateLimitWait) => void } = {}): Promise<T> {
    const enqueuedAt = this.#now();
    const episodes = this.#intervalEpisodes;
    const limitedAtEnqueue = this.#queue.isRateLimited;
    return this.#queue.add(
      async () => {
        const delay = this.#now() - enqueuedAt;
        if (delay > 0 && (limitedAtEnqueue || this.#intervalEpisodes !== episodes)) {
          this.#recordWait({ reason: 'interval_cap', waitMs: delay }, opts.onWait);
        }
        await this.#gate(opts.signal, opts.onWait);
        const seq = ++this.#seq;
        this.#inFlight++;
        this.#countDispatch();
        const permit: Permit = { seq, observe: (status, headers) => this.#observe(seq, status, headers) };
        try {
          return await task(permit);
        } finally {
          this.#inFlight--;
        }
      },
      { signal: opts.signal },
    );
  }

  /** Holds every request not yet dispatched until `ms` from now (after a 429). */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  onIdle(): Promise<void> {
    return this.#queue.onIdle();
  }

  stats(): RateLimiterStats {
    const s: RateLimiterStats = {
      sent: this.#seq,
      waits: this.#waits,
      waitedMs: this.#waitedMs,
      rateLimited: this.#rateLimited,
      inFlight: this.#inFlight,
      queued: this.#queue.size,
      windows: [...this.#windows].map(([windowEnd, count]) => ({ windowEnd, count })),
    };
    if (this.#server) {
      s.server = { available: this.#available(this.#server) };
      if (this.#server.limit !== undefined) s.server.limit = this.#server.limit;
      if (this.#server.resetAt !== undefined) s.server.resetAt = this.#server.resetAt;
    }
    return s;
  }

  async #gate(signal: AbortSignal | undefined, onWait: ((w: RateLimitWait) => void) | undefined): Promise<void> {
    for (;;) {
      const now = this.#now();
      let until = 0;
      let reason: RateLimitWaitReason = 'paused_after_429';
      if (this.#pausedUntil > now) {
        until = this.#pausedUntil;
      } else {
        until = this.#windowResumeAt(now);
        reason = 'window_exhausted';
      }
      if (until <= now) return;
      this.#recordWait({ reason, waitMs: until - now }, onWait);
      await sleep(until - now, signal);
    }
  }

  #available(s: ServerWindow): number {
    return s.remaining - (this.#seq - s.seq);
  }

  /** 0 when a request may go now; otherwise the instant the server window allows it. */
  #windowResumeAt(now: number): number {
    const s = this.#server;
    if (!s || this.#available(s) > 0) return 0;
    // Without a reset header we only know the window is spent; assume it lasts one configured window.
    const resetAt = s.resetAt ?? s.observedAt + (this.#windowMs ?? 1000);
    const resumeAt = resetAt + this.#marginMs;
    if (now < resumeAt) return resumeAt;
    // The server's window has rolled. Requests still in flight may land in the new window, so they
    // are charged to it.
    this.#rolledResetAt = resetAt;
    const limit = s.limit ?? this.#limit;
    this.#server =
      limit === undefined
        ? undefined
        : { limit: s.limit, remaining: limit - this.#inFlight, seq: this.#seq, resetAt: undefined, observedAt: now };
    return 0;
  }

  #observe(seq: number, status: number, headers: HeaderMap): void {
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
    if (info.resetAt !== undefined && this.#rolledResetAt !== undefined && info.resetAt <= this.#rolledResetAt + SAME_WINDOW_TOLERANCE_MS) {
      // About a window we already rolled past. Only news from a request sent after the roll counts:
      // then the server has not rolled yet (its clock is behind ours), so we must keep waiting.
      if (!cur || seq <= cur.seq) return;
    }
    const sameWindow = cur?.resetAt === undefined || info.resetAt === undefined || Math.abs(info.resetAt - cur.resetAt) <= SAME_WINDOW_TOLERANCE_MS;
    if (cur && cur.resetAt !== undefined && info.resetAt !== undefined && info.resetAt < cur.resetAt - SAME_WINDOW_TOLERANCE_MS) return;
    if (cur && sameWindow && seq < cur.seq) return;

    let resetAt = info.resetAt ?? (sameWindow ? cur?.resetAt : undefined);
    // The server says "spent" about a reset we think has passed: push the reset out by the margin,
    // or we would spin re-sending into 429s.
    if (resetAt !== undefined && remaining - (this.#seq - seq) <= 0 && resetAt + this.#marginMs <= now) resetAt = now + this.#marginMs;
    this.#server = { limit: info.limit ?? cur?.limit, remaining, seq, resetAt, observedAt: now };
  }

  #recordWait(w: RateLimitWait, onWait: ((w: RateLimitWait) => void) | undefined): void {
    this.#waits++;
    this.#waitedMs += w.waitMs;
    onWait?.(w);
  }

  #countDispatch(): void {
    const now = this.#now();
    let key: number;
    if (this.#server?.resetAt !== undefined && this.#server.resetAt > now) key = this.#server.resetAt;
    else {
      const w = this.#windowMs ?? 1000;
      key = this.#startedAt + (Math.floor((now - this.#startedAt) / w) + 1) * w;
    }
    this.#windows.set(key, (this.#windows.get(key) ?? 0) + 1);
    if (this.#windows.size > MAX_WINDOW_STATS) {
      const oldest = this.#windows.keys().next();
      if (!oldest.done) this.#windows.delete(oldest.value);
    }
  }
}
