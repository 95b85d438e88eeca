// Rate limiting against a loopback server that enforces a fixed window the way Greenhouse does
// (limit per window, X-RateLimit-* on every response, 429 + Retry-After beyond it).

import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, RateLimiter, Redactor, type HttpEvent, type Permit } from '../../src/http/index.ts';
import { FAST_RETRY, json, startServer, type TestServer } from './helpers/server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface WindowServer {
  server: TestServer;
  /** Accepted requests per window index. */
  accepted: Map<number, number>;
  rejected: number;
}

/** Fixed windows aligned to multiples of windowMs on the epoch, like a Redis INCR+EXPIRE limiter. */
async function fixedWindowServer(limit: number, windowMs: number, resetStyle: 'epoch-seconds' | 'epoch-ms'): Promise<WindowServer> {
  const accepted = new Map<number, number>();
  const ws: WindowServer = { server: undefined as unknown as TestServer, accepted, rejected: 0 };
  ws.server = await startServer(async (_req, res) => {
    const now = Date.now();
    const w = Math.floor(now / windowMs);
    const resetMs = (w + 1) * windowMs;
    const used = accepted.get(w) ?? 0;
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-reset': resetStyle === 'epoch-seconds' ? String(resetMs / 1000) : String(resetMs),
    };
    if (used >= limit) {
      ws.rejected++;
      return json(res, 429, { message: 'Rate limit exceeded' }, { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(Math.ceil((resetMs - now) / 1000)) });
    }
    accepted.set(w, used + 1);
    // Some latency jitter, so responses come back out of order.
    await new Promise((r) => setTimeout(r, Math.random() * 6));
    json(res, 200, { ok: true }, { ...headers, 'x-ratelimit-remaining': String(limit - used - 1) });
  });
  cleanups.push(() => ws.server.close());
  return ws;
}

/** Windows strictly between the first and last one used: those a burst could fill completely. */
function fullWindows(accepted: Map<number, number>): number[] {
  const keys = [...accepted.keys()].sort((a, b) => a - b);
  return keys.slice(1, -1).map((k) => accepted.get(k) ?? 0);
}

describe('RateLimiter against a fixed-window server', () => {
  it('sends a 100-request burst at 20 per 1000 ms with no 429s and ≥90% of each full window', async () => {
    const ws = await fixedWindowServer(20, 1000, 'epoch-seconds');
    const events: HttpEvent[] = [];
    const client = new HttpClient({
      baseUrl: ws.server.url,
      rateLimit: { limit: 20, windowMs: 1000, concurrency: 4 },
      retry: FAST_RETRY,
      redactor: new Redactor(),
      onEvent: (e) => events.push(e),
    });
    cleanups.push(() => client.close());
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.request({ url: `/v3/applications?i=${i}` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(ws.rejected).toBe(0);
    const full = fullWindows(ws.accepted);
    expect(full.length).toBeGreaterThanOrEqual(3);
    for (const n of full) expect(n).toBeGreaterThanOrEqual(18);
    const stats = client.stats();
    expect(stats.requests).toBe(100);
    expect(stats.retries).toBe(0);
    expect(stats.rateLimiter.sent).toBe(100);
    expect(stats.rateLimiter.rateLimited).toBe(0);
    expect(stats.rateLimitWaits).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'rate_limit_wait')).toBe(true);
    expect(stats.rateLimiter.windows.reduce((s, w) => s + w.count, 0)).toBe(100);
  });

  it('paces from the headers alone when no limit is configured, counting in-flight requests', async () => {
    const ws = await fixedWindowServer(15, 500, 'epoch-ms');
    const client = new HttpClient({ baseUrl: ws.server.url, rateLimit: { concurrency: 4 }, retry: FAST_RETRY, redactor: new Redactor() });
    cleanups.push(() => client.close());
    await Promise.all(Array.from({ length: 75 }, () => client.request({ url: '/v1/opportunities' })));
    expect(ws.rejected).toBe(0);
    const full = fullWindows(ws.accepted);
    expect(full.length).toBeGreaterThanOrEqual(3);
    for (const n of full) expect(n).toBeGreaterThanOrEqual(14);
    expect(client.stats().rateLimiter.server).toMatchObject({ limit: 15 });
  });

  it('recovers when the configured limit is higher than the server allows', async () => {
    const ws = await fixedWindowServer(10, 500, 'epoch-ms');
    const client = new HttpClient({
      baseUrl: ws.server.url,
      rateLimit: { limit: 100, windowMs: 500, concurrency: 2 },
      retry: FAST_RETRY,
      redactor: new Redactor(),
    });
    cleanups.push(() => client.close());
    const results = await Promise.all(Array.from({ length: 30 }, () => client.request({ url: '/x' })));
    expect(results).toHaveLength(30);
    // Headers keep us inside the server's window although our own budget is 10× larger.
    expect(ws.rejected).toBe(0);
  });
});

