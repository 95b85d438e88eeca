import { AsyncLocalStorage } from 'node:async_hooks';
import PQueue from 'p-queue';
import { HttpError, type HttpEvent } from '../http/index.ts';
import { formatDuration } from '../http/sleep.ts';
import type { Logger } from '../log/logger.ts';
import type { StreamCounters } from '../state/run-log.ts';
import type { ExtractObserver, LiveStream } from './observer.ts';
import { SKEW_WARNING_MS, WindowClock } from './server-clock.ts';
import { connectionStreams, type SourceSession } from './source.ts';
import { syncStream, type RunServices } from './sync-stream.ts';

export interface StreamResult extends StreamCounters {
  readonly connection: string;
  readonly stream: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly error: string | null;
  readonly seconds: number;
  /** Succeeded reading the whole stream from scratch in this run (see StreamSyncResult). */
  readonly complete: boolean;
}

export interface ConnectionSyncOptions extends RunServices {
  readonly observer?: ExtractObserver;
  /** Filled with the ids each complete read of these streams listed (erasure detection by absence). */
  readonly listed?: { readonly streams: ReadonlySet<string>; readonly ids: Map<string, ReadonlySet<string>> };
}

interface StreamScope extends LiveStream {
  readonly log: Logger;
  readonly clock: WindowClock;
}

/** Which stream an HTTP event belongs to: streams share one client, so the async context tells. */
const currentStream = new AsyncLocalStorage<StreamScope>();

/**
 * The connection's HTTP event hook: counts requests and retries per stream, feeds each stream's
 * window clock with the server's Date, warns once about a skewed clock, and says why a stream is
 * not moving: every retry, and every wait of 5 s or more (announced by the limiter), is logged, and
 * the stream's activity (waiting for what, until when) feeds the progress lines.
 */
function httpEventHook(
  connection: string,
  log: Logger,
  runClock: () => number,
  rateLimit: ConnectionSyncOptions['connection']['rate_limit'],
  observer: ExtractObserver | undefined,
): (e: HttpEvent) => void {
  let skewWarned = false;
  const waiting = (scope: StreamScope | undefined, waitMs: number | undefined, reason: string) => {
    if (!scope) return;
    scope.activity.waitingUntil = waitMs !== undefined ? Date.now() + waitMs : null;
    scope.activity.waitReason = reason;
    observer?.waiting?.(scope);
  };
  return (e) => {
    const scope = currentStream.getStore();
    const slog = scope?.log ?? log;
    const where = `${connection}.${scope?.stream ?? 'session'}`;
    const fields = { ...(e.waitMs !== undefined ? { wait_ms: Math.round(e.waitMs), until: new Date(Date.now() + e.waitMs).toISOString() } : {}), ...(e.status !== undefined ? { status: e.status } : {}), attempt: e.attempt, reason: e.reason };
    if (e.type === 'request') {
      if (scope) {
        scope.counters.requests++;
        scope.activity.waitingUntil = null;
        scope.activity.waitReason = null;
      }
      if (e.serverTime !== undefined) {
        scope?.clock.observe(e.serverTime);
        const skew = e.serverTime - runClock();
        if (!skewWarned && Math.abs(skew) > SKEW_WARNING_MS) {
          skewWarned = true;
          log.warn(
            skew < 0
              ? `${connection}: the API server's clock is ${formatDuration(-skew)} behind this machine's; windows are landed only up to the server's time (its Date header), so no change is skipped`
              : `${connection}: the API server's clock is ${formatDuration(skew)} ahead of this machine's; nothing is skipped, but check this machine's clock (NTP)`,
          );
        }
      }
    } else if (e.type === 'retry') {
      if (scope) scope.counters.retries++;
      waiting(scope, e.waitMs, `a retry after ${e.status ?? e.reason ?? 'an error'}`);
      slog.info(`${where}: retrying ${e.method} ${e.url}${e.waitMs !== undefined ? ` in ${formatDuration(e.waitMs)}` : ''} (${e.reason ?? 'retry'})`, fields);
    } else if (e.type === 'wait') {
      const why =
        e.reason === 'interval_cap'
          ? `the configured rate_limit${rateLimit ? ` (${rateLimit.requests} requests per ${rateLimit.per_seconds} s)` : ''}`
          : e.reason === 'paused_after_429'
            ? 'the server (429 Retry-After)'
            : "the server's rate-limit window to reset";
      waiting(scope, e.waitMs, why);
      slog.info(`${where}: waiting${e.waitMs !== undefined ? ` ${formatDuration(e.waitMs)}` : ''} for ${why} before ${e.method} ${e.url}`, fields);
    } else if (e.type === 'rate_limit_wait') {
      // Short waits only show in progress lines; long ones were announced as 'wait' above.
      waiting(scope, e.waitMs, 'the rate limit');
      slog.debug(`${where}: rate-limit wait${e.waitMs !== undefined ? ` ${formatDuration(e.waitMs)}` : ''} (${e.reason})`, fields);
    }
  };
}

