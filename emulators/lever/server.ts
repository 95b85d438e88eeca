// The HTTP front of the Lever emulator: Basic auth with the API key, the token bucket, injected
// faults, and Lever's `{code, message}` error bodies around the endpoints in routes.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector } from '../shared/faults.ts';
import { TokenBucket } from './rate-limit.ts';
import { ApiError, routeOf } from './routes.ts';
import type { LeverEmulator, LeverEmulatorOptions, LeverEmulatorStats } from './types.ts';
import { LeverView } from './view.ts';
import { closeServer, endBody, hardReset, listenLoopback } from '../shared/http.ts';

type Headers = Record<string, string | number>;

const JSON_TYPE = 'application/json; charset=utf-8';
// What real Lever responses carry; harmless, and lets a test see it talked to "Lever".
const LEVER_HEADERS: Headers = { server: 'lever-data-api', 'x-lever-region': 'global' };

function emptyStats(): Omit<LeverEmulatorStats, 'windows'> {
  return { requests: 0, byPath: {}, byStatus: {}, rateLimited: 0, faults: {} };
}

export async function startLeverEmulator(opts: LeverEmulatorOptions): Promise<LeverEmulator> {
  const { world } = opts;
  const apiKey = opts.apiKey ?? 'lever-emulator-key';
  const expectedAuth = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  const view = new LeverView(world, opts.legacyBefore === undefined ? {} : { legacyBefore: opts.legacyBefore });
  const { perSecond, burst } = opts.rateLimit ?? { perSecond: 10, burst: 20 };
  const bucket = new TokenBucket(perSecond, burst, opts.clock ?? Date.now);
  const faults = new FaultInjector();
  faults.set(opts.faults ?? {});
  let stats = emptyStats();

  function send(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
    const text = JSON.stringify(body);
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    res.writeHead(status, { ...LEVER_HEADERS, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }
  const fail = (res: ServerResponse, status: number, code: string, message: string, headers: Headers = {}) => send(res, status, { code, message }, headers);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    stats.requests++;
    const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
    const routed = segments[0] === 'v1' ? routeOf(view, segments.slice(1), url.searchParams) : null;
    const pattern = routed?.pattern ?? url.pathname;
    stats.byPath[pattern] = (stats.byPath[pattern] ?? 0) + 1;

    if (req.headers.authorization !== expectedAuth) {
      return fail(res, 401, 'UnauthorizedError', 'Invalid API key: authenticate with HTTP Basic, the API key as username and a blank password');
    }
    if (!bucket.take()) {
      stats.rateLimited++;
      return fail(res, 429, 'TooManyRequestsError', 'Rate limit exceeded: slow down to about 10 requests per second');
    }
    if (req.method !== 'GET') return fail(res, 405, 'MethodNotAllowedError', `${req.method} is not supported by this emulator`);
    if (!routed) return fail(res, 404, 'NotFoundError', `No endpoint at ${url.pathname}`);
    if (faults.isForbidden(routed.resource)) {
      return fail(res, 403, 'ForbiddenError', `This API key does not have permission to read ${routed.resource}`);
    }

    const { delayMs, fault } = faults.decide(routed.resource);
    if (delayMs > 0) {
      stats.faults['slow'] = (stats.faults['slow'] ?? 0) + 1;
      await sleep(delayMs);
    }
    if (fault) {
      stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
      if (fault.kind === 'rateLimitStorm') return fail(res, 429, 'TooManyRequestsError', 'Rate limit exceeded', { 'Retry-After': String(fault.retryAfter) });
      if (fault.kind === 'serverError') {
        if (!fault.html) return fail(res, fault.status, fault.status === 503 ? 'ServiceUnavailableError' : 'InternalServerError', 'Something went wrong');
        const html = `<html><head><title>${fault.status}</title></head><body><h1>${fault.status} Server Error</h1></body></html>`;
        stats.byStatus[fault.status] = (stats.byStatus[fault.status] ?? 0) + 1;
        res.writeHead(fault.status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
        res.end(html);
        return;
      }
      if (fault.kind === 'reset' && fault.phase === 'before-headers') {
        stats.byStatus['reset'] = (stats.byStatus['reset'] ?? 0) + 1;
        return hardReset(res.socket);
      }
    }

    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(routed.run()));
    } catch (err) {
      if (err instanceof ApiError) return fail(res, err.status, err.code, err.message);
      throw err;
    }
    stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1;
    res.writeHead(200, { ...LEVER_HEADERS, 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
    endBody(res, body, fault);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return hardReset(res.socket);
      fail(res, 500, 'InternalServerError', err instanceof Error ? err.message : String(err));
    });
  });
  const port = await listenLoopback(server, opts.port);
  const url = `http://127.0.0.1:${port}/v1`;
  const deletedBy = view.adminId;

  return {
    url,
    credentials: { api_key: apiKey },
    world,
    setFaults: (f) => faults.set(f),
    deleteOpportunity(appId, at = world.now) {
      view.deleteOpportunity(appId, { at, by: deletedBy });
      return view.ids.of('opportunity', appId);
    },
    deletePosting(jobId, at = world.now) {
      view.deletePosting(jobId, { at, by: deletedBy });
      return view.ids.of('posting', jobId);
    },
    leverId: (kind, worldId) => view.ids.of(kind, worldId),
    opportunities: () => view.snapshot().opportunities.map((r) => ({ id: r.id, appId: r.app.id, updatedAt: r.updatedAt })),
    invalidate: () => view.invalidate(),
    stats: () => structuredClone({ ...stats, windows: bucket.windows }),
    resetStats: () => {
      stats = emptyStats();
      bucket.resetHistory();
    },
    stop: () => closeServer(server),
  };
}
