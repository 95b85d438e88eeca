// The HTTP front of the Ashby emulator: POST-only RPC endpoints with JSON bodies, HTTP Basic auth
// with the API key as the user name (blank password), the Ashby-Version header, the rate limits,
// injected faults, and Ashby's `success: false` error envelope around the endpoints in routes.ts.
//
// Status codes as Ashby's reference and recorded responses show them: request errors (bad input,
// unknown ids, expired cursors and sync tokens, too-large incremental syncs) are HTTP 200 with
// `success: false`; a missing key is 401, a wrong key 403, a key without the module permission 403
// `missing_endpoint_permission`; too many requests 429 with the same envelope.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector } from '../shared/faults.ts';
import { closeServer, endBody, hardReset, readBody, listenLoopback } from '../shared/http.ts';
import { FixedWindowLimiter } from '../shared/rate-limit.ts';
import { StatsRecorder } from '../shared/stats.ts';
import { ApiError, Body, endpoints, type ListState } from './routes.ts';
import type { AshbyEmulator, AshbyEmulatorOptions } from './types.ts';
import { AshbyView } from './view.ts';

type Headers = Record<string, string | number>;

/** The API versions the emulator serves (Ashby's reference lists 2026-01-01 as the one active version). */
export const ASHBY_VERSIONS: Readonly<Record<string, string>> = { '2026-01-01': 'active' };
export const ASHBY_DEFAULT_VERSION = '2026-01-01';

const JSON_TYPE = 'application/json; charset=utf-8';

export async function startAshbyEmulator(opts: AshbyEmulatorOptions): Promise<AshbyEmulator> {
  const { world } = opts;
  // Every Ashby application has a job (application.create requires jobId): a world that moves
  // applications through a plan without a job cannot be shown.
  if (world.params.joblessApplications > 0) {
    throw new Error('Ashby has no applications without a job: create the world with joblessApplications 0');
  }
  const apiKey = opts.apiKey ?? 'ashby-emulator-key';
  const clock = opts.clock ?? Date.now;
  const view = new AshbyView(world, { confidentialAccess: opts.confidentialAccess ?? true });
  const state: ListState = { view, cursorGeneration: 0, tokenGeneration: 0, maxIncrementalPages: opts.maxIncrementalPages };
  const routes = endpoints(state);
  const rate = opts.rateLimit ?? { limit: 1000, windowMs: 60_000 };
  const limiter = new FixedWindowLimiter(rate.limit, rate.windowMs, clock);
  const hist = opts.historyRateLimit ?? { limit: 100, windowMs: 60_000 };
  const historyLimiter = new FixedWindowLimiter(hist.limit, hist.windowMs, clock);
  const faults = new FaultInjector();
  faults.set(opts.faults ?? {});
  const stats = new StatsRecorder(limiter);

  function send(res: ServerResponse, status: number, body: unknown, headers: Headers): void {
    const text = JSON.stringify(body);
    stats.status(status);
    res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  const fail = (res: ServerResponse, status: number, code: string, message: string, headers: Headers) =>
    send(res, status, { success: false, errors: [code], errorInfo: { code, message, requestId: String(headers['x-ashby-request-id']) } }, headers);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const route = routes.get(path);
    stats.request(route ? path : 'unknown');
    const version = req.headers['ashby-version'];
    const requested = typeof version === 'string' && version !== '' ? version : ASHBY_DEFAULT_VERSION;
    const headers: Headers = { server: 'cloudflare', 'x-ashby-request-id': randomUUID().replace(/-/g, '').slice(0, 26).toUpperCase() };
    if (ASHBY_VERSIONS[requested]) Object.assign(headers, { 'Ashby-Version': requested, 'Ashby-Version-Status': ASHBY_VERSIONS[requested] });

    const auth = req.headers.authorization ?? '';
    const m = /^Basic\s+(\S+)$/i.exec(auth);
    if (!m) return fail(res, 401, 'unauthenticated', 'Authenticate with HTTP Basic auth: the API key as the username and a blank password', headers);
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (user !== apiKey) return fail(res, 403, 'invalid_api_key', 'The API key is invalid or has been deactivated', headers);

    if (!ASHBY_VERSIONS[requested]) {
      return fail(res, 400, 'invalid_api_version', `Unknown Ashby-Version "${requested}"; available: ${Object.keys(ASHBY_VERSIONS).join(', ')}`, headers);
    }
    for (const l of route?.name === 'application.listHistory' ? [limiter, historyLimiter] : [limiter]) {
      const decision = l.take();
      Object.assign(headers, { 'x-ratelimit-limit': decision.headers['X-RateLimit-Limit'], 'x-ratelimit-remaining': decision.headers['X-RateLimit-Remaining'], 'x-ratelimit-reset': decision.headers['X-RateLimit-Reset'] });
      if (!decision.allowed) {
        stats.rateLimited();
        return fail(res, 429, 'rate_limit_exceeded', 'Too many requests: slow down and retry after the Retry-After interval', { ...headers, 'Retry-After': String(decision.retryAfter) });
      }
    }
    if (req.method !== 'POST') return fail(res, 405, 'method_not_allowed', `${req.method} is not supported: every Ashby endpoint is a POST`, headers);
    if (!route) return fail(res, 404, 'not_found', `No endpoint at ${path}`, headers);
    if (faults.isForbidden(route.name)) {
      return fail(res, 403, 'missing_endpoint_permission', `The API key lacks the permission ${route.name} requires`, headers);
    }

    const { delayMs, fault } = faults.decide(route.name);
    if (delayMs > 0) {
      stats.fault('slow');
      await sleep(delayMs);
    }
    if (fault) {
      stats.fault(fault.kind);
      if (fault.kind === 'rateLimitStorm') return fail(res, 429, 'rate_limit_exceeded', 'Too many requests', { ...headers, 'Retry-After': String(fault.retryAfter) });
      if (fault.kind === 'serverError') {
        if (!fault.html) return fail(res, fault.status, 'internal_error', 'Internal server error', headers);
        const html = `<html><head><title>${fault.status}</title></head><body><h1>${fault.status}</h1><p>cloudflare</p></body></html>`;
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

    const contentType = req.headers['content-type'] ?? '';
    const text = await readBody(req);
    if (!/^application\/json\b/i.test(contentType)) return fail(res, 415, 'invalid_input', 'Content-Type must be application/json', headers);
    let parsed: unknown = {};
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        return fail(res, 200, 'invalid_input', 'Request payload is malformed', headers);
      }
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail(res, 200, 'invalid_input', 'Request payload must be a JSON object', headers);

    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(route.run(new Body(parsed as Record<string, unknown>))));
    } catch (err) {
      if (err instanceof ApiError) return fail(res, err.status, err.code, err.message, headers);
      throw err;
    }
    stats.status(200);
    res.writeHead(200, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
    endBody(res, body, fault);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return hardReset(res.socket);
      fail(res, 500, 'internal_error', err instanceof Error ? err.message : String(err), {});
    });
  });
  const port = await listenLoopback(server, opts.port);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    credentials: { api_key: apiKey },
    world,
    setFaults: (f) => faults.set(f),
    expireSyncTokens: () => void state.tokenGeneration++,
    expireCursors: () => void state.cursorGeneration++,
    setMaxIncrementalPages: (pages) => void (state.maxIncrementalPages = pages),
    ashbyId: (kind, n) => view.ids.of(kind, n),
    invalidate: () => view.invalidate(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    stop: () => closeServer(server),
  };
}
