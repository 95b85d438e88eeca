// The retry policy is a pure function (as in Nango's retry.ts): given what happened on an attempt,
// decide whether to try again, how long to wait, and say why. The client's loop only executes the
// decision, so every branch here is unit-testable without a server or a clock.

import { parseRateLimitHeaders, parseRetryAfter, type HeaderMap } from './rate-limit-headers.ts';

/** What one attempt produced, as far as the retry decision cares. */
export type HttpOutcome =
  | { type: 'response'; status: number; headers: HeaderMap; retrySafe?: boolean }
  | {
      type: 'error';
      kind: 'network' | 'timeout' | 'invalid_body';
      /** ECONNRESET, UND_ERR_SOCKET, … */
      code?: string;
      /** Status of the response whose body turned out invalid. */
      status?: number;
      headers?: HeaderMap;
      /** false for a POST that must not run twice; defaults to true. */
      retrySafe?: boolean;
    };

export type RetryDecision =
  /** `serverWaitMs`: the wait the server asked for, when giving up because it is beyond maxServerWaitMs. */
  | { retry: false; reason: string; serverWaitMs?: number; serverWaitSource?: 'retry_after' | 'rate_limit_reset' }
  | { retry: true; reason: string; waitMs: number };

export interface RetryOptions {
  /** Total attempts including the first. Default 8. */
  maxAttempts?: number;
  /** Backoff ceiling for attempt 1; doubles each attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap on computed backoff. Default 30 s. */
  maxDelayMs?: number;
  /**
   * Longest server-requested wait (Retry-After / reset) we accept; beyond it we give up rather than
   * sleep for an hour inside a run. Default 15 min.
   */
  maxServerWaitMs?: number;
  /** Statuses worth another attempt. Default 408, 429, 500, 502, 503, 504 and Cloudflare's 520–524. */
  retryStatuses?: readonly number[];
  /** Injected for tests; must return [0, 1). */
  random?: () => number;
  now?: () => number;
}

export const DEFAULT_RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524];

// Failures that will not heal by waiting: a misspelt host or a bad certificate should fail fast
// instead of burning eight attempts of backoff.
const PERMANENT_CODES = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UND_ERR_INVALID_ARG',
]);

// The request never reached the server, so even a non-idempotent POST can be sent again.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

/**
 * Decides what to do after attempt number `attempt` (1-based) produced `outcome`.
 *
 * @example
 *   decideRetry(1, { type: 'response', status: 429, headers: { 'retry-after': '2' } })
 *   // → { retry: true, reason: 'status_429:retry_after', waitMs: 2000 }
 */
export function decideRetry(attempt: number, outcome: HttpOutcome, opts: RetryOptions = {}): RetryDecision {
  const maxAttempts = opts.maxAttempts ?? 8;
  const retryStatuses = opts.retryStatuses ?? DEFAULT_RETRY_STATUSES;
  const now = (opts.now ?? Date.now)();

  let cause: string;
  let sentToServer = true;
  if (outcome.type === 'response') {
    if (outcome.status < 300) return { retry: false, reason: 'success' };
    if (!retryStatuses.includes(outcome.status)) return { retry: false, reason: `not_retryable_status_${outcome.status}` };
    cause = `status_${outcome.status}`;
    // A 429 is a refusal before any work was done.
    if (outcome.status === 429) sentToServer = false;
  } else if (outcome.kind === 'network') {
    if (outcome.code && PERMANENT_CODES.has(outcome.code)) return { retry: false, reason: `not_retryable_error_${outcome.code}` };
    cause = `network_${outcome.code ?? 'error'}`;
    if (outcome.code && NOT_SENT_CODES.has(outcome.code)) sentToServer = false;
  } else {
    cause = outcome.kind;
  }

  if (outcome.retrySafe === false && sentToServer) return { retry: false, reason: `not_retry_safe:${cause}` };
  if (attempt >= maxAttempts) return { retry: false, reason: `max_attempts:${cause}` };

  const is429 = outcome.type === 'response' && outcome.status === 429;
  const serverWait = outcome.headers ? serverRequestedWait(outcome.headers, now, is429) : undefined;
  if (serverWait !== undefined) {
    if (serverWait.ms > (opts.maxServerWaitMs ?? 15 * 60_000)) {
      return { retry: false, reason: `server_wait_too_long:${cause}`, serverWaitMs: serverWait.ms, serverWaitSource: serverWait.source };
    }
    return { retry: true, reason: `${cause}:${serverWait.source}`, waitMs: serverWait.ms };
  }
  return { retry: true, reason: `${cause}:backoff`, waitMs: backoffMs(attempt, opts) };
}

/** Full jitter (AWS): uniform in [0, min(cap, base·2^(attempt−1))), so retrying clients spread out. */
export function backoffMs(attempt: number, opts: RetryOptions = {}): number {
  const base = opts.baseDelayMs ?? 500;
  const cap = opts.maxDelayMs ?? 30_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor((opts.random ?? Math.random)() * ceiling);
}

/**
 * The wait the server asked for: `Retry-After`, or the rate-limit reset when the window is spent.
 * With both, the longer wins: retrying before the window resets only earns another 429.
 */
function serverRequestedWait(headers: HeaderMap, now: number, is429: boolean): { ms: number; source: 'retry_after' | 'rate_limit_reset' } | undefined {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  const rl = parseRateLimitHeaders(headers, now);
  // A reset time alone says nothing about a 500; it matters when the window is known to be spent.
  const spent = rl.remaining !== undefined ? rl.remaining <= 0 : is429;
  const resetWait = rl.resetAt !== undefined && spent ? Math.max(0, rl.resetAt - now) : undefined;
  if (retryAfter !== undefined && (resetWait === undefined || retryAfter >= resetWait)) return { ms: retryAfter, source: 'retry_after' };
  if (resetWait !== undefined) return { ms: resetWait, source: 'rate_limit_reset' };
  return undefined;
}
