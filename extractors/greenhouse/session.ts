import { HttpClient, oauthClientCredentials } from '../../src/http/index.ts';
import type { SourceSession, SourceSessionDeps } from '../../src/extract/source.ts';
import type { GreenhouseConnection } from './config.ts';

/**
 * Harvest v3 allows a fixed number of requests per 30-second window (the window's limit arrives in
 * X-RateLimit-Limit; 50 is what integrations are budgeted). The limiter starts there and then
 * follows the headers.
 */
export const GREENHOUSE_RATE_LIMIT = { requests: 50, per_seconds: 30 };

export interface GreenhouseSession extends SourceSession {
  readonly http: HttpClient;
  readonly connection: GreenhouseConnection;
}

export async function openGreenhouse(connection: GreenhouseConnection, deps: SourceSessionDeps): Promise<GreenhouseSession> {
  const { client_id, client_secret, user_id } = connection.credentials;
  deps.redactor.add(client_id, client_secret);
  const limit = connection.rate_limit ?? GREENHOUSE_RATE_LIMIT;
  const auth = oauthClientCredentials({
    tokenUrl: connection.token_url,
    clientId: client_id,
    clientSecret: client_secret,
    form: { sub: user_id },
    redactor: deps.redactor,
  });
  const http = new HttpClient({
    baseUrl: connection.base_url,
    userAgent: 'hirelake (+https://github.com/hirelake/hirelake)',
    auth,
    rateLimit: { limit: limit.requests, windowMs: limit.per_seconds * 1000, concurrency: connection.concurrency },
    redactor: deps.redactor,
    onEvent: deps.onHttpEvent,
  });
  // Fetch the token now: bad credentials then fail once, before any stream starts.
  await auth.headers();
  return { http, connection, close: () => http.close() };
}
