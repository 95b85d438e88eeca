// The HTTP client every vendor session starts from: the connection's base URL (and so the only
// origin credentials go to), hirelake's user agent, the connection's pacing and response cap, the
// run's redactor and event log. A vendor adds only what is its own: auth, headers, timeouts, an
// inspector for errors hidden in 200s.
import { HttpClient, type HttpClientOptions } from '../http/index.ts';
import type { ConnectionBase } from '../config/schema.ts';
import type { SourceSessionDeps } from './source.ts';

export const USER_AGENT = 'hirelake (+https://github.com/hirelake/hirelake)';

export interface Pace {
  readonly requests: number;
  readonly per_seconds: number;
}

export type VendorHttpOptions = Omit<HttpClientOptions, 'baseUrl' | 'userAgent' | 'rateLimit' | 'maxResponseBytes' | 'redactor' | 'onEvent'> & {
  /**
   * The pace when the connection sets no `rate_limit`: the vendor's documented budget, or null
   * when its rate-limit headers alone pace the client (Greenhouse).
   */
  readonly defaultPace: Pace | null;
  /** Overrides the connection's rate_limit (e.g. a second budget for one endpoint). */
  readonly pace?: Pace;
};

export function connectionHttpClient(
  connection: ConnectionBase & { readonly base_url: string },
  deps: SourceSessionDeps,
  { defaultPace, pace, ...vendor }: VendorHttpOptions,
): HttpClient {
  const limit = pace ?? connection.rate_limit ?? defaultPace;
  return new HttpClient({
    baseUrl: connection.base_url,
    userAgent: USER_AGENT,
    rateLimit: limit
      ? { limit: limit.requests, windowMs: limit.per_seconds * 1000, concurrency: connection.concurrency }
      : { concurrency: connection.concurrency },
    maxResponseBytes: connection.max_response_mb * 1024 * 1024,
    redactor: deps.redactor,
    onEvent: deps.onHttpEvent,
    ...vendor,
  });
}
