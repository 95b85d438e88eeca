// The retry policy as a pure function, Nango retry.unit.test.ts style: outcome in, exact decision out.

import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, type HttpOutcome } from '../../src/http/index.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const opts = { now: () => NOW, random: () => 0.5 };
const status = (s: number, headers: Record<string, string> = {}): HttpOutcome => ({ type: 'response', status: s, headers });

describe('decideRetry', () => {
  it('honours Retry-After in seconds', () => {
    expect(decideRetry(1, status(429, { 'retry-after': '7' }), opts)).toEqual({ retry: true, reason: 'status_429:retry_after', waitMs: 7000 });
  });

  it('honours Retry-After as an HTTP date', () => {
    const at = new Date(NOW + 12_000).toUTCString();
    expect(decideRetry(1, status(429, { 'retry-after': at }), opts)).toEqual({ retry: true, reason: 'status_429:retry_after', waitMs: 12_000 });
  });

  it('treats a Retry-After date in the past as "now"', () => {
    const at = new Date(NOW - 5000).toUTCString();
    expect(decideRetry(1, status(503, { 'retry-after': at }), opts)).toEqual({ retry: true, reason: 'status_503:retry_after', waitMs: 0 });
  });

  it('waits for X-RateLimit-Reset given as epoch seconds', () => {
    const reset = String((NOW + 9000) / 1000);
    expect(decideRetry(2, status(429, { 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '0' }), opts)).toEqual({
      retry: true,
      reason: 'status_429:rate_limit_reset',
      waitMs: 9000,
    });
  });

  it('reads a small X-RateLimit-Reset as seconds from now, and epoch milliseconds by magnitude', () => {
    expect(decideRetry(1, status(429, { 'x-ratelimit-reset': '4' }), opts)).toMatchObject({ retry: true, waitMs: 4000 });
    expect(decideRetry(1, status(429, { 'x-ratelimit-reset': String(NOW + 2500) }), opts)).toMatchObject({ retry: true, waitMs: 2500 });
  });

  it('takes the longer of Retry-After and the window reset', () => {
    const reset = String((NOW + 20_000) / 1000);
    expect(decideRetry(1, status(429, { 'retry-after': '3', 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '0' }), opts)).toMatchObject({
      waitMs: 20_000,
      reason: 'status_429:rate_limit_reset',
    });
  });

  it('ignores a reset header on a 5xx when the window is not spent', () => {
    const reset = String((NOW + 20_000) / 1000);
    expect(decideRetry(1, status(500, { 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '12' }), opts)).toEqual({
      retry: true,
      reason: 'status_500:backoff',
      waitMs: 250,
    });
  });

  it('backs off exponentially with full jitter when the server gives no hint', () => {
    for (const [attempt, ceiling] of [
      [1, 500],
      [2, 1000],
      [3, 2000],
      [4, 4000],
    ] as const) {
      expect(decideRetry(attempt, status(502), { random: () => 0.999999 })).toMatchObject({ retry: true, reason: 'status_502:backoff' });
      expect(backoffMs(attempt, { random: () => 0 })).toBe(0);
      expect(backoffMs(attempt, { random: () => 0.999999 })).toBe(ceiling - 1);
      expect(backoffMs(attempt, { random: () => 0.5 })).toBe(ceiling / 2);
    }
  });

  it('keeps every jittered wait within [0, cap)', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let attempt = 1; attempt <= 7; attempt++) {
      for (let i = 0; i < 200; i++) {
        const d = decideRetry(attempt, { type: 'error', kind: 'network', code: 'ECONNRESET' }, { random, maxDelayMs: 3000 });
        expect(d.retry).toBe(true);
        if (d.retry) {
          expect(d.waitMs).toBeGreaterThanOrEqual(0);
          expect(d.waitMs).toBeLessThan(Math.min(3000, 500 * 2 ** (attempt - 1)));
        }
      }
    }
  });

  it('caps backoff at maxDelayMs', () => {
    expect(backoffMs(30, { random: () => 0.999999, maxDelayMs: 30_000 })).toBe(29_999);
  });

  it('stops after maxAttempts (default 8)', () => {
    expect(decideRetry(7, status(503), opts).retry).toBe(true);
    expect(decideRetry(8, status(503), opts)).toEqual({ retry: false, reason: 'max_attempts:status_503' });
    expect(decideRetry(3, status(503), { ...opts, maxAttempts: 3 })).toEqual({ retry: false, reason: 'max_attempts:status_503' });
  });

  it.each([400, 401, 403, 404, 422])('never retries %i', (s) => {
    expect(decideRetry(1, status(s, { 'retry-after': '1' }), opts)).toEqual({ retry: false, reason: `not_retryable_status_${s}` });
  });

  it('reports success as not retrying', () => {
    expect(decideRetry(1, status(200), opts)).toEqual({ retry: false, reason: 'success' });
  });

  it('retries 500/502/503/504, timeouts, socket errors and invalid bodies', () => {
    for (const s of [500, 502, 503, 504]) expect(decideRetry(1, status(s), opts)).toMatchObject({ retry: true, reason: `status_${s}:backoff` });
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ETIMEDOUT']) {
      expect(decideRetry(1, { type: 'error', kind: 'network', code }, opts)).toMatchObject({ retry: true, reason: `network_${code}:backoff` });
    }
    expect(decideRetry(1, { type: 'error', kind: 'timeout' }, opts)).toMatchObject({ retry: true, reason: 'timeout:backoff' });
    expect(decideRetry(1, { type: 'error', kind: 'invalid_body', status: 200, headers: {} }, opts)).toMatchObject({
      retry: true,
      reason: 'invalid_body:backoff',
    });
  });

  it('fails fast on errors that waiting cannot fix', () => {
    expect(decideRetry(1, { type: 'error', kind: 'network', code: 'ENOTFOUND' }, opts)).toEqual({ retry: false, reason: 'not_retryable_error_ENOTFOUND' });
  });

  it('does not resend a POST that may have been processed unless it is retry-safe', () => {
    expect(decideRetry(1, { type: 'response', status: 503, headers: {}, retrySafe: false }, opts)).toEqual({
      retry: false,
      reason: 'not_retry_safe:status_503',
    });
    expect(decideRetry(1, { type: 'error', kind: 'network', code: 'ECONNRESET', retrySafe: false }, opts).retry).toBe(false);
    // Refused before any work was done: safe to send again.
    expect(decideRetry(1, { type: 'response', status: 429, headers: { 'retry-after': '1' }, retrySafe: false }, opts).retry).toBe(true);
    expect(decideRetry(1, { type: 'error', kind: 'network', code: 'ECONNREFUSED', retrySafe: false }, opts).retry).toBe(true);
    expect(decideRetry(1, { type: 'response', status: 503, headers: {}, retrySafe: true }, opts).retry).toBe(true);
  });

  it('gives up when the server asks for an unreasonably long wait', () => {
    expect(decideRetry(1, status(429, { 'retry-after': '7200' }), opts)).toEqual({
      retry: false,
      reason: 'server_wait_too_long:status_429',
      serverWaitMs: 7_200_000,
      serverWaitSource: 'retry_after',
    });
    expect(decideRetry(1, status(429, { 'retry-after': '7200' }), { ...opts, maxServerWaitMs: 3 * 3600_000 }).retry).toBe(true);
  });
});
