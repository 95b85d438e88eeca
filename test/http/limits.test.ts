// The HTTP core's bounds, each against what a hostile server does: waits it asks for, bodies it
// sends, links it hands out.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBody } from '../../src/http/body.ts';
import { HttpClient, HttpError, RateLimiter, Redactor, linkHeaderPaginator, paginate, type HttpEvent, type HttpRequest, type HttpRequester, type HttpResponse, type Page } from '../../src/http/index.ts';
import { RateLimitWaitTooLong, type LongWait } from '../../src/http/rate-limiter.ts';
import { formatDuration, sleep } from '../../src/http/sleep.ts';
import { FAST_RETRY, json, startServer } from './helpers/server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** TimeoutOverflowWarnings emitted while `fn` runs (each one was a timer firing after 1 ms). */
async function overflowWarnings(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const on = (w: Error) => void (w.name === 'TimeoutOverflowWarning' && seen.push(w.message));
  process.on('warning', on);
  try {
    await fn();
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', on);
  }
  return seen;
}

describe('waits', () => {
  it('a pause beyond maxWaitMs fails the request at once instead of sleeping on it', async () => {
    const limiter = new RateLimiter({ maxWaitMs: 15 * 60_000 });
    limiter.pauseFor(999_999_999_000);
    const warnings = await overflowWarnings(async () => {
      const err = await limiter.run(async () => 'sent').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitWaitTooLong);
      expect((err as Error).message).toBe(
        'the server asked to wait 11574 days (Retry-After), more than the 15 min hirelake waits inside a run; run again later',
      );
    });
    expect(warnings).toEqual([]);
  });

  it('a long wait is announced once, when it starts, with its reason and planned length', async () => {
    const limiter = new RateLimiter({ longWaitMs: 20 });
    limiter.pauseFor(80);
    const announced: LongWait[] = [];
    await limiter.run(async () => undefined, { onLongWait: (w) => announced.push(w) });
    expect(announced).toHaveLength(1);
    expect(announced[0]!.reason).toBe('paused_after_429');
    expect(announced[0]!.waitMs).toBeGreaterThanOrEqual(20);
  });

  it("the configured rate's wait is announced once it has lasted longWaitMs", async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 300, longWaitMs: 20 });
    const announced: LongWait[] = [];
    await Promise.all([0, 1].map(() => limiter.run(async () => undefined, { onLongWait: (w) => announced.push(w) })));
    expect(announced).toEqual([{ reason: 'interval_cap' }]);
  });

  it("the client reports a long wait as a 'wait' event before the request waits", async () => {
    let first = true;
    const api = await startServer((_req, res) => {
      if (first) {
        first = false;
        return json(res, 429, { message: 'slow down' }, { 'retry-after': '1' });
      }
      return json(res, 200, []);
    });
    const events: HttpEvent[] = [];
    const ctx = new AsyncLocalStorage<string>();
    const contexts = new Map<HttpEvent, string | undefined>();
    const onEvent = (e: HttpEvent) => {
      events.push(e);
      contexts.set(e, ctx.getStore());
    };
    const client = new HttpClient({ baseUrl: api.url, rateLimit: { concurrency: 1, longWaitMs: 200 }, retry: FAST_RETRY, redactor: new Redactor(), onEvent });
    cleanups.push(() => api.close(), () => client.close());
    // The first request's 429 pauses the limiter; the second, queued behind it, waits for the pause.
    await Promise.all([ctx.run('a', () => client.request({ url: '/a' })), ctx.run('b', () => client.request({ url: '/b' }))]);
    const waits = events.filter((e) => e.type === 'wait');
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits[0]!.reason).toBe('paused_after_429');
    expect(waits[0]!.waitMs).toBeGreaterThan(200);
    // Reported in the context of the request that waits (b), whichever request's turn woke the limiter.
    expect(waits.map((w) => contexts.get(w))).toEqual(waits.map(() => 'b'));
  });

  it('sleep clamps its timer below 2^31 ms and still aborts', async () => {
    const warnings = await overflowWarnings(async () => {
      const ac = new AbortController();
      const slept = sleep(2 ** 40, ac.signal).catch((e: unknown) => e);
      ac.abort(new Error('stop'));
      expect(((await slept) as Error).message).toBe('stop');
    });
    expect(warnings).toEqual([]);
  });

  it('a window longer than a timer can hold is refused when the limiter is built', () => {
    expect(() => new RateLimiter({ limit: 1, windowMs: 1e12 })).toThrow(/at most 2147483647/);
  });

  it('formats waits as a person reads them', () => {
    expect([1500, 45_000, 899_000, 900_000, 3_600_000, 7_200_000, 999_999_999_000].map(formatDuration)).toEqual([
      '1.5 s', '45 s', '14 min 59 s', '15 min', '60 min', '2 h', '11574 days',
    ]);
  });
});

