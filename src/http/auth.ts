// Credentials are a provider object rather than fixed headers so that OAuth tokens can expire and be
// refreshed mid-run without the extractors knowing. Each provider registers what it sends with a
// redactor the moment it exists, so no later error message can echo it.

import { defaultRedactor, type Redactor } from './redact.ts';

export interface AuthProvider {
  /** Headers to add to every request; called once per attempt. Gives up on the caller's abort. */
  headers(opts?: { signal?: AbortSignal }): Promise<Record<string, string>>;
  /**
   * Called on a 401 with the headers that were rejected. Return true after refreshing credentials
   * to have the request retried once; a second 401 in a row is then final (kind 'auth').
   */
  onUnauthorized?(rejected: Readonly<Record<string, string>>): Promise<boolean>;
}

export interface StaticAuthOptions {
  redactor?: Redactor;
}

/**
 * HTTP Basic. Greenhouse v1, Lever and Ashby use the API key as the user and an empty password.
 *
 * @example basicAuth(process.env.GREENHOUSE_API_KEY!)   // Authorization: Basic base64("<key>:")
 */
export function basicAuth(user: string, password = '', opts: StaticAuthOptions = {}): AuthProvider {
  const encoded = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  (opts.redactor ?? defaultRedactor).add(user, password, encoded);
  const headers = Object.freeze({ authorization: `Basic ${encoded}` });
  return { headers: async () => ({ ...headers }) };
}

/** A fixed bearer token (e.g. a Lever OAuth access token obtained elsewhere). */
export function bearerToken(token: string, opts: StaticAuthOptions = {}): AuthProvider {
  (opts.redactor ?? defaultRedactor).add(token);
  const headers = Object.freeze({ authorization: `Bearer ${token}` });
  return { headers: async () => ({ ...headers }) };
}
