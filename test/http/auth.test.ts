// Auth providers against a loopback OAuth server + API, and redaction of every secret they handle.

import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpClient,
  HttpError,
  Redactor,
  basicAuth,
  bearerToken,
  oauthClientCredentials,
  type HttpEvent,
} from '../../src/http/index.ts';
import { FAST_RETRY, json, startServer, type TestServer } from './helpers/server.ts';

const CLIENT_ID = 'hl-client-id-123';
const CLIENT_SECRET = 'cs_live_9f8e7d6c5b4a';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface OAuthWorld {
  server: TestServer;
  tokenRequests: number;
  /** Tokens the API accepts. */
  valid: Set<string>;
  issued: string[];
  /** What the token endpoint returns about expiry. */
  expiry: () => Record<string, unknown>;
  tokenDelayMs: number;
  apiAlways401: boolean;
  tokenError: boolean;
}

async function oauthWorld(): Promise<OAuthWorld> {
  const world: OAuthWorld = {
    server: undefined as unknown as TestServer,
    tokenRequests: 0,
    valid: new Set(),
    issued: [],
    expiry: () => ({ expires_in: 3600 }),
    tokenDelayMs: 0,
    apiAlways401: false,
    tokenError: false,
  };
  world.server = await startServer(async (req, res) => {
    if (req.url === '/token') {
      world.tokenRequests++;
      if (world.tokenDelayMs) await new Promise((r) => setTimeout(r, world.tokenDelayMs));
      const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
      const form = new URLSearchParams(req.body);
      if (world.tokenError || req.headers.authorization !== expected) {
        // A careless server that echoes what it got.
        return json(res, 401, { error: 'invalid_client', error_description: `Client authentication failed for ${req.headers.authorization} / ${CLIENT_SECRET}` });
      }
      if (form.get('grant_type') !== 'client_credentials' || form.get('sub') !== '4242') return json(res, 400, { error: 'invalid_request' });
      const token = `at_${world.issued.length + 1}_${'z'.repeat(16)}`;
      world.issued.push(token);
      world.valid.add(token);
      return json(res, 200, { access_token: token, token_type: 'Bearer', ...world.expiry() });
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (world.apiAlways401 || !token || !world.valid.has(token)) return json(res, 401, { errors: ['Unauthorized'] });
    return json(res, 200, [{ id: 1 }]);
  });
  cleanups.push(() => world.server.close());
  return world;
}

function oauthClient(world: OAuthWorld, clock?: () => number): { client: HttpClient; events: HttpEvent[]; redactor: Redactor; auth: ReturnType<typeof oauthClientCredentials> } {
  const redactor = new Redactor();
  const events: HttpEvent[] = [];
  const auth = oauthClientCredentials({
    tokenUrl: `${world.server.url}/token`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    form: { sub: '4242' },
    redactor,
    retry: FAST_RETRY,
    ...(clock ? { clock } : {}),
  });
  const client = new HttpClient({ baseUrl: world.server.url, auth, redactor, retry: FAST_RETRY, onEvent: (e) => events.push(e) });
  cleanups.push(() => client.close());
  return { client, events, redactor, auth };
}

describe('oauthClientCredentials', () => {
  it('fetches a token with Basic client auth and the extra form fields, then reuses it', async () => {
    const world = await oauthWorld();
    const { client } = oauthClient(world);
    await client.request({ url: '/v3/jobs' });
    await client.request({ url: '/v3/jobs' });
    expect(world.tokenRequests).toBe(1);
    const tokenReq = world.server.requests.find((r) => r.url === '/token')!;
    expect(tokenReq.method).toBe('POST');
    expect(tokenReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).toEqual({ grant_type: 'client_credentials', sub: '4242' });
  });

  it('refreshes once on a 401 and retries the request', async () => {
    const world = await oauthWorld();
    const { client, events } = oauthClient(world);
    await client.request({ url: '/v3/jobs' });
    world.valid.clear(); // revoked server-side
    const res = await client.request({ url: '/v3/jobs' });
    expect(res.json).toEqual([{ id: 1 }]);
    expect(res.attempts).toBe(2);
    expect(world.tokenRequests).toBe(2);
    expect(events.filter((e) => e.type === 'auth_refresh')).toHaveLength(1);
  });

  it('turns a second 401 in a row into an auth error', async () => {
    const world = await oauthWorld();
    world.apiAlways401 = true;
    const { client } = oauthClient(world);
    const err = (await client.request({ url: '/v3/jobs' }).catch((e: unknown) => e)) as HttpError;
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: 'auth', status: 401, attempts: 2, transient: false });
    expect(world.tokenRequests).toBe(2);
  });

  it('refreshes ahead of expiry (expires_in), not on every call', async () => {
    const world = await oauthWorld();
    world.expiry = () => ({ expires_in: 100 });
    let now = 1_900_000_000_000;
    const { auth } = oauthClient(world, () => now);
    const h1 = await auth.headers();
    now += 50_000;
    expect(await auth.headers()).toEqual(h1);
    now += 40_500; // 90.5 s into a 100 s token: inside the 10% early window
    const h2 = await auth.headers();
    expect(h2).not.toEqual(h1);
    expect(world.tokenRequests).toBe(2);
  });

  it('understands Greenhouse-style expires_at (ISO with +0000 offset)', async () => {
    const world = await oauthWorld();
    let now = Date.UTC(2026, 2, 1, 10, 0, 0);
    world.expiry = () => ({ expires_at: '2026-03-01T11:00:00+0000' });
    const { auth } = oauthClient(world, () => now);
    const h1 = await auth.headers();
    now += 3530_000; // 58 m 50 s: still more than 60 s left
    expect(await auth.headers()).toEqual(h1);
    now += 20_000; // 59 m 10 s: within 60 s of expiry
    expect(await auth.headers()).not.toEqual(h1);
  });

  it('shares one in-flight token request between concurrent callers', async () => {
    const world = await oauthWorld();
    world.tokenDelayMs = 100;
    const { client } = oauthClient(world);
    const results = await Promise.all(Array.from({ length: 10 }, () => client.request({ url: '/v3/jobs' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(world.tokenRequests).toBe(1);
  });

  it('refreshes once when several in-flight requests hit 401 with the same stale token', async () => {
    const world = await oauthWorld();
    const { client } = oauthClient(world);
    await client.request({ url: '/v3/jobs' });
    world.valid.clear();
    world.tokenDelayMs = 50;
    await Promise.all(Array.from({ length: 4 }, () => client.request({ url: '/v3/jobs' })));
    expect(world.tokenRequests).toBe(2);
  });

  it('reports token endpoint refusals as auth errors with the server reason and without the secret', async () => {
    const world = await oauthWorld();
    world.tokenError = true;
    const { client, events, auth } = oauthClient(world);
    const err = (await client.request({ url: '/v3/jobs' }).catch((e: unknown) => e)) as HttpError;
    expect(err).toMatchObject({ kind: 'auth', status: 401, method: 'POST' });
    expect(err.message).toContain('invalid_client: Client authentication failed');
    const everything = JSON.stringify([err.message, err.bodySnippet, err.url, events]);
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toContain(Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'));
    await expect(auth.headers()).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('redaction end to end', () => {
  it('never shows a Basic-auth API key, its base64 form, or an api_key query param', async () => {
    const API_KEY = 'gh_live_5f4dcc3b5aa765d61d8327deb882cf99';
    const server = await startServer((req, res) =>
      json(res, 403, { message: `key ${API_KEY} with header ${req.headers.authorization} cannot read ${req.url}` }),
    );
    cleanups.push(() => server.close());
    const events: HttpEvent[] = [];
    // The client's redactor is not the one basicAuth registered with: the client learns the secret
    // from the headers it sends.
    const client = new HttpClient({ baseUrl: server.url, auth: basicAuth(API_KEY, '', { redactor: new Redactor() }), redactor: new Redactor(), onEvent: (e) => events.push(e) });
    cleanups.push(() => client.close());
    const err = (await client.request({ url: '/v1/candidates', query: { api_key: 'qs-secret-777', page: 2 } }).catch((e: unknown) => e)) as HttpError;
    expect(err.kind).toBe('forbidden');
    const everything = JSON.stringify([err.message, err.bodySnippet, err.url, err.stack, events]);
    for (const secret of [API_KEY, Buffer.from(`${API_KEY}:`).toString('base64'), 'qs-secret-777']) expect(everything).not.toContain(secret);
    expect(err.url).toBe(`${server.url}/v1/candidates?api_key=[REDACTED]&page=2`);
    expect(err.message).toContain('[REDACTED]');
  });

  it('never shows a bearer token', async () => {
    const TOKEN = 'lever_oauth_at_AbCdEf0123456789';
    const server = await startServer((req, res) => json(res, 500, { echo: req.headers.authorization, token: TOKEN }));
    cleanups.push(() => server.close());
    const events: HttpEvent[] = [];
    const redactor = new Redactor();
    const client = new HttpClient({ baseUrl: server.url, auth: bearerToken(TOKEN, { redactor }), redactor, retry: { ...FAST_RETRY, maxAttempts: 2 }, onEvent: (e) => events.push(e) });
    cleanups.push(() => client.close());
    const err = (await client.request({ url: '/v1/opportunities' }).catch((e: unknown) => e)) as HttpError;
    expect(err).toMatchObject({ kind: 'server', attempts: 2 });
    expect(JSON.stringify([err.message, err.bodySnippet, events])).not.toContain(TOKEN);
  });
});
