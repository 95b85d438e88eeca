import { basicAuth, type HttpClient } from '../../src/http/index.ts';
import { connectionHttpClient } from '../../src/extract/connection-http.ts';
import type { SourceSession, SourceSessionDeps } from '../../src/extract/source.ts';
import type { WorkdayConnection } from './config.ts';
import { inspectWorkdayResponse, type UsernameToken } from './soap.ts';

/**
 * Workday publishes no rate limit; integrators budget about 10 calls per second per tenant, and a
 * tenant throttled harder answers 429 with Retry-After, which the client honours.
 */
export const WORKDAY_RATE_LIMIT = { requests: 10, per_seconds: 1 };

export interface WorkdaySession extends SourceSession {
  readonly http: HttpClient;
  readonly connection: WorkdayConnection;
  /** POST target of the Recruiting service. */
  readonly endpoint: string;
  readonly token: UsernameToken;
  /** Authorization header for RaaS (HTTP Basic with the same ISU). */
  raasHeaders(): Promise<Record<string, string>>;
}

export async function openWorkday(connection: WorkdayConnection, deps: SourceSessionDeps): Promise<WorkdaySession> {
  const { username, password } = connection.credentials;
  deps.redactor.add(password);
  // WS-Security wants user@tenant; RaaS takes the bare user name (the tenant is in its path).
  const bare = username.includes('@') ? username.slice(0, username.lastIndexOf('@')) : username;
  const token: UsernameToken = { username: username.includes('@') ? username : `${username}@${connection.tenant}`, password };
  const raasAuth = basicAuth(bare, password, { redactor: deps.redactor });
  const http = connectionHttpClient(connection, deps, {
    // Pages of 999 candidates with their applications take a while to render.
    timeoutMs: 180_000,
    defaultPace: WORKDAY_RATE_LIMIT,
    inspect: inspectWorkdayResponse,
  });
  return {
    http,
    connection,
    endpoint: `/ccx/service/${connection.tenant}/Recruiting/${connection.api_version}`,
    token,
    raasHeaders: () => raasAuth.headers(),
    close: () => http.close(),
  };
}
