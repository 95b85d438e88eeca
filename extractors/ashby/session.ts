import { basicAuth, type HttpClient, type ResponseInspector } from '../../src/http/index.ts';
import { connectionHttpClient } from '../../src/extract/connection-http.ts';
import type { SourceSession, SourceSessionDeps } from '../../src/extract/source.ts';
import type { AshbyConnection } from './config.ts';
import { ashbyErrorOf } from './errors.ts';

/** The API version hirelake is written against (Ashby's date-based versions, sent as Ashby-Version). */
export const ASHBY_API_VERSION = '2026-01-01';

/**
 * Ashby publishes no limit for its list endpoints; recorded responses show x-ratelimit-limit 1000
 * (per minute). Pacing there, and following the x-ratelimit-* headers, keeps 429s rare.
 */
export const ASHBY_RATE_LIMIT = { requests: 1000, per_seconds: 60 };

/** application.listHistory (and listCriteriaEvaluations) are limited to 100 requests a minute each. */
export const ASHBY_HISTORY_RATE_LIMIT = { requests: 100, per_seconds: 60 };

export interface AshbySession extends SourceSession {
  readonly http: HttpClient;
  /** application.listHistory, paced on its own 100-a-minute budget */
  readonly history: HttpClient;
  readonly connection: AshbyConnection;
}

/**
 * Ashby answers most errors with HTTP 200 and `success: false`: those fail at once (retrying
 * cannot help) with the error code in the message. A rejected key (401, or 403 without
 * missing_endpoint_permission) stops the connection; a missing module permission fails only the
 * stream that needs it.
 */
export const inspectAshby: ResponseInspector = (res) => {
  const e = ashbyErrorOf(res.text);
  if (res.status === 401) return { action: 'fail', kind: 'auth', detail: e ? `${e.code}: ${e.message}` : 'Ashby rejected the request: no API key' };
  if (res.status === 403 && e?.code !== 'missing_endpoint_permission') {
    return { action: 'fail', kind: 'auth', detail: e ? `${e.code}: ${e.message}` : 'Ashby rejected the API key (wrong or deactivated)' };
  }
  if (res.status >= 200 && res.status < 300 && e) return { action: 'fail', kind: e.code === 'missing_endpoint_permission' ? 'forbidden' : 'client', detail: `${e.code}: ${e.message}` };
  return undefined;
};

export async function openAshby(connection: AshbyConnection, deps: SourceSessionDeps): Promise<AshbySession> {
  const client = (pace: { requests: number; per_seconds: number }) =>
    connectionHttpClient(connection, deps, {
      // Ashby: the API key is the Basic user, the password is blank.
      auth: basicAuth(connection.credentials.api_key, '', { redactor: deps.redactor }),
      headers: { 'Ashby-Version': ASHBY_API_VERSION },
      inspect: inspectAshby,
      defaultPace: pace,
      pace,
    });
  const http = client(connection.rate_limit ?? ASHBY_RATE_LIMIT);
  const history = client(connection.history_rate_limit ?? connection.rate_limit ?? ASHBY_HISTORY_RATE_LIMIT);
  return { http, history, connection, close: async () => void (await Promise.all([http.close(), history.close()])) };
}
