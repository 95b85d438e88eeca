import { HttpClient, oauthClientCredentials } from '../../src/http/index.ts';
import type { SourceSession, SourceSessionDeps } from '../../src/extract/source.ts';
import type { GreenhouseConnection } from './config.ts';

/**
 * Harvest v3 counts requests in fixed 30-second windows and announces each window's limit,
 * remaining budget and reset in X-RateLimit-* headers on every response. Those headers are the
 * truth (limits differ per customer), so by default they alone pace the client (until the first
 * response arrives only the concurrency bounds it); a configured
 * `rate_limit` is a cap on top, for sharing the budget with other integrations.
 */

export interface GreenhouseSession extends SourceSession {
  readonly http: HttpClient;
  readonly connection: GreenhouseConnection;
}

export async function openGreenhouse(connection: GreenhouseConnection, deps: SourceSessionDeps): Promise<GreenhouseSession> {
  const { client_id, client_secret, user_id } = connection.credentials;
  deps.redactor.add(client_id, client_secret);
  const cap = connection.rate_limit;
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
    rateLimit: cap
      ? { limit: cap.requests, windowMs: cap.per_seconds * 1000, concurrency: connection.concurrency }
      : { concurrency: connection.concurrency },
    maxResponseBytes: connection.max_response_mb * 1024 * 1024,
    redactor: deps.redactor,
    onEvent: deps.onHttpEvent,
  });
  // Fetch the token now: bad credentials then fail once, before any stream starts.
  await auth.headers({ signal: deps.signal });
  return { http, connection, close: () => http.close() };
}