describe('RateLimiter after a 429', () => {
  it('holds every queued request until Retry-After has passed', async () => {
    let n = 0;
    let rejectedAt = 0;
    const server = await startServer((_req, res) => {
      if (++n === 3) {
        rejectedAt = Date.now();
        return json(res, 429, { message: 'slow down' }, { 'retry-after': '1' });
      }
      json(res, 200, { n });
    });
    cleanups.push(() => server.close());
    const client = new HttpClient({ baseUrl: server.url, rateLimit: { concurrency: 2 }, retry: FAST_RETRY, redactor: new Redactor() });
    cleanups.push(() => client.close());
    await Promise.all(Array.from({ length: 8 }, () => client.request({ url: '/x' })));
    const during = server.requests.filter((r) => r.at > rejectedAt + 50 && r.at < rejectedAt + 900);
    expect(during).toHaveLength(0);
    expect(server.requests).toHaveLength(9); // 8 + the retried one
    expect(client.stats().rateLimiter.rateLimited).toBe(1);
  });
});

describe('RateLimiter accounting', () => {
  it('charges in-flight requests against the smallest Remaining seen, whatever the response order', async () => {
    const rl = new RateLimiter({ concurrency: 10 });
    const permits: Permit[] = [];
    const release: Array<() => void> = [];
    const runs = Array.from({ length: 4 }, () =>
      rl.run(
        (permit) =>
          new Promise<void>((resolve) => {
            permits.push(permit);
            release.push(resolve);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(permits.map((p) => p.seq)).toEqual([1, 2, 3, 4]);
    const reset = String(Date.now() + 60_000);
    const headers = (remaining: number): Record<string, string> => ({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset });
    // Request 1 saw 5 left; the other three may or may not be counted yet.
    permits[0]!.observe(200, headers(5));
    release[0]!();
    await runs[0];
    expect(rl.stats().server).toMatchObject({ limit: 10, remaining: 5, available: 2 });
    // The server handled request 3 before request 2 (different connections).
    permits[2]!.observe(200, headers(3));
    permits[1]!.observe(200, headers(4));
    release[1]!();
    release[2]!();
    await Promise.all(runs.slice(0, 3));
    expect(rl.stats().server).toMatchObject({ remaining: 3, available: 2 });
    permits[3]!.observe(200, headers(2));
    release[3]!();
    await Promise.all(runs);
    expect(rl.stats().server).toMatchObject({ remaining: 2, available: 2 });
  });

  it('waits for the announced reset once the window is spent', async () => {
    const rl = new RateLimiter({ concurrency: 1, resetMarginMs: 20 });
    const waits: number[] = [];
    const resetAt = Date.now() + 300;
    await rl.run(async (p) => p.observe(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5', 'x-ratelimit-reset': String(resetAt) }));
    const t0 = Date.now();
    await rl.run(async () => undefined, { onWait: (w) => waits.push(w.waitMs) });
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt + 15);
    expect(Date.now() - t0).toBeGreaterThan(200);
    expect(waits).toHaveLength(1);
    expect(rl.stats()).toMatchObject({ sent: 2, waits: 1 });
  });

  it('an abort ends a wait for the server\'s window: the request is never sent, not even after the reset', async () => {
    const rl = new RateLimiter({ concurrency: 1, resetMarginMs: 0 });
    const resetAt = Date.now() + 300;
    await rl.run(async (p) => p.observe(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5', 'x-ratelimit-reset': String(resetAt) }));
    const stop = new AbortController();
    let sent = false;
    const waiting = rl.run(async () => { sent = true; }, { signal: stop.signal });
    setTimeout(() => stop.abort(), 20);
    await expect(waiting).rejects.toThrow(/abort/i);
    await new Promise((r) => setTimeout(r, Math.max(0, resetAt - Date.now()) + 100));
    expect(sent).toBe(false);
    expect(rl.stats()).toMatchObject({ sent: 1 });
  });

  it('rejects half-configured limits with a fix in the message', () => {
    expect(() => new RateLimiter({ limit: 50 })).toThrow(/set both `limit` and `windowMs`/);
  });
});
