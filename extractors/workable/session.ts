import { bearerToken, type HttpClient } from '../../src/http/index.ts';
import { connectionHttpClient } from '../../src/extract/connection-http.ts';
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
  const http = connectionHttpClient(connection, deps, {
    auth: bearerToken(connection.credentials.token, { redactor: deps.redactor }),
    defaultPace: WORKABLE_RATE_LIMIT,
  });
  return { http, connection, close: () => http.close() };
}
