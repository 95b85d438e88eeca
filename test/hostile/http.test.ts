// A hostile API through the proxy: each case once hung a run, leaked a credential or landed the
// same records forever. Every run here must end, fail the stream with an error naming the problem,
// and leave the stream's cursor where it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, checkpoint, extract, landedRows, memoryLogger, startHostile, type Hostile } from './harness.ts';

let h: Hostile;
beforeAll(async () => {
  h = await startHostile();
});
afterAll(() => h.stop());

const APPS = '/v3/applications';

describe('server-requested waits', () => {
  // Each of these used to stall the connection: the limiter paused for the raw value, and above
  // 2^31 ms its timer fired every millisecond instead.
  it.each([
    ['Retry-After: 999999999', { retryAfter: { path: APPS, seconds: 999_999_999 } }, /11574 days \(Retry-After\)/],
    ['Retry-After: 3600', { retryAfter: { path: APPS, seconds: 3600 } }, /60 min \(Retry-After\)|asked to wait/],
    ['X-RateLimit-Reset a year ahead', { rateLimitReset: { path: APPS, inSeconds: 365 * 86_400 } }, /asked to wait/],
  ])('%s fails the stream at once with the wait named, and nothing else waits for it', async (_name, misbehave, message) => {
    h.proxy.set(misbehave);
    const overflow: string[] = [];
    const onWarning = (w: Error) => void (w.name === 'TimeoutOverflowWarning' && overflow.push(w.message));
    process.on('warning', onWarning);
    const wh = await ENGINES[0]!.open();
    try {
      const res = await extract(wh.engine, h.config('/tmp/unused.duckdb', { streams: ['applications', 'jobs'] }));
      const apps = res.streams.find((s) => s.stream === 'applications')!;
      expect(apps.status).toBe('failed');
      expect(apps.error).toMatch(message);
      expect(apps.error).toMatch(/15 min/);
      // The 429 was not retried: the request is refused, not slept on.
      expect(h.proxy.stats().byPath[APPS]).toBe(1);
      expect(await checkpoint(wh.engine)).toEqual({ watermark: null, pending: null });
      expect(overflow).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await wh.dispose();
      h.proxy.set({});
    }
  });

  it('announces a wait of more than a few seconds when it starts, naming the stream and the reason', async () => {
    h.proxy.set({ retryAfter: { path: APPS, seconds: 6, times: 1 } });
    const log = memoryLogger();
    const wh = await ENGINES[0]!.open();
    try {
      const res = await extract(wh.engine, h.config('/tmp/unused.duckdb'), { log });
      expect(res.ok).toBe(true);
      expect(log.lines.some((l) => /^info: acme\.applications: (retrying GET .*\/v3\/applications.* in 6 s|waiting 6 s for the server)/.test(l))).toBe(true);
    } finally {
      await wh.dispose();
      h.proxy.set({});
    }
  });
});

describe('pagination', () => {
  it('a next link cycling 2 → 3 → 2 fails the stream after one lap, without advancing its watermark', async () => {
    h.proxy.set({ cycleNext: { path: APPS, at: 3, to: 2 } });
    const wh = await ENGINES[0]!.open();
    try {
      const res = await extract(wh.engine, h.config('/tmp/unused.duckdb'));
      const apps = res.streams.find((s) => s.stream === 'applications')!;
      expect(apps.status).toBe('failed');
      expect(apps.error).toMatch(/pagination cycle: the request for page 4 repeats the one for page 2/);
      expect(h.proxy.stats().byPath[APPS]).toBe(3);
      // Pages 1–3 landed once each; the window stays open (pending), never completed.
      expect(await landedRows(wh.engine)).toBe(60);
      const cp = await checkpoint(wh.engine);
      expect(cp.watermark).toBeNull();
      expect(cp.pending?.pages).toBe(3);
    } finally {
      await wh.dispose();
      h.proxy.set({});
    }
  });

  describe.each(ENGINES)('a next link naming another origin ($name)', (eng) => {
    it('is never followed: no credentials reach it, the page is not landed, the watermark does not move', async () => {
      h.proxy.set({ foreignNext: { path: APPS, at: 2 } });
      const wh = await eng.open();
      try {
        const res = await extract(wh.engine, h.config('/tmp/unused.duckdb'));
        const apps = res.streams.find((s) => s.stream === 'applications')!;
        expect(apps.status).toBe('failed');
        expect(apps.error).toMatch(/foreign origin/);
        expect(apps.error).toContain(h.proxy.foreignUrl);
        expect(apps.error).toContain(`credentials go only to ${h.proxy.url}`);
        expect(h.proxy.stats().foreign).toEqual([]);
        // Page 1 landed and is checkpointed; page 2 (the one with the foreign link) is not.
        expect(await landedRows(wh.engine)).toBe(20);
        expect(await checkpoint(wh.engine)).toMatchObject({ watermark: null, pending: { pages: 1 } });

        // The next run resumes at page 2, gets the same link, and still moves nothing.
        const again = await extract(wh.engine, h.config('/tmp/unused.duckdb'));
        expect(again.ok).toBe(false);
        expect(await checkpoint(wh.engine)).toMatchObject({ watermark: null, pending: { pages: 1 } });
        expect(h.proxy.stats().foreign).toEqual([]);

        // Once the API behaves, the window completes with every application.
        h.proxy.set({});
        expect((await extract(wh.engine, h.config('/tmp/unused.duckdb'))).ok).toBe(true);
        const [latest] = await wh.engine.query<{ n: number }>(`select count(*) as n from ${wh.engine.schemas.raw}.greenhouse__applications__latest`);
        expect(Number(latest!.n)).toBe(h.world.applications.length);
      } finally {
        await wh.dispose();
        h.proxy.set({});
      }
    });
  });
});

describe('response size', () => {
  it('an endless body fails the request once the limit is crossed, without retrying it', async () => {
    h.proxy.set({ endlessBody: { path: APPS } });
    const wh = await ENGINES[0]!.open();
    try {
      const res = await extract(wh.engine, h.config('/tmp/unused.duckdb', { max_response_mb: 2 }));
      const apps = res.streams.find((s) => s.stream === 'applications')!;
      expect(apps.status).toBe('failed');
      expect(apps.error).toMatch(/response body too large: more than 2 MiB received/);
      expect(apps.requests).toBe(1);
      // What the server got to send before we hung up: the limit plus what sat in socket buffers.
      expect(h.proxy.stats().hostileBytesSent).toBeLessThan(64 * 1024 * 1024);
      expect(await checkpoint(wh.engine)).toEqual({ watermark: null, pending: null });
    } finally {
      await wh.dispose();
      h.proxy.set({});
    }
  });

  it('a gzip bomb fails once its output passes the limit, without inflating the rest', async () => {
    h.proxy.set({ gzipBomb: { path: APPS, decodedBytes: 64 * 1024 * 1024 } });
    const wh = await ENGINES[0]!.open();
    try {
      const res = await extract(wh.engine, h.config('/tmp/unused.duckdb', { max_response_mb: 2 }));
      const apps = res.streams.find((s) => s.stream === 'applications')!;
      expect(apps.status).toBe('failed');
      expect(apps.error).toMatch(/the gzip body decompresses to more than 2 MiB/);
      expect(apps.requests).toBe(1);
    } finally {
      await wh.dispose();
      h.proxy.set({});
    }
  });
});