/** Errors that no other stream of the connection will get past either: stop them all at once. */
function isConnectionFatal(err: unknown): boolean {
  return err instanceof HttpError && err.kind === 'auth';
}

/**
 * Syncs the connection's streams, a few at a time over one rate-limited client. A stream that
 * fails does not stop the others (their pages are landed and checkpointed independently) unless
 * the failure is the connection's own, such as rejected credentials.
 */
export async function syncConnection(opts: ConnectionSyncOptions): Promise<StreamResult[]> {
  const { connection: conn, source, log } = opts;
  // Demographic streams are opt-in per connection, whatever else selects streams.
  const streams = connectionStreams(source, conn);
  const abort = new AbortController();
  const onParentAbort = () => abort.abort();
  opts.signal.addEventListener('abort', onParentAbort, { once: true });
  const startedAt = Date.now();
  const runClock = () => opts.now.getTime() + (Date.now() - startedAt);
  const onHttpEvent = httpEventHook(conn.name, log, runClock, conn.rate_limit, opts.observer);
  let session: SourceSession;
  try {
    session = await source.open(conn, { redactor: opts.redactor, onHttpEvent, signal: abort.signal });
  } catch (err) {
    opts.signal.removeEventListener('abort', onParentAbort);
    const message = opts.redactor.redact((err as Error).message);
    return streams.map((s) => ({ connection: conn.name, stream: s.name, status: 'failed' as const, error: message, pages: 0, records: 0, requests: 0, retries: 0, unchanged: 0, unchangedBytes: 0, seconds: 0, complete: false }));
  }
  const queue = new PQueue({ concurrency: conn.concurrency });
  const results: StreamResult[] = [];
  const finished = new Map<string, Promise<StreamResult['status']>>();
  let fatal: string | null = null;

  const runOne = async (stream: (typeof streams)[number]): Promise<StreamResult['status']> => {
    const counters: StreamCounters = { pages: 0, records: 0, requests: 0, retries: 0, unchanged: 0, unchangedBytes: 0 };
    const clock = new WindowClock();
    const scope: StreamScope = { connection: conn.name, stream: stream.name, counters, activity: { waitingUntil: null, waitReason: null }, log: log.child({ stream: stream.name }), clock };
    const started = performance.now();
    let began = false;
    let complete = false;
    const finish = (status: StreamResult['status'], error: string | null): StreamResult['status'] => {
      results.push({ connection: conn.name, stream: stream.name, status, error, ...counters, seconds: (performance.now() - started) / 1000, complete });
      if (began) opts.observer?.streamFinished?.(scope, status);
      return status;
    };
    // A child stream reads what its parents landed in this run, so it waits for them.
    const parents = (stream.after ?? []).filter((p) => finished.has(p));
    const parentStatus = await Promise.all(parents.map((p) => finished.get(p)!));
    const failedParent = parents.find((_, i) => parentStatus[i] !== 'succeeded');
    if (failedParent) return finish('skipped', `skipped because ${conn.name}.${failedParent} did not complete`);
    return (await queue.add(async () => {
      if (fatal) return finish('skipped', fatal);
      began = true;
      opts.observer?.streamStarted?.(scope);
      try {
        const track = opts.listed?.streams.has(stream.name) ?? false;
        const synced = await currentStream.run(scope, () =>
          syncStream({ ...opts, log: scope.log, session, stream, counters, clock, signal: abort.signal, trackListed: track, onPage: () => opts.observer?.pageLanded?.(scope) }),
        );
        complete = synced.complete;
        if (synced.listed) opts.listed!.ids.set(stream.name, synced.listed);
        scope.log.debug(`${conn.name}.${stream.name}: done`, { pages: counters.pages, records: counters.records });
        return finish('succeeded', null);
      } catch (err) {
        const message = opts.redactor.redact((err as Error).message);
        if (isConnectionFatal(err) && !fatal) {
          fatal = message;
          abort.abort();
        }
        // A stream stopped because another one hit a connection-wide failure (bad credentials)
        // reports that failure, not the abort it saw.
        if (fatal && fatal !== message) return finish('skipped', abort.signal.aborted && !opts.signal.aborted ? fatal : message);
        return finish('failed', message);
      }
    }))!;
  };

  try {
    for (const stream of streams) finished.set(stream.name, runOne(stream));
    await Promise.all(finished.values());
  } finally {
    opts.signal.removeEventListener('abort', onParentAbort);
    await session.close();
  }
  const order = new Map(streams.map((s, i) => [s.name, i]));
  return results.sort((a, b) => order.get(a.stream)! - order.get(b.stream)!);
}
