// OAuth 2.0 client-credentials tokens (Greenhouse Harvest v3: POST https://auth.greenhouse.io/token
// with HTTP Basic client_id:client_secret and `grant_type=client_credentials&sub=<user id>`).
// The token is cached and shared: one in-flight fetch serves every concurrent caller, it is
// renewed shortly before it expires, and once more when the API answers 401 anyway (revoked,
// clock skew). The token endpoint goes through our own HttpClient so it gets the same timeouts,
// retries of transient failures, and redaction as every other call.

import { getGlobalDispatcher, type Dispatcher } from 'undici';
import type { AuthProvider } from './auth.ts';
import { HttpClient } from './client.ts';
import { HttpError } from './errors.ts';
import { defaultRedactor, type Redactor } from './redact.ts';
import type { RetryOptions } from './retry.ts';
import { abortable } from './sleep.ts';

export interface OAuthClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra form fields, e.g. `{ sub: '<greenhouse user id>' }`. */
  form?: Record<string, string>;
  scope?: string;
  /** Default: undici's global dispatcher (so nothing here needs closing). */
  dispatcher?: Dispatcher;
  /** Epoch ms; injected in tests. */
  clock?: () => number;
  redactor?: Redactor;
  /** Default 30 s. */
  timeoutMs?: number;
  /** For the token request itself; default 3 attempts. */
  retry?: RetryOptions;
  userAgent?: string;
}

export interface OAuthClientCredentials extends AuthProvider {
  onUnauthorized(rejected: Readonly<Record<string, string>>): Promise<boolean>;
  /** Drops the cached token; the next request fetches a new one. */
  invalidate(): void;
}

interface CachedToken {
  value: string;
  /** When we stop using it; ahead of the real expiry. Infinity when the server gave none. */
  refreshAt: number;
}

// Renew at most this far ahead of expiry, or 10% of the lifetime for short-lived tokens, so a token
// cannot expire between headers() and the server checking it.
const MAX_REFRESH_AHEAD_MS = 60_000;

/**
 * @example
 *   const auth = oauthClientCredentials({
 *     tokenUrl: 'https://auth.greenhouse.io/token', clientId, clientSecret, form: { sub: userId },
 *   });
 *   const http = new HttpClient({ baseUrl: 'https://harvest.greenhouse.io/v3', auth });
 */
export function oauthClientCredentials(opts: OAuthClientCredentialsOptions): OAuthClientCredentials {
  const clock = opts.clock ?? Date.now;
  const redactor = opts.redactor ?? defaultRedactor;
  const basic = Buffer.from(`${opts.clientId}:${opts.clientSecret}`, 'utf8').toString('base64');
  redactor.add(opts.clientSecret, basic);
  const http = new HttpClient({
    dispatcher: opts.dispatcher ?? getGlobalDispatcher(),
    redactor,
    timeoutMs: opts.timeoutMs ?? 30_000,
    retry: { maxAttempts: 3, ...opts.retry },
    rateLimit: { concurrency: 1 },
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
  });

  let cached: CachedToken | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...opts.form });
    if (opts.scope) form.set('scope', opts.scope);
    const requestedAt = clock();
    let json: unknown;
    try {
      const res = await http.request({
        method: 'POST',
        url: opts.tokenUrl,
        headers: { authorization: `Basic ${basic}` },
        body: form,
        retrySafe: true,
      });
      json = res.json;
    } catch (err) {
      // A refused grant is a credentials problem, whatever status the server picked for it.
      // Transient failures keep their kind so the run can be retried later.
      if (err instanceof HttpError && !err.transient) {
        throw new HttpError(
          {
            kind: 'auth',
            method: 'POST',
            url: opts.tokenUrl,
            attempts: err.attempts,
            ...(err.status !== undefined ? { status: err.status } : {}),
            ...(err.bodySnippet !== undefined ? { body: err.bodySnippet } : { detail: 'token request refused' }),
            ...(err.reason !== undefined ? { reason: err.reason } : {}),
          },
          redactor,
        );
      }
      throw err;
    }
    const body = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    const token = body['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw new HttpError({ kind: 'auth', method: 'POST', url: opts.tokenUrl, attempts: 1, detail: 'token response has no access_token' }, redactor);
    }
    redactor.add(token, typeof body['refresh_token'] === 'string' ? body['refresh_token'] : undefined);
    cached = { value: token, refreshAt: refreshAt(body, requestedAt) };
    return token;
  }

  function current(): Promise<string> {
    if (cached && clock() < cached.refreshAt) return Promise.resolve(cached.value);
    inflight ??= fetchToken().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    async headers(o = {}) {
      // The fetch is shared by every caller, so one caller's abort stops its wait, not the fetch.
      return { authorization: `Bearer ${await abortable(current(), o.signal)}` };
    },
    async onUnauthorized(rejected) {
      const sent = /^Bearer\s+(.+)$/i.exec(rejected['authorization'] ?? '')?.[1];
      // Another request already replaced the token this one was sent with: just retry with the new one.
      if (cached && sent !== undefined && sent !== cached.value) return true;
      cached = undefined;
      await current();
      return true;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Accepts `expires_at` (ISO datetime or epoch seconds, Greenhouse) or `expires_in` (seconds, RFC 6749). */
function refreshAt(body: Record<string, unknown>, requestedAt: number): number {
  let expiresAt: number | undefined;
  const at = body['expires_at'];
  const inSecs = body['expires_in'];
  if (typeof at === 'string' && at !== '') {
    const parsed = /^\d+(\.\d+)?$/.test(at) ? Number(at) * 1000 : Date.parse(at);
    if (!Number.isNaN(parsed)) expiresAt = parsed;
  } else if (typeof at === 'number') {
    expiresAt = at * 1000;
  }
  if (expiresAt === undefined && (typeof inSecs === 'number' || (typeof inSecs === 'string' && inSecs !== ''))) {
    const n = Number(inSecs);
    // Counted from when we asked, not when we got the answer: errs on the early side.
    if (Number.isFinite(n)) expiresAt = requestedAt + n * 1000;
  }
  if (expiresAt === undefined) return Number.POSITIVE_INFINITY;
  const lifetime = Math.max(0, expiresAt - requestedAt);
  return expiresAt - Math.min(MAX_REFRESH_AHEAD_MS, lifetime * 0.1);
}
