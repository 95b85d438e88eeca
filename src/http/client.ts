// The one HTTP client every extractor shares. Each attempt passes, in order, through the origin
// check (credentials go to the configured API origin only), the rate limiter (a slot and the
// window), the auth provider (fresh headers), undici (with a deadline covering headers and the
// whole body, and a cap on its size), body verification, and the pure retry policy. Nothing here
// knows about any vendor; vendor facts arrive as options (rate limit, auth, paginator).

import { AsyncResource } from 'node:async_hooks';
import { Agent, type Dispatcher } from 'undici';
import type { AuthProvider } from './auth.ts';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, InvalidBodyError, errorCode, readBody } from './body.ts';
import { HttpError, kindForStatus, type HttpErrorKind } from './errors.ts';
import type { ResponseInspector } from './inspect.ts';
import { paginate, type Page, type PaginateOptions, type Paginator } from './paginate.ts';
import {
  DEFAULT_MAX_SERVER_WAIT_MS,
  RateLimiter,
  RateLimitWaitTooLong,
  waitTooLongMessage,
  type LongWait,
  type RateLimitOptions,
  type RateLimiterStats,
  type RateLimitWait,
} from './rate-limiter.ts';
import { defaultRedactor, type Redactor } from './redact.ts';
import { decideRetry, type HttpOutcome, type RetryOptions } from './retry.ts';
import { abortReason, clampTimer, sleep } from './sleep.ts';
import type {
  HttpClientStats,
  HttpEvent,
  HttpMethod,
  HttpRequest,
  HttpRequester,
  HttpResponse,
  RequestOptions,
} from './types.ts';
import { appendQuery, originOf, resolveUrl } from './url.ts';

export interface HttpClientOptions {
  /** Prefix for relative request URLs, e.g. `https://harvest.greenhouse.io/v3`. */
  baseUrl?: string;
  /** Default `hirelake`. Some vendors ask for a contact in it. */
  userAgent?: string;
  /** Deadline per attempt for headers and the complete body. Default 60 s. */
  timeoutMs?: number;
  /** Pacing options, or a limiter shared with other clients that use the same API key. */
  rateLimit?: RateLimitOptions | RateLimiter;
  auth?: AuthProvider;
  retry?: RetryOptions;
  redactor?: Redactor;
  /** Run-log hook; exceptions thrown by it are ignored. */
  onEvent?: (e: HttpEvent) => void;
  /** Injected in tests (or to share a connection pool); not closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Sent on every request (e.g. Ashby's `Ashby-Version`); request headers override them. */
  headers?: Record<string, string>;
  /** Ask for gzip/br bodies. Default true: ATS pages shrink ~10× and we decode them ourselves. */
  compression?: boolean;
  /** Reads bodies for what their status hides (SOAP faults travel as 500s); see inspect.ts. */
  inspect?: ResponseInspector;
  /**
   * Origins requests may go to. Default: the origin of `baseUrl` (any origin when there is no
   * baseUrl). A request elsewhere (a next-page link naming another host) fails before it is
   * sent, so credentials never reach a host nobody configured.
   */
  allowedOrigins?: readonly string[];
  /** Cap on a response body after decompression; larger ones fail at once (kind too_large). Default 64 MiB. */
  maxResponseBytes?: number;
}

/** One attempt's result before the retry decision. */
type Attempt =
  | { type: 'response'; status: number; headers: Record<string, string>; text: string; json: unknown; bytes: number }
  | {
      type: 'failure';
      kind: 'network' | 'timeout' | 'invalid_body' | 'too_large';
      detail: string;
      code?: string;
      status?: number;
      headers?: Record<string, string>;
      bytes: number;
    };

// Identity-checked to tell our deadline apart from a caller's abort or an undici error.
class DeadlineExceeded extends Error {}

export class HttpClient implements HttpRequester {
  readonly #baseUrl: string | undefined;
  readonly #timeoutMs: number;
  readonly #limiter: RateLimiter;
  readonly #auth: AuthProvider | undefined;
  readonly #retry: RetryOptions;
  readonly #redactor: Redactor;
  readonly #onEvent: ((e: HttpEvent) => void) | undefined;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #defaultHeaders: Record<string, string>;
  readonly #inspect: ResponseInspector | undefined;
  readonly #allowedOrigins: ReadonlySet<string> | undefined;
  readonly #maxResponseBytes: number;
  readonly #stats: HttpClientStats = { requests: 0, retries: 0, rateLimitWaits: 0, bytes: 0 };

