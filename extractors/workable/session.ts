import { bearerToken, HttpClient } from '../../src/http/index.ts';
import type { SourceSession, SourceSessionDeps } from '../../src/extract/source.ts';
import type { WorkableConnection } from './config.ts';

/**
 * Workable meters account tokens at 10 requests per 10-second interval (OAuth and partner tokens
 * 50). The shared limiter paces at that and follows the X-Rate-Limit-* headers Workable sends.
 */
export const WORKABLE_RATE_LIMIT = { requests: 10, per_seconds: 10 };

export interface WorkableSession extends SourceSession {
  readonly http: HttpClient;
  readonly connection: WorkableConnection;
}

export async function openWorkable(connection: WorkableConnection, deps: SourceSessionDeps): Promise<WorkableSession> {
  const limit = connection.rate_limit ?? WORKABLE_RATE_LIMIT;
  const http = new HttpClient({
    baseUrl: connection.base_url,
    userAgent: 'hirelake (+https://github.com/hirelake/hirelake)',
    auth: bearerToken(connection.credentials.token, { redactor: deps.redactor }),
    rateLimit: { limit: limit.requests, windowMs: limit.per_seconds * 1000, concurrency: connection.concurrency },
    maxResponseBytes: connection.max_response_mb * 1024 * 1024,
    redactor: deps.redactor,
    onEvent: deps.onHttpEvent,
  });
  return { http, connection, close: () => http.close() };
}
