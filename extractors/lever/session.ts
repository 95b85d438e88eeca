import { basicAuth, type HttpClient } from '../../src/http/index.ts';
import { connectionHttpClient } from '../../src/extract/connection-http.ts';
import type { SourceSession, SourceSessionDeps } from '../../src/extract/source.ts';
import type { LeverConnection } from './config.ts';

/**
 * Lever meters each API key with a token bucket of about 10 requests a second (bursts to ~20
 * are tolerated). Pacing at the steady rate means the bursts are never needed and 429s stay rare.
 */
export const LEVER_RATE_LIMIT = { requests: 10, per_seconds: 1 };

export interface LeverSession extends SourceSession {
  readonly http: HttpClient;
  readonly connection: LeverConnection;
}

export async function openLever(connection: LeverConnection, deps: SourceSessionDeps): Promise<LeverSession> {
  const http = connectionHttpClient(connection, deps, {
    // Lever: the API key is the Basic user, the password is blank.
    auth: basicAuth(connection.credentials.api_key, '', { redactor: deps.redactor }),
    defaultPace: LEVER_RATE_LIMIT,
  });
  return { http, connection, close: () => http.close() };
}