describe('body size', () => {
  const body = (buf: Buffer) => Readable.from([buf]);

  it('refuses a Content-Length beyond the limit before reading', async () => {
    await expect(readBody(body(Buffer.alloc(10)), { 'content-length': String(10 * 1024 * 1024) }, 1024 * 1024)).rejects.toThrow(
      'response body too large: Content-Length exceeds the 1 MiB limit',
    );
  });

  it.each([
    ['deflate', deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20))],
    ['br', brotliCompressSync(Buffer.alloc(8 * 1024 * 1024, 0x20))],
  ])('stops inflating a %s body at the limit', async (enc, wire) => {
    const err = await readBody(body(wire), { 'content-encoding': enc }, 1024 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as Error).message).toBe(`response body too large: the ${enc} body decompresses to more than 1 MiB`);
  });

  it('reads a body exactly at the limit', async () => {
    const res = await readBody(body(Buffer.alloc(1024, 0x61)), { 'content-length': '1024' }, 1024);
    expect(res.data.length).toBe(1024);
  });
});

describe('origins', () => {
  it('never sends a request (or its credentials) to an origin other than the configured one', async () => {
    const api = await startServer((_req, res) => json(res, 200, []));
    const other = await startServer((_req, res) => json(res, 200, []));
    const client = new HttpClient({ baseUrl: api.url, auth: { headers: async () => ({ authorization: 'Bearer t0ken' }) }, retry: FAST_RETRY, redactor: new Redactor() });
    cleanups.push(() => api.close(), () => other.close(), () => client.close());
    const err = await client.request({ url: `${other.url}/v3/applications?cursor=abc` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).kind).toBe('foreign_origin');
    expect((err as HttpError).message).toContain(`not sent: credentials go only to ${api.url}`);
    expect(other.requests).toEqual([]);
    // Paths on the configured origin are fine, relative or absolute.
    await client.request({ url: `${api.url}/v3/jobs` });
    expect(api.requests).toHaveLength(1);
  });

  it('paginate refuses a page whose next link names another origin before handing it out', async () => {
    const api = await startServer((req, res) =>
      json(res, 200, [{ id: req.url }], { link: `<http://127.0.0.2:9/v3/applications?cursor=x>; rel="next"` }),
    );
    const client = new HttpClient({ baseUrl: api.url, retry: FAST_RETRY, redactor: new Redactor() });
    cleanups.push(() => api.close(), () => client.close());
    const pages: Page<unknown>[] = [];
    const err = await (async () => {
      for await (const p of paginate(client, { url: '/v3/applications' }, linkHeaderPaginator())) pages.push(p);
    })().catch((e: unknown) => e);
    expect(pages).toEqual([]);
    expect((err as HttpError).kind).toBe('foreign_origin');
    expect((err as HttpError).message).toMatch(/next-page link of .* names another origin/);
  });
});

describe('pagination cycles', () => {
  /** Serves pages 1..n; page `at` links back to page `to`. */
  function cyclingApi(n: number, at: number, to: number): HttpRequester & { sent: string[] } {
    const sent: string[] = [];
    return {
      sent,
      async request(req: HttpRequest): Promise<HttpResponse> {
        sent.push(req.url);
        const page = Number(new URL(req.url).searchParams.get('page'));
        const next = page === at ? to : page < n ? page + 1 : null;
        const headers: Record<string, string> = next === null ? {} : { link: `<http://x/p?page=${next}>; rel="next"` };
        return { method: 'GET', status: 200, headers, text: '[]', json: [page], url: req.url, attempts: 1, bytes: 2 };
      },
    };
  }

  it.each([
    [10, 3, 2, 'page 4 repeats the one for page 2'],
    [10, 7, 1, 'page 8 repeats the one for page 1'],
  ])('%i pages, page %i linking back to page %i: %s', async (n, at, to, message) => {
    const api = cyclingApi(n, at, to);
    const walk = async () => {
      for await (const _ of paginate(api, { url: 'http://x/p?page=1' }, linkHeaderPaginator())) void _;
    };
    await expect(walk()).rejects.toThrow(message);
    expect(api.sent).toHaveLength(at);
  });
});
