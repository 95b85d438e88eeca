import { oauthClientCredentials, type HttpClient } from '../../src/http/index.ts';
import { connectionHttpClient } from '../../src/extract/connection-http.ts';
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
  const auth = oauthClientCredentials({
    tokenUrl: connection.token_url,
    clientId: client_id,
    clientSecret: client_secret,
    form: { sub: user_id },
    redactor: deps.redactor,
  });
  // No default pace: Harvest's X-RateLimit-* headers pace the client; rate_limit caps it lower.
  const http = connectionHttpClient(connection, deps, { auth, defaultPace: null });
  // Fetch the token now: bad credentials then fail once, before any stream starts.
  await auth.headers({ signal: deps.signal });
  return { http, connection, close: () => http.close() };
}
