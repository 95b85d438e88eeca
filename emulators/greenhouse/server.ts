// The HTTP front of the Harvest v3 emulator: routing, auth, rate limiting, fault injection and
// the exact error bodies and headers an extractor has to cope with.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { World } from '../world/index.ts';
import { TokenStore } from './auth.ts';
import { encodeArray } from './body.ts';
import { CursorCodec } from './cursor.ts';
import { FaultInjector, type Fault } from '../shared/faults.ts';
import { readPage } from './paginate.ts';
import { parseListQuery, type ListQuery } from './query.ts';
import { FixedWindowLimiter } from '../shared/rate-limit.ts';
import { RESOURCE_BY_NAME } from './resources.ts';
import { StatsRecorder } from '../shared/stats.ts';
import type { GreenhouseEmulator, GreenhouseEmulatorOptions } from './types.ts';
import { closeServer, hardReset, readBody, listenLoopback } from '../shared/http.ts';

type Headers = Record<string, string | number>;

const JSON_TYPE = 'application/json; charset=utf-8';

function defaultUserId(world: World): number {
  const admin = world.users.find((u) => u.siteAdmin && !u.disabled) ?? world.users.find((u) => !u.disabled);
  if (!admin) throw new Error('the world has no enabled user to act as the API user');
  return admin.id;
}

export async function startGreenhouseEmulator(opts: GreenhouseEmulatorOptions): Promise<GreenhouseEmulator> {
  const world = opts.world;
  // Greenhouse has no such thing: every candidate application has exactly one job (only prospects
  // may have none), so a world that moves applications through a plan without a job cannot be shown.
  if (world.params.joblessApplications > 0) {
    throw new Error('Greenhouse has no candidate applications without a job: create the world with joblessApplications 0');
  }
  const clock = opts.clock ?? Date.now;
  const credentials = {
    client_id: opts.clientId ?? 'hirelake-emulator',
    client_secret: opts.clientSecret ?? 'hirelake-emulator-secret',
    user_id: String(opts.userId ?? defaultUserId(world)),
  };
  const tokens = new TokenStore(world, credentials.client_id, credentials.client_secret, opts.tokenTtlMs ?? 3_600_000, clock);
  const { limit, windowMs } = opts.rateLimit ?? { limit: 50, windowMs: 30_000 };
  const limiter = new FixedWindowLimiter(limit, windowMs, clock);
  const faults = new FaultInjector();
  faults.set(opts.faults ?? {});
  const cursors = new CursorCodec();
  const stats = new StatsRecorder(limiter);
  let base = '';

  function send(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
    const text = JSON.stringify(body);
    stats.status(status);
    res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  /** answer with an injected fault; false when the fault only changes how the success is delivered */
  function failWith(res: ServerResponse, fault: Fault, token: string, headers: Headers): boolean {
    stats.fault(fault.kind);
    switch (fault.kind) {
      case 'tokenExpiry':
        tokens.revoke(token);
        send(res, 401, { errors: ['Unauthorized'] }, headers);
        return true;
      case 'rateLimitStorm':
        send(res, 429, { errors: ['Rate limit exceeded'] }, {
          ...headers, 'X-RateLimit-Remaining': '0', 'Retry-After': String(fault.retryAfter),
        });
        return true;
      case 'serverError': {
        if (!fault.html) {
          send(res, fault.status, { errors: ['Internal Server Error'] }, headers);
          return true;
        }
        const text = `<html><head><title>${fault.status} Error</title></head><body><center><h1>${fault.status} Error</h1></center><hr><center>nginx</center></body></html>`;
        stats.status(fault.status);
        res.writeHead(fault.status, { ...headers, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return true;
      }
      case 'reset':
        if (fault.phase === 'before-headers') {
          stats.status('reset');
          hardReset(res.socket);
          return true;
        }
        return false;
      case 'truncate':
        return false;
    }
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, { error: 'invalid_request' });
    const form = new URLSearchParams(await readBody(req));
    const result = tokens.issue(req.headers.authorization, form);
    send(res, result.status, result.body, { 'Cache-Control': 'no-store' });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rate = limiter.take();
    const headers: Headers = rate.headers;
    if (!rate.allowed) {
      stats.rateLimited();
      return send(res, 429, { errors: ['Rate limit exceeded'] }, { ...headers, 'Retry-After': String(rate.retryAfter) });
    }
    if (req.method !== 'GET') return send(res, 405, { errors: ['Method not allowed'] }, headers);
    const token = tokens.check(req.headers.authorization);
    if (!token) return send(res, 401, { errors: ['Unauthorized'] }, headers);
    const name = url.pathname.slice('/v3/'.length);
    const resource = RESOURCE_BY_NAME.get(name);
    if (!resource) return send(res, 404, { errors: ['Not found'] }, headers);
    if (faults.isForbidden(name)) return send(res, 403, { errors: [`Forbidden: missing scope harvest:${name}:list`] }, headers);

    const { delayMs, fault } = faults.decide(name);
    if (delayMs > 0) {
      stats.fault('slow');
      await sleep(delayMs);
    }
    if (fault && failWith(res, fault, token, headers)) return;

    const params = url.searchParams;
    let query: ListQuery;
    let startId = Number.MAX_SAFE_INTEGER;
    if (params.has('cursor')) {
      if ([...params.keys()].some((k) => k !== 'cursor') || params.getAll('cursor').length > 1) {
        return send(res, 422, { errors: ['When passing a cursor, do not include other query params.'] }, headers);
      }
      const state = cursors.decode(params.get('cursor')!);
      if (!state || state.r !== name) return send(res, 422, { errors: ['Invalid or expired cursor.'] }, headers);
      query = state.q;
      startId = state.n;
    } else {
      const parsed = parseListQuery(resource, params);
      if (!parsed.ok) return send(res, 422, { errors: [parsed.error] }, headers);
      query = parsed.query;
    }

    const page = readPage(world, resource, query, startId);
    if (page.next !== null) {
      const cursor = cursors.encode({ r: name, q: query, n: page.next });
      headers['Link'] = `<${base}/v3/${name}?cursor=${cursor}>; rel="next"`;
    }
    const { chunks, length } = encodeArray(page.records);
    stats.status(200);
    res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': length, ...headers });
    if (fault?.kind === 'reset') {
      res.write(chunks[0]!.subarray(0, 16), () => hardReset(res.socket));
    } else if (fault?.kind === 'truncate') {
      res.write(Buffer.concat(chunks).subarray(0, length >> 1), () => res.socket?.destroy());
    } else {
      res.cork();
      for (const chunk of chunks) res.write(chunk);
      res.end();
      res.uncork();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    stats.request(url.pathname);
    if (url.pathname === '/token') return handleToken(req, res);
    if (url.pathname.startsWith('/v3/')) return handleApi(req, res, url);
    send(res, 404, { errors: ['Not found'] });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return hardReset(res.socket);
      send(res, 500, { errors: [err instanceof Error ? err.message : String(err)] });
    });
  });
  const port = await listenLoopback(server, opts.port);
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    tokenUrl: `${base}/token`,
    credentials,
    world,
    setFaults: (f) => faults.set(f),
    expireTokens: () => tokens.revokeAll(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    stop: () => closeServer(server),
  };
}
