// The HTTP front of the Workable emulator: Bearer token auth, Workable's fixed 10-second rate
// windows with X-Rate-Limit-* headers on every response, injected faults, and `{"error": …}`
// bodies around the endpoints in routes.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector } from '../shared/faults.ts';
import { closeServer, endBody, hardReset, listenLoopback } from '../shared/http.ts';
import { FixedWindowLimiter } from '../shared/rate-limit.ts';
import { StatsRecorder } from '../shared/stats.ts';
import { slug } from '../world/names.ts';
import { ApiError, routeOf } from './routes.ts';
import type { WorkableEmulator, WorkableEmulatorOptions } from './types.ts';
import { WorkableView } from './view.ts';

type Headers = Record<string, string | number>;

const JSON_TYPE = 'application/json; charset=utf-8';
const PREFIX = '/spi/v3';
// What recorded Workable responses carry besides the body.
const WORKABLE_HEADERS: Headers = { 'cache-control': 'max-age=0, private, must-revalidate', server: 'cloudflare' };

/** The shared limiter's headers under Workable's names (X-Rate-Limit-*, reset in epoch seconds). */
function workableRateHeaders(h: Record<string, string>): Headers {
  return { 'X-Rate-Limit-Limit': h['X-RateLimit-Limit']!, 'X-Rate-Limit-Remaining': h['X-RateLimit-Remaining']!, 'X-Rate-Limit-Reset': h['X-RateLimit-Reset']! };
}

export async function startWorkableEmulator(opts: WorkableEmulatorOptions): Promise<WorkableEmulator> {
  const { world } = opts;
  if (world.params.joblessApplications > 0) {
    throw new Error('Workable candidates belong to a job (or sit in the talent pool as sourced prospects): create the world with joblessApplications 0');
  }
  const subdomain = opts.subdomain ?? (slug(world.companyName) || 'hirelake');
  const token = opts.token ?? 'workable-emulator-token';
  const view = new WorkableView(world, subdomain);
  const { limit, windowMs } = opts.rateLimit ?? { limit: 10, windowMs: 10_000 };
  const limiter = new FixedWindowLimiter(limit, windowMs, opts.clock ?? Date.now);
  const stats = new StatsRecorder(limiter);
  const faults = new FaultInjector();
  faults.set(opts.faults ?? {});
  let base = '';
  let served = 0;

  function send(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
    const text = JSON.stringify(body);
    stats.status(status);
    res.writeHead(status, { ...WORKABLE_HEADERS, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), 'x-request-id': `req-${++served}`, ...headers });
    res.end(text);
  }
  const fail = (res: ServerResponse, status: number, error: string, headers: Headers = {}) => send(res, status, { error }, headers);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const routed = url.pathname.startsWith(`${PREFIX}/`)
      ? routeOf(view, { base, path: url.pathname.slice(PREFIX.length), params: url.searchParams })
      : null;
    stats.request(routed?.pattern ?? url.pathname);

    if (req.headers.authorization !== `Bearer ${token}`) return fail(res, 401, 'Not authorized');
    // Limits apply per client, to every call it makes.
    const rate = limiter.take();
    const rateHeaders = workableRateHeaders(rate.headers);
    if (!rate.allowed) {
      stats.rateLimited();
      return fail(res, 429, 'Too many requests', rateHeaders);
    }
    if (req.method !== 'GET') return fail(res, 405, `${req.method} is not supported by this emulator`, rateHeaders);
    if (!routed) return fail(res, 404, 'Not found', rateHeaders);
    if (faults.isForbidden(routed.resource)) return fail(res, 403, `The token is missing the scope to read ${routed.resource}`, rateHeaders);

    const { delayMs, fault } = faults.decide(routed.resource);
    if (delayMs > 0) {
      stats.fault('slow');
      await sleep(delayMs);
    }
    if (fault) {
      stats.fault(fault.kind);
      if (fault.kind === 'rateLimitStorm') return fail(res, 429, 'Too many requests', { ...rateHeaders, 'X-Rate-Limit-Remaining': '0', 'Retry-After': String(fault.retryAfter) });
      if (fault.kind === 'serverError') {
        if (!fault.html) return fail(res, fault.status, 'Something went wrong', rateHeaders);
        const html = `<html><head><title>${fault.status}</title></head><body><h1>${fault.status}</h1></body></html>`;
        stats.status(fault.status);
        res.writeHead(fault.status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
        res.end(html);
        return;
      }
      if (fault.kind === 'reset' && fault.phase === 'before-headers') {
        stats.status('reset');
        return hardReset(res.socket);
      }
    }

    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(routed.run()));
    } catch (err) {
      if (err instanceof ApiError) return fail(res, err.status, err.message, rateHeaders);
      throw err;
    }
    stats.status(200);
    res.writeHead(200, { ...WORKABLE_HEADERS, ...rateHeaders, 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
    endBody(res, body, fault);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return hardReset(res.socket);
      fail(res, 500, err instanceof Error ? err.message : String(err));
    });
  });
  const port = await listenLoopback(server, opts.port);
  base = `http://127.0.0.1:${port}${PREFIX}`;

  return {
    url: base,
    subdomain,
    credentials: { token },
    world,
    view,
    setFaults: (f) => faults.set(f),
    invalidate: () => view.invalidate(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    stop: () => closeServer(server),
  };
}
