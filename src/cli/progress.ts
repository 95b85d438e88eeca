import type { ExtractObserver, LiveStream } from '../extract/observer.ts';
import type { Logger } from '../log/logger.ts';

export interface ProgressOptions {
  /** Where the terminal line goes (default stderr). */
  stream?: NodeJS.WriteStream;
  /** Off a terminal: how often each running stream gets a log line (default 30 s). */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 30_000;

const n = (v: number) => v.toLocaleString('en-US');

/** `acme.applications: 12,000 records, 24 pages, 30 requests, 1 retry; waiting for rate limit (…) until 12:00:30Z` */
export function describeStream(s: LiveStream, now = Date.now()): string {
  const c = s.counters;
  let text = `${s.connection}.${s.stream}: ${n(c.records)} records, ${n(c.pages)} pages, ${n(c.requests)} requests, ${n(c.retries)} ${c.retries === 1 ? 'retry' : 'retries'}`;
  const until = s.activity.waitingUntil;
  if (until !== null && until > now) text += `; waiting for ${s.activity.waitReason ?? 'the vendor'} until ${new Date(until).toISOString().replace(/\.\d+Z$/, 'Z')}`;
  return text;
}

/**
 * Progress of a running extract. On a terminal (and not in CI): one live line. Anywhere else (cron,
 * Kubernetes, Airflow logs): a log line per running stream at least every 30 s, so a long vendor
 * wait never looks like a hang; in `--log-format json` the line carries connection, stream and the
 * counters as fields.
 */
export function createProgress(log: Logger, opts: ProgressOptions = {}): ExtractObserver & { done: () => void } {
  const out = opts.stream ?? process.stderr;
  const tty = Boolean(out.isTTY) && !process.env['CI'];
  const running = new Set<LiveStream>();
  let timer: NodeJS.Timeout | undefined;
  let last = 0;

  const report = () => {
    const now = Date.now();
    for (const s of running) {
      const c = s.counters;
      const until = s.activity.waitingUntil;
      log.info(describeStream(s, now), {
        connection: s.connection,
        stream: s.stream,
        records: c.records,
        pages: c.pages,
        requests: c.requests,
        retries: c.retries,
        ...(until !== null && until > now ? { waiting_until: new Date(until).toISOString(), waiting_for: s.activity.waitReason } : {}),
      });
    }
  };

  const live = (s: LiveStream) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    let records = 0;
    let requests = 0;
    for (const r of running) {
      records += r.counters.records;
      requests += r.counters.requests;
    }
    out.write(`\r\x1b[2K${s.connection}.${s.stream}: ${n(records)} records landed, ${requests} requests (${running.size} streams running)`);
  };

  return {
    streamStarted(s) {
      running.add(s);
      if (!tty && !timer) {
        timer = setInterval(report, opts.intervalMs ?? DEFAULT_INTERVAL_MS);
        // Progress never keeps a finished process alive.
        timer.unref();
      }
    },
    pageLanded(s) {
      if (tty) live(s);
    },
    waiting(s) {
      if (tty) live(s);
    },
    streamFinished(s) {
      running.delete(s);
    },
    done() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (tty && last > 0) out.write('\r\x1b[2K');
    },
  };
}
