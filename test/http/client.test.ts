// HttpClient against real loopback servers: retries, timeouts, broken bodies, error messages.

import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, HttpError, Redactor, type HttpClientOptions, type HttpEvent } from '../../src/http/index.ts';
import { FAST_RETRY, json, startServer, type Handler, type TestServer } from './helpers/server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(handler: Handler, opts: Partial<HttpClientOptions> = {}): Promise<{ server: TestServer; client: HttpClient; events: HttpEvent[] }> {
  const server = await startServer(handler);
  const events: HttpEvent[] = [];
  const client = new HttpClient({
    baseUrl: server.url,
    retry: FAST_RETRY,
    redactor: new Redactor(),
    onEvent: (e) => events.push(e),
    ...opts,
  });
  cleanups.push(() => server.close(), () => client.close());
  return { server, client, events };
}

describe('HttpClient', () => {
  it('GETs JSON with query params, user agent and accept headers', async () => {
    const { server, client } = await setup((req, res) => json(res, 200, { ok: true, url: req.url }));
    const res = await client.request({ url: '/v3/jobs', query: { per_page: 2, updated_at: 'gte|2024-01-01T00:00:00Z', skip: undefined } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, url: '/v3/jobs?per_page=2&updated_at=gte%7C2024-01-01T00%3A00%3A00Z' });
    expect(res.attempts).toBe(1);
    expect(server.requests[0]?.headers['user-agent']).toBe('hirelake');
    expect(server.requests[0]?.headers['accept']).toBe('application/json');
    expect(client.stats()).toMatchObject({ requests: 1, retries: 0, bytes: res.bytes });
  });

  it('decodes gzip bodies', async () => {
    const { gzipSync } = await import('node:zlib');
    const { client } = await setup((req, res) => {
      const z = gzipSync(JSON.stringify({ big: 'x'.repeat(10_000) }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(z.length) });
      res.end(z);
      expect(req.headers['accept-encoding']).toContain('gzip');
    });
    const res = await client.request({ url: '/x' });
    expect((res.json as { big: string }).big.length).toBe(10_000);
    expect(res.bytes).toBeLessThan(1000);
  });

  it('retries a 429 after Retry-After, then succeeds', async () => {
    let n = 0;
    const { client, events } = await setup((_req, res) =>
      ++n === 1 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, [1, 2]),
    );
    const t0 = Date.now();
    const res = await client.request({ url: '/v1/candidates' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(res.json).toEqual([1, 2]);
    expect(res.attempts).toBe(2);
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      expect.objectContaining({ type: 'retry', status: 429, attempt: 1, reason: 'status_429:retry_after', waitMs: 1000 }),
    ]);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
    expect(client.stats().rateLimiter.rateLimited).toBe(1);
  });

  it('rides out a 503 storm', async () => {
    let n = 0;
    const { client, events } = await setup((_req, res) => (++n <= 5 ? json(res, 503, { message: 'maintenance' }) : json(res, 200, { ok: 1 })));
    const res = await client.request({ url: '/x' });
    expect(res.attempts).toBe(6);
    expect(events.filter((e) => e.type === 'request').map((e) => e.status)).toEqual([503, 503, 503, 503, 503, 200]);
  });

  it('gives up after maxAttempts with a transient server error', async () => {
    const { client } = await setup((_req, res) => json(res, 502, { message: 'bad gateway' }), { retry: { ...FAST_RETRY, maxAttempts: 3 } });
    const err = await client.request({ url: '/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: 'server', status: 502, attempts: 3, reason: 'max_attempts:status_502', transient: true });
    expect((err as HttpError).message).toBe(`GET ${'http://127.0.0.1'}:${new URL((err as HttpError).url).port}/x → 502 Bad Gateway: bad gateway (after 3 attempts)`);
  });

  it('does not retry 403/404/422 and says why', async () => {
    const { client, server } = await setup((req, res) => {
      if (req.url === '/v3/offers') return json(res, 403, { errors: ['missing scope harvest:offers:list'] });
      if (req.url === '/nope') return json(res, 404, { message: 'Resource not found' });
      return json(res, 422, { errors: ['When passing a cursor, do not include other query params.'] });
    });
    const e403 = (await client.request({ url: '/v3/offers' }).catch((e: unknown) => e)) as HttpError;
    expect(e403.message).toBe(`GET ${server.url}/v3/offers → 403 Forbidden: missing scope harvest:offers:list (after 1 attempt)`);
    expect(e403.kind).toBe('forbidden');
    const e404 = (await client.request({ url: '/nope' }).catch((e: unknown) => e)) as HttpError;
    expect(e404).toMatchObject({ kind: 'not_found', status: 404, attempts: 1 });
    const e422 = (await client.request({ url: '/v3/jobs?cursor=x&per_page=1' }).catch((e: unknown) => e)) as HttpError;
    expect(e422).toMatchObject({ kind: 'client', status: 422, attempts: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it('retries when the connection resets mid-body', async () => {
    let n = 0;
    const { client, events } = await setup((_req, res) => {
      if (++n === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"id":1},{"id":');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      json(res, 200, [{ id: 1 }, { id: 2 }]);
    });
    const res = await client.request({ url: '/x' });
    expect(res.json).toEqual([{ id: 1 }, { id: 2 }]);
    expect(events[0]).toMatchObject({ type: 'request', status: 200, reason: 'network:UND_ERR_SOCKET' });
  });

  it('detects a body shorter than its Content-Length and retries it as invalid_body', async () => {
    let n = 0;
    const full = JSON.stringify({ data: 'y'.repeat(2000) });
    const { client, events } = await setup((_req, res) => {
      if (++n <= 2) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length) });
        res.write(full.slice(0, 700));
        setTimeout(() => res.socket?.end(), 10);
        return;
      }
      json(res, 200, JSON.parse(full));
    });
    const res = await client.request({ url: '/x' });
    expect(res.text).toBe(full);
    expect(res.attempts).toBe(3);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.reason)).toEqual(['invalid_body:backoff', 'invalid_body:backoff']);
  });

  it('gives up on a persistently truncated body with a clear message', async () => {
    const { client } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('[1,2,3');
        setTimeout(() => res.socket?.end(), 5);
      },
      { retry: { ...FAST_RETRY, maxAttempts: 2 } },
    );
    const err = (await client.request({ url: '/x' }).catch((e: unknown) => e)) as HttpError;
    expect(err).toMatchObject({ kind: 'invalid_body', attempts: 2, transient: true });
    expect(err.message).toMatch(/→ 200 OK: truncated body: received 6 of 100 bytes \(after 2 attempts\)$/);
  });

  it('retries JSON that fails to parse', async () => {
    let n = 0;
    const { client } = await setup((_req, res) => {
      if (++n === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[{"id":1},');
        return;
      }
      json(res, 200, [{ id: 1 }]);
    });
    expect((await client.request({ url: '/x' })).json).toEqual([{ id: 1 }]);
  });

  it('times out a slow response (headers or body) and retries', async () => {
    let n = 0;
    const { client, events } = await setup(
      (_req, res) => {
        n++;
        if (n === 1) return void setTimeout(() => json(res, 200, { late: true }), 1000);
        if (n === 2) {
          // Headers arrive, the body stalls.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"a":');
          return void setTimeout(() => res.end('1}'), 1000);
        }
        json(res, 200, { late: false });
      },
      { timeoutMs: 150 },
    );
    const res = await client.request({ url: '/slow' });
    expect(res.json).toEqual({ late: false });
    expect(events.filter((e) => e.type === 'request').map((e) => e.reason)).toEqual(['timeout', 'timeout', undefined]);
  });

  it('reports a timeout as kind timeout when retries run out', async () => {
    const { client } = await setup((_req, res) => void setTimeout(() => json(res, 200, {}), 500), {
      timeoutMs: 50,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
    });
    const err = (await client.request({ url: '/slow' }).catch((e: unknown) => e)) as HttpError;
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(err.message).toMatch(/→ timeout: no complete response within 50 ms \(after 2 attempts\)$/);
  });

  it('does not resend a POST unless it is marked retry-safe', async () => {
    const { client, server } = await setup((_req, res) => json(res, 503, {}));
    const err = (await client.request({ method: 'POST', url: '/candidate.create', body: '{}' }).catch((e: unknown) => e)) as HttpError;
    expect(err).toMatchObject({ kind: 'server', attempts: 1, reason: 'not_retry_safe:status_503' });
    expect(server.requests).toHaveLength(1);

    const { client: c2, server: s2 } = await setup((_req, res) => (s2.requests.length < 3 ? json(res, 503, {}) : json(res, 200, { results: [] })));
    const res = await c2.request({ method: 'POST', url: '/application.list', body: '{"limit":100}', retrySafe: true });
    expect(res.attempts).toBe(3);
    expect(s2.requests.every((r) => r.body === '{"limit":100}' && r.headers['content-type'] === 'application/json')).toBe(true);
  });

  it('returns text untouched with expect: text', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('a,b\n1,2\n');
    });
    const res = await client.request({ url: '/report.csv', expect: 'text' });
    expect(res.text).toBe('a,b\n1,2\n');
    expect(res.json).toBeUndefined();
  });

  it('lets an inspector fail or retry responses whose status hides the truth', async () => {
    let n = 0;
    const { client } = await setup(
      (req, res) => {
        if (req.url === '/application.list') {
          return json(res, 200, { success: false, errors: ['sync_token_expired'], errorInfo: { code: 'sync_token_expired', message: 'Sync token expired' } });
        }
        // A SOAP-style fault: HTTP 500 whose body says "try again".
        if (++n === 1) return json(res, 500, { fault: 'transient' });
        return json(res, 200, { success: true, results: [] });
      },
      {
        inspect: (r) => {
          if (r.text.includes('"success":false')) return { action: 'fail', kind: 'client', detail: 'sync_token_expired' };
          if (r.text.includes('"fault":"transient"')) return { action: 'retry', detail: 'transient fault' };
          return undefined;
        },
      },
    );
    const err = (await client.request({ method: 'POST', url: '/application.list', body: '{}', retrySafe: true }).catch((e: unknown) => e)) as HttpError;
    expect(err).toMatchObject({ kind: 'client', status: 200, attempts: 1, reason: 'inspected' });
    expect(err.message).toContain('sync_token_expired');
    const ok = await client.request({ url: '/soap' });
    expect(ok.attempts).toBe(2);
  });

  it('stops waiting when the caller aborts', async () => {
    const { client } = await setup((_req, res) => json(res, 503, {}), { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000, random: () => 0.99 } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('run cancelled')), 100);
    await expect(client.request({ url: '/x' }, { signal: ac.signal })).rejects.toThrow('run cancelled');
  });
});
