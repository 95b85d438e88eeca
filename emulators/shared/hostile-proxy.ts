// A loopback proxy in front of any emulator that misbehaves on demand, the way a broken or hostile
// API (or something between us and it) can: absurd Retry-After and reset headers, next-page links
// that cycle or name another host, bodies that never end or decompress to gigabytes, responses that
// stall, a clock that is off, and record fields rewritten in flight. Everything else passes through
// untouched, with the upstream's absolute URLs (Link headers) rewritten to the proxy's origin.
//
// A second listener, the "foreign" origin, stands in for a host nobody configured: it records what
// it was sent (the Authorization header above all) and answers an empty page.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';

/** Which requests a misbehaviour hits: a path (exact) or any path when absent. */
interface Scoped {
  path?: string;
}

export interface Misbehaviour {
  /** 429 with `Retry-After: <seconds>` on the first `times` matching requests (default: all). */
  retryAfter?: Scoped & { seconds: number; times?: number };
  /** 429 with `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` this far in the future (epoch seconds), no Retry-After. */
  rateLimitReset?: Scoped & { inSeconds: number; times?: number };
  /**
   * Page `at` (the at-th distinct URL requested on the path) links back to page `to` instead of
   * forward; pages keep their own links otherwise, so the walk cycles to → … → at → to → … forever.
   */
  cycleNext?: Scoped & { at: number; to: number };
  /** Page `at`'s next link names the foreign origin (same path and query). */
  foreignNext?: Scoped & { at: number };
  /** 200 with a JSON array that never ends (chunked), until the client hangs up. */
  endlessBody?: Scoped;
  /** 200, `Content-Encoding: gzip`, a small body that inflates to `decodedBytes` of JSON-ish filler. */
  gzipBomb?: Scoped & { decodedBytes: number };
  /** Hold the response headers this long (from page `fromPage` on, default 1), unless the client hangs up. */
  slow?: Scoped & { headersDelayMs: number; fromPage?: number };
  /** The server's clock: sets every response's `Date` header. */
  clock?: () => number;
  /** Rewrites each record of a JSON array body (Greenhouse's list pages) on matching paths. */
  mapRecord?: Scoped & { fn: (record: Record<string, unknown>, index: number) => Record<string, unknown> };
}

export interface HostileStats {
  /** Requests the proxy received, by path. */
  byPath: Record<string, number>;
  /** Body bytes the proxy wrote for endless bodies and bombs (what a client had to take in). */
  hostileBytesSent: number;
  /** Times each misbehaviour fired. */
  fired: Record<string, number>;
  /** What the foreign origin received. */
  foreign: { url: string; authorization: string | undefined }[];
}

