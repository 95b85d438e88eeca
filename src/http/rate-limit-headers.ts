// Reads the server's own view of its rate limit. Shared by the retry policy (how long to wait after
// a 429) and the rate limiter (how much of the window is left), so both agree on what a header means.

/** Header maps in this module are lower-cased (as undici delivers them). */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** When the server's window resets, as epoch milliseconds on our clock. */
  resetAt?: number;
}

// Below this a reset value cannot be an epoch (it would be before 2001), so it is a delay in seconds
// (IETF RateLimit-Reset and some vendors). Above 1e12 it is an epoch in milliseconds.
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MILLIS_MIN = 1e12;

const LIMIT_HEADERS = ['x-ratelimit-limit', 'ratelimit-limit', 'x-rate-limit-limit'] as const;
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'ratelimit-remaining', 'x-rate-limit-remaining'] as const;
const RESET_HEADERS = ['x-ratelimit-reset', 'ratelimit-reset', 'x-rate-limit-reset'] as const;

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A reset header value as an absolute epoch-ms instant on our clock. */
export function parseResetValue(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n >= EPOCH_MILLIS_MIN) return Math.round(n);
    if (n >= EPOCH_SECONDS_MIN) return Math.round(n * 1000);
    return now + Math.round(n * 1000);
  }
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : at;
}

function firstNumber(headers: HeaderMap, names: readonly string[]): number | undefined {
  for (const n of names) {
    const raw = headers[n];
    if (raw === undefined) continue;
    // Some servers list several policies ("100, 100;w=60"); the first is the binding one.
    const num = Number.parseFloat(raw.split(',')[0] ?? '');
    if (Number.isFinite(num)) return num;
  }
  return undefined;
}

export function parseRateLimitHeaders(headers: HeaderMap, now: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = firstNumber(headers, LIMIT_HEADERS);
  const remaining = firstNumber(headers, REMAINING_HEADERS);
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  for (const n of RESET_HEADERS) {
    const at = parseResetValue(headers[n], now);
    if (at !== undefined) {
      info.resetAt = at;
      break;
    }
  }
  return info;
}
