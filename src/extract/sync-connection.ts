import { AsyncLocalStorage } from 'node:async_hooks';
import PQueue from 'p-queue';
import { HttpError, type HttpEvent } from '../http/index.ts';
import type { StreamCounters } from '../state/run-log.ts';
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
  readonly onProgress?: (connection: string, stream: string, c: StreamCounters) => void;
}

/** Which stream an HTTP event belongs to: streams share one client, so the async context tells. */
const currentStream = new AsyncLocalStorage<StreamCounters>();

function countHttpEvent(e: HttpEvent): void {
  const c = currentStream.getStore();
  if (!c) return;
  if (e.type === 'request') c.requests++;
  else if (e.type === 'retry') c.retries++;
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
    session = await source.open(conn, { redactor: opts.redactor, onHttpEvent: countHttpEvent });
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
    const started = performance.now();
    const finish = (status: StreamResult['status'], error: string | null): StreamResult['status'] => {
      results.push({ connection: conn.name, stream: stream.name, status, error, ...counters, seconds: (performance.now() - started) / 1000 });
      return status;
    };
    // A child stream reads what its parents landed in this run, so it waits for them.
    const parents = (stream.after ?? []).filter((p) => finished.has(p));
    const parentStatus = await Promise.all(parents.map((p) => finished.get(p)!));
    const failedParent = parents.find((_, i) => parentStatus[i] !== 'succeeded');
    if (failedParent) return finish('skipped', `skipped because ${conn.name}.${failedParent} did not complete`);
    return (await queue.add(async () => {
      if (fatal) return finish('skipped', fatal);
      try {
        await currentStream.run(counters, () =>
          syncStream({ ...opts, session, stream, counters, signal: abort.signal, onPage: () => opts.onProgress?.(conn.name, stream.name, counters) }),
        );
        log.debug(`${conn.name}.${stream.name}: done`, { pages: counters.pages, records: counters.records });
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