export interface HostileProxy {
  /** The proxy's origin: point base_url here. */
  readonly url: string;
  /** An origin nobody configured. */
  readonly foreignUrl: string;
  /** Replaces the current misbehaviour ({} = a transparent proxy); forgets page tracking and zeroes the stats. */
  set(m: Misbehaviour): void;
  stats(): HostileStats;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

function matches(scope: Scoped | undefined, path: string): boolean {
  return scope !== undefined && (scope.path === undefined || scope.path === path);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * `decodedBytes` of a JSON array opening followed by spaces (valid-looking JSON until the very
 * end), gzipped about 1000:1. Compressed a megabyte at a time, so a gigabyte bomb never exists
 * uncompressed here either.
 */
async function buildBomb(decodedBytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = once(gz, 'end');
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = decodedBytes, first = true; left > 0; left -= block.length, first = false) {
    const chunk = Buffer.from(block.subarray(0, Math.min(left, block.length)));
    if (first) chunk[0] = 0x5b;
    if (!gz.write(chunk)) await once(gz, 'drain');
  }
  gz.end();
  await done;
  return Buffer.concat(out);
}

export async function startHostileProxy(opts: { upstream: string; misbehave?: Misbehaviour }): Promise<HostileProxy> {
  const upstream = new URL(opts.upstream);
  let m: Misbehaviour = opts.misbehave ?? {};
  let stats: HostileStats = { byPath: {}, hostileBytesSent: 0, fired: {}, foreign: [] };
  /** Per path: distinct request URLs (path + query) in the order first seen = page numbers. */
  let pages = new Map<string, string[]>();
  const counts = new Map<string, number>();
  let bomb: { decodedBytes: number; body: Buffer } | undefined;
  let self = '';

  const fire = (kind: string): void => {
    stats.fired[kind] = (stats.fired[kind] ?? 0) + 1;
  };
  /** Whether the n-th matching request (1-based) is within `times`. */
  const within = (kind: string, times: number | undefined): boolean => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return times === undefined || n <= times;
  };
  const pageOf = (path: string, pathAndQuery: string): number => {
    const list = pages.get(path) ?? [];
    pages.set(path, list);
    let i = list.indexOf(pathAndQuery);
    if (i === -1) i = list.push(pathAndQuery) - 1;
    return i + 1;
  };
  const dateHeader = (): Record<string, string> => (m.clock ? { Date: new Date(m.clock()).toUTCString() } : {});

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host };
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v === undefined || HOP_BY_HOP.has(k)) continue;
            // Absolute links the upstream builds name its own origin; the client must see ours.
            out[k] = (Array.isArray(v) ? v.join(', ') : v).split(upstream.origin).join(self);
          }
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
      });
      up.on('error', reject);
      up.end(body);
    });
  }

  /** Resolves after `ms`, or as soon as the client hangs up (so a stalled response never outlives its client). */
  function hold(res: ServerResponse, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  function endless(res: ServerResponse): void {
    fire('endlessBody');
    res.writeHead(200, { 'Content-Type': 'application/json', ...dateHeader() });
    const chunk = Buffer.from('{"id":1,"updated_at":"2024-01-01T00:00:00Z","filler":"' + 'x'.repeat(16 * 1024) + '"},');
    let open = true;
    res.once('close', () => (open = false));
    res.write('[');
    const pump = (): void => {
      while (open) {
        stats.hostileBytesSent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }

  async function gzipBomb(res: ServerResponse, decodedBytes: number): Promise<void> {
    fire('gzipBomb');
    if (bomb?.decodedBytes !== decodedBytes) bomb = { decodedBytes, body: await buildBomb(decodedBytes) };
    stats.hostileBytesSent += bomb.body.length;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': bomb.body.length, ...dateHeader() });
    res.end(bomb.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', self);
    const path = url.pathname;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const page = pageOf(path, `${url.pathname}${url.search}`);

    if (matches(m.retryAfter, path) && within('retryAfter', m.retryAfter!.times)) {
      fire('retryAfter');
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(m.retryAfter!.seconds), 'X-RateLimit-Remaining': '0', ...dateHeader() });
      return void res.end('{"errors":["Rate limit exceeded"]}');
    }
    if (matches(m.rateLimitReset, path) && within('rateLimitReset', m.rateLimitReset!.times)) {
      fire('rateLimitReset');
      const reset = Math.ceil((m.clock?.() ?? Date.now()) / 1000 + m.rateLimitReset!.inSeconds);
      res.writeHead(429, { 'Content-Type': 'application/json', 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset), ...dateHeader() });
      return void res.end('{"errors":["Rate limit exceeded"]}');
    }
    if (matches(m.endlessBody, path)) return endless(res);
    if (matches(m.gzipBomb, path)) return await gzipBomb(res, m.gzipBomb!.decodedBytes);
    if (matches(m.slow, path) && page >= (m.slow!.fromPage ?? 1)) {
      fire('slow');
      await hold(res, m.slow!.headersDelayMs);
      if (res.destroyed) return;
    }

    const up = await forward(req, Buffer.concat(chunks));
    let body = up.body;
    const headers = up.headers;
    const link = headers['link'];
    if (link !== undefined && matches(m.cycleNext, path) && page === m.cycleNext!.at) {
      const back = pages.get(path)?.[m.cycleNext!.to - 1];
      if (back !== undefined) {
        fire('cycleNext');
        headers['link'] = `<${self}${back}>; rel="next"`;
      }
    }
    if (link !== undefined && matches(m.foreignNext, path) && page === m.foreignNext!.at) {
      fire('foreignNext');
      headers['link'] = headers['link']!.split(self).join(foreignUrl);
    }
    if (matches(m.mapRecord, path) && up.status === 200 && headers['content-encoding'] === undefined) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (Array.isArray(parsed)) {
        fire('mapRecord');
        body = Buffer.from(JSON.stringify(parsed.map((r, i) => m.mapRecord!.fn(r as Record<string, unknown>, i))));
      }
    }
    res.writeHead(up.status, { ...headers, 'Content-Length': body.length, ...dateHeader() });
    res.end(body);
  }

  const proxy = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`hostile proxy: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  const foreign = createServer((req, res) => {
    stats.foreign.push({ url: req.url ?? '/', authorization: req.headers.authorization });
    // An empty last page: what would end the window early if a client followed the link.
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 });
    res.end('[]');
  });
  self = await listen(proxy);
  const foreignUrl = await listen(foreign);

  return {
    url: self,
    foreignUrl,
    set(next) {
      m = next;
      pages = new Map();
      counts.clear();
      stats = { byPath: {}, hostileBytesSent: 0, fired: {}, foreign: [] };
    },
    stats: () => structuredClone(stats),
    async stop() {
      await Promise.all([close(proxy), close(foreign)]);
      stats = { byPath: {}, hostileBytesSent: 0, fired: {}, foreign: [] };
    },
  };
}
