import { AsyncLocalStorage } from 'node:async_hooks';
import PQueue from 'p-queue';
import { HttpError, type HttpEvent } from '../http/index.ts';
import type { Logger } from '../log/logger.ts';
import type { StreamCounters } from '../state/run-log.ts';
import type { ExtractObserver, LiveStream } from './observer.ts';
import type { SourceSession } from './source.ts';
import { syncStream, type RunServices } from './sync-stream.ts';

export interface StreamResult extends StreamCounters {
  readonly connection: string;
  readonly stream: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly error: string | null;
  readonly seconds: number;
}

export interface ConnectionSyncOptions extends RunServices {
  readonly observer?: ExtractObserver;
}

/** Waits at least this long are logged at info; shorter ones only show in progress lines. */
const LOGGED_WAIT_MS = 5_000;

interface StreamScope extends LiveStream {
  readonly log: Logger;
}

/** Which stream an HTTP event belongs to: streams share one client, so the async context tells. */
const currentStream = new AsyncLocalStorage<StreamScope>();

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const clock = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Counts requests and retries per stream, and says why a stream is not moving: every retry, and
 * every rate-limit wait of 5 s or more, is logged, so a server-requested pause of minutes never
 * looks like a hang in cron or orchestrator logs.
 */
function onHttpEvent(connectionLog: Logger, observer: ExtractObserver | undefined): (e: HttpEvent) => void {
  return (e) => {
    const scope = currentStream.getStore();
    const log = scope?.log ?? connectionLog;
    const where = scope ? `${scope.connection}.${scope.stream}` : 'session';
    if (e.type === 'request') {
      if (scope) {
        scope.counters.requests++;
        scope.activity.waitingUntil = null;
        scope.activity.waitReason = null;
      }
      return;
    }
    if (e.type !== 'retry' && e.type !== 'rate_limit_wait') return;
    const waitMs = e.waitMs ?? 0;
    const until = Date.now() + waitMs;
    const reason = e.type === 'retry' ? `retry after ${e.status ?? e.reason ?? 'an error'}` : `rate limit (${e.reason ?? 'limit reached'})`;
    if (scope) {
      if (e.type === 'retry') scope.counters.retries++;
      scope.activity.waitingUntil = until;
      scope.activity.waitReason = reason;
      observer?.waiting?.(scope);
    }
    const fields = { wait_ms: Math.round(waitMs), until: clock(until), reason: e.reason, ...(e.status !== undefined ? { status: e.status } : {}), attempt: e.attempt };
    if (e.type === 'retry') {
      log.info(`${where}: ${e.method} ${pathOf(e.url)} failed (${e.status ?? e.reason}); retry ${e.attempt} in ${seconds(waitMs)}`, fields);
    } else if (waitMs >= LOGGED_WAIT_MS) {
      log.info(`${where}: waiting for the rate limit until ${clock(until)} (${seconds(waitMs)}, ${e.reason})`, fields);
    } else {
      log.debug(`${where}: rate-limit wait ${seconds(waitMs)} (${e.reason})`, fields);
    }
  };
}

/** The path of a (redacted) URL: hosts are in the config, and queries can be long. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
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
  const wanted = conn.streams ? new Set(conn.streams) : null;
  const streams = source.streams.filter((s) => !wanted || wanted.has(s.name));
  const abort = new AbortController();
  const onParentAbort = () => abort.abort();
  opts.signal.addEventListener('abort', onParentAbort, { once: true });
  let session: SourceSession;
  try {
    session = await source.open(conn, { redactor: opts.redactor, onHttpEvent: onHttpEvent(log, opts.observer) });
  } catch (err) {
    opts.signal.removeEventListener('abort', onParentAbort);
    const message = opts.redactor.redact((err as Error).message);
    return streams.map((s) => ({ connection: conn.name, stream: s.name, status: 'failed' as const, error: message, pages: 0, records: 0, requests: 0, retries: 0, seconds: 0 }));
  }
  const queue = new PQueue({ concurrency: conn.concurrency });
  const results: StreamResult[] = [];
  const finished = new Map<string, Promise<StreamResult['status']>>();
  let fatal: string | null = null;

  const runOne = async (stream: (typeof streams)[number]): Promise<StreamResult['status']> => {
    const counters: StreamCounters = { pages: 0, records: 0, requests: 0, retries: 0 };
    const scope: StreamScope = { connection: conn.name, stream: stream.name, counters, activity: { waitingUntil: null, waitReason: null }, log: log.child({ stream: stream.name }) };
    const started = performance.now();
    let began = false;
    const finish = (status: StreamResult['status'], error: string | null): StreamResult['status'] => {
      results.push({ connection: conn.name, stream: stream.name, status, error, ...counters, seconds: (performance.now() - started) / 1000 });
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
        await currentStream.run(scope, () =>
          syncStream({ ...opts, log: scope.log, session, stream, counters, signal: abort.signal, onPage: () => opts.observer?.pageLanded?.(scope) }),
        );
        scope.log.debug(`${conn.name}.${stream.name}: done`, { pages: counters.pages, records: counters.records });
        return finish('succeeded', null);
      } catch (err) {
        const message = opts.redactor.redact((err as Error).message);
        if (isConnectionFatal(err) && !fatal) {
          fatal = message;
          abort.abort();
        }
        return finish(fatal && fatal !== message ? 'skipped' : 'failed', message);
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