  constructor(opts: HttpClientOptions = {}) {
    this.#baseUrl = opts.baseUrl;
    this.#timeoutMs = opts.timeoutMs ?? 60_000;
    // The limiter accepts server-requested waits up to the same cap as the retry policy.
    this.#limiter =
      opts.rateLimit instanceof RateLimiter
        ? opts.rateLimit
        : new RateLimiter({ maxWaitMs: opts.retry?.maxServerWaitMs ?? DEFAULT_MAX_SERVER_WAIT_MS, ...opts.rateLimit });
    this.#auth = opts.auth;
    this.#retry = opts.retry ?? {};
    this.#redactor = opts.redactor ?? defaultRedactor;
    this.#onEvent = opts.onEvent;
    const concurrency = opts.rateLimit instanceof RateLimiter ? undefined : opts.rateLimit?.concurrency;
    this.#ownsDispatcher = opts.dispatcher === undefined;
    this.#dispatcher =
      opts.dispatcher ??
      new Agent({
        keepAliveTimeout: 10_000,
        // One socket per concurrent request; more would only idle.
        connections: concurrency !== undefined && Number.isFinite(concurrency) ? concurrency : 4,
      });
    this.#inspect = opts.inspect;
    const origins = opts.allowedOrigins ?? (opts.baseUrl ? [opts.baseUrl] : undefined);
    this.#allowedOrigins = origins && new Set(origins.map((o) => originOf(o)));
    this.#maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#defaultHeaders = lowerKeys({
      'user-agent': opts.userAgent ?? 'hirelake',
      ...(opts.compression === false ? {} : { 'accept-encoding': 'gzip, deflate, br' }),
      ...opts.headers,
    });
  }

  get limiter(): RateLimiter {
    return this.#limiter;
  }

  /** Whether `url` (absolute, or relative to baseUrl) may be requested: its origin is one configured. */
  allows(url: string): boolean {
    if (!this.#allowedOrigins) return true;
    try {
      return this.#allowedOrigins.has(originOf(resolveUrl(url, this.#baseUrl)));
    } catch {
      return false;
    }
  }

  /** The origins requests may go to, for error messages; undefined when any is allowed. */
  get allowedOrigins(): readonly string[] | undefined {
    return this.#allowedOrigins && [...this.#allowedOrigins];
  }

  /**
   * Sends `req`, retrying transient failures per the retry policy, and resolves with a 2xx response
   * whose body was read completely (and parsed, for `expect: 'json'`). Anything else rejects with
   * an {@link HttpError}; a caller abort rejects with the signal's reason.
   */
  async request(req: HttpRequest, opts: RequestOptions = {}): Promise<HttpResponse> {
    const method: HttpMethod = req.method ?? 'GET';
    const url = appendQuery(resolveUrl(req.url, this.#baseUrl), req.query);
    const safeUrl = this.#redactor.redact(url);
    const retrySafe = method === 'GET' || req.retrySafe === true;
    const expect = req.expect ?? 'json';
    const { signal } = opts;
    let refreshedAfter401 = false;
    if (!this.allows(url)) {
      throw new HttpError(
        {
          kind: 'foreign_origin',
          method,
          url,
          attempts: 0,
          detail: `not sent: credentials go only to ${[...this.#allowedOrigins!].join(', ')}`,
        },
        this.#redactor,
      );
    }

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      const started = Date.now();
      const sent = await this.#attempt(method, url, safeUrl, req, expect, attempt, signal);
      const sentAuth = sent.auth;
      let result = sent.result;
      this.#stats.bytes += result.bytes;
      const serverTime = result.headers?.['date'] !== undefined ? Date.parse(result.headers['date']) : Number.NaN;
      this.#emit({
        type: 'request',
        method,
        url: safeUrl,
        attempt,
        ...(result.type === 'response' || result.status !== undefined ? { status: result.status } : {}),
        ...(result.type === 'failure' ? { reason: result.code ? `${result.kind}:${result.code}` : result.kind } : {}),
        durationMs: Date.now() - started,
        bytes: result.bytes,
        ...(Number.isFinite(serverTime) ? { serverTime } : {}),
      });

      if (result.type === 'failure' && result.kind === 'too_large') {
        // Final: another attempt would download the same oversized body again.
        throw this.#error(method, url, attempt, result, 'too_large');
      }

      if (result.type === 'response' && this.#inspect) {
        const verdict = this.#inspect(result);
        if (verdict?.action === 'fail') {
          throw new HttpError(
            { kind: verdict.kind, method, url, attempts: attempt, status: result.status, detail: verdict.detail, body: result.text, reason: 'inspected' },
            this.#redactor,
          );
        }
        if (verdict?.action === 'retry') {
          result = { type: 'failure', kind: 'invalid_body', detail: verdict.detail, status: result.status, headers: result.headers, bytes: result.bytes };
        }
      }

      if (result.type === 'response' && result.status >= 200 && result.status < 300) {
        return {
          method,
          status: result.status,
          headers: result.headers,
          text: result.text,
          json: result.json,
          url,
          attempts: attempt,
          bytes: result.bytes,
        };
      }

      if (result.type === 'response' && result.status === 401 && this.#auth?.onUnauthorized && !refreshedAfter401) {
        refreshedAfter401 = true;
        this.#emit({ type: 'auth_refresh', method, url: safeUrl, attempt, status: 401, reason: 'unauthorized' });
        if (await this.#auth.onUnauthorized(sentAuth)) continue;
      } else if (!(result.type === 'response' && result.status === 401)) {
        // "Twice in a row" means with nothing else in between.
        refreshedAfter401 = false;
      }

      const outcome: HttpOutcome =
        result.type === 'response'
          ? { type: 'response', status: result.status, headers: result.headers, retrySafe }
          : {
              type: 'error',
              // too_large was thrown above.
              kind: result.kind as Exclude<typeof result.kind, 'too_large'>,
              retrySafe,
              ...(result.code !== undefined ? { code: result.code } : {}),
              ...(result.status !== undefined ? { status: result.status } : {}),
              ...(result.headers !== undefined ? { headers: result.headers } : {}),
            };
      const decision = decideRetry(attempt, outcome, this.#retry);
      if (!decision.retry && decision.serverWaitMs !== undefined) {
        const source = decision.serverWaitSource === 'rate_limit_reset' ? 'rate-limit reset' : 'Retry-After';
        const detail = waitTooLongMessage(source, decision.serverWaitMs, this.#retry.maxServerWaitMs ?? DEFAULT_MAX_SERVER_WAIT_MS);
        throw new HttpError({ kind: 'rate_limited', method, url, attempts: attempt, ...(result.status !== undefined ? { status: result.status } : {}), detail, reason: decision.reason }, this.#redactor);
      }
      if (!decision.retry) throw this.#error(method, url, attempt, result, decision.reason);

      this.#stats.retries++;
      if (result.type === 'response' && result.status === 429) this.#limiter.pauseFor(decision.waitMs);
      this.#emit({
        type: 'retry',
        method,
        url: safeUrl,
        attempt,
        ...(result.status !== undefined ? { status: result.status } : {}),
        reason: decision.reason,
        waitMs: decision.waitMs,
      });
      await sleep(decision.waitMs, signal);
    }
  }

  /** Walks pages; see {@link paginate}. */
  paginate<T>(first: HttpRequest, paginator: Paginator<T>, opts: PaginateOptions = {}): AsyncGenerator<Page<T>> {
    return paginate(this, first, paginator, opts);
  }

  stats(): HttpClientStats & { rateLimiter: RateLimiterStats } {
    return { ...this.#stats, rateLimiter: this.#limiter.stats() };
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /** One attempt through the limiter; a server-requested wait beyond the cap fails it as rate_limited. */
  async #attempt(
    method: HttpMethod,
    url: string,
    safeUrl: string,
    req: HttpRequest,
    expect: 'json' | 'text',
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<{ result: Attempt; auth: Record<string, string> }> {
    let auth: Record<string, string> = {};
    try {
      const result = await this.#limiter.run(
        async (permit) => {
          // Fetched per attempt and after queueing, so a token that expired while we waited for
          // the window is refreshed before use.
          auth = this.#auth ? lowerKeys(await this.#auth.headers(signal ? { signal } : {})) : {};
          this.#registerSecrets(auth);
          this.#stats.requests++;
          const a = await this.#send(method, url, req, expect, auth, signal);
          if (a.headers && (a.type === 'response' || a.status !== undefined)) permit.observe(a.status ?? 0, a.headers);
          return a;
        },
        {
          ...(signal ? { signal } : {}),
          // The limiter calls these from whichever request's turn woke it: bound here, they report
          // in this request's async context (the run log attributes events to streams by it).
          onWait: AsyncResource.bind((w: RateLimitWait) => this.#onRateLimitWait(w, method, safeUrl, attempt)),
          onLongWait: AsyncResource.bind((w: LongWait) => this.#onLongWait(w, method, safeUrl, attempt)),
        },
      );
      return { result, auth };
    } catch (err) {
      if (!(err instanceof RateLimitWaitTooLong)) throw err;
      throw new HttpError({ kind: 'rate_limited', method, url, attempts: attempt - 1, detail: err.message, reason: 'server_wait_too_long' }, this.#redactor);
    }
  }

  async #send(
    method: HttpMethod,
    url: string,
    req: HttpRequest,
    expect: 'json' | 'text',
    authHeaders: Record<string, string>,
    callerSignal: AbortSignal | undefined,
  ): Promise<Attempt> {
    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    const deadline = new DeadlineExceeded(`no complete response within ${timeoutMs} ms`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(deadline), clampTimer(timeoutMs));
    const onCallerAbort = (): void => controller.abort(abortReason(callerSignal));
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    const headers: Record<string, string> = { ...this.#defaultHeaders };
    if (expect === 'json') headers['accept'] = 'application/json';
    if (req.body !== undefined) {
      headers['content-type'] = typeof req.body === 'string' ? 'application/json' : 'application/x-www-form-urlencoded';
    }
    Object.assign(headers, authHeaders, lowerKeys(req.headers ?? {}));

    let status: number | undefined;
    let resHeaders: Record<string, string> | undefined;
    let bytes = 0;
    try {
      const target = new URL(url);
      const res = await this.#dispatcher.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method,
        headers,
        body: req.body === undefined ? null : req.body.toString(),
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      resHeaders = flattenHeaders(res.headers);
      const ok = status >= 200 && status < 300;
      let text: string;
      try {
        const body = await readBody(res.body, resHeaders, this.#maxResponseBytes);
        bytes = body.wireBytes;
        text = body.data.toString('utf8');
      } catch (err) {
        if (err instanceof BodyTooLargeError && ok) return failure('too_large', err.message, { status, headers: resHeaders, bytes });
        // An error response whose body broke (or was too large to read) is still that error response.
        if (!ok && !controller.signal.aborted) return { type: 'response', status, headers: resHeaders, text: '', json: undefined, bytes };
        throw err;
      }
      if (!ok || expect === 'text') return { type: 'response', status, headers: resHeaders, text, json: undefined, bytes };
      if (text === '') {
        if (status === 204) return { type: 'response', status, headers: resHeaders, text, json: null, bytes };
        return failure('invalid_body', 'empty body where JSON was expected', { status, headers: resHeaders, bytes });
      }
      try {
        return { type: 'response', status, headers: resHeaders, text, json: JSON.parse(text), bytes };
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return failure('invalid_body', `invalid JSON (${text.length} chars): ${why}`, { status, headers: resHeaders, bytes });
      }
    } catch (err) {
      const where = { ...(status !== undefined ? { status } : {}), ...(resHeaders ? { headers: resHeaders } : {}), bytes };
      if (controller.signal.aborted && controller.signal.reason === deadline) return failure('timeout', deadline.message, where);
      if (callerSignal?.aborted) throw abortReason(callerSignal);
      if (err instanceof InvalidBodyError) return failure('invalid_body', err.detail, { ...where, ...(err.code ? { code: err.code } : {}) });
      const code = errorCode(err);
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return failure('timeout', deadline.message, { ...where, code });
      const message = err instanceof Error ? err.message : String(err);
      return failure('network', message, { ...where, ...(code ? { code } : {}) });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  #error(method: HttpMethod, url: string, attempts: number, a: Attempt, reason: string): HttpError {
    const base = { method, url, attempts, reason };
    if (a.type === 'response') {
      return new HttpError({ ...base, kind: kindForStatus(a.status), status: a.status, body: a.text }, this.#redactor);
    }
    const kind: HttpErrorKind = a.kind;
    return new HttpError(
      { ...base, kind, detail: a.detail, ...(a.status !== undefined ? { status: a.status } : {}), ...(a.code ? { code: a.code } : {}) },
      this.#redactor,
    );
  }

  #onLongWait(w: LongWait, method: HttpMethod, url: string, attempt: number): void {
    this.#emit({ type: 'wait', method, url, attempt, reason: w.reason, ...(w.waitMs !== undefined ? { waitMs: w.waitMs } : {}) });
  }

  #onRateLimitWait(w: RateLimitWait, method: HttpMethod, url: string, attempt: number): void {
    this.#stats.rateLimitWaits++;
    this.#emit({ type: 'rate_limit_wait', method, url, attempt, reason: w.reason, waitMs: w.waitMs });
  }

  // Learns secrets from what is actually sent, so an auth provider registered with a different
  // redactor (or none) still cannot leak through this client's errors and events.
  #registerSecrets(authHeaders: Record<string, string>): void {
    for (const v of Object.values(authHeaders)) {
      const m = /^\s*(Basic|Bearer)\s+(\S+)\s*$/i.exec(v);
      const token = m?.[2] ?? v;
      this.#redactor.add(token);
      if (m?.[1]?.toLowerCase() === 'basic') {
        // The API key itself is the user part (Greenhouse v1, Lever, Ashby).
        const decoded = Buffer.from(token, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon !== -1) this.#redactor.add(decoded.slice(0, colon), decoded.slice(colon + 1));
      }
    }
  }

  #emit(e: HttpEvent): void {
    if (!this.#onEvent) return;
    try {
      this.#onEvent(e);
    } catch {
      // A broken log sink must not fail a sync.
    }
  }
}

function failure(
  kind: 'network' | 'timeout' | 'invalid_body' | 'too_large',
  detail: string,
  extra: { code?: string; status?: number; headers?: Record<string, string>; bytes: number },
): Attempt {
  return { type: 'failure', kind, detail, ...extra };
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function lowerKeys(h: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}
