// Paginators walking multi-page loopback servers shaped like Greenhouse v3, Lever, Ashby and Workable.

import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpClient,
  HttpError,
  Redactor,
  bodyCursorPaginator,
  bodyNextUrlPaginator,
  linkHeaderPaginator,
  offsetTokenPaginator,
  pageNumberPaginator,
  paginate,
  type HttpRequest,
  type Page,
} from '../../src/http/index.ts';
import { FAST_RETRY, json, startServer, type Handler } from './helpers/server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(handler: Handler): Promise<{ client: HttpClient; url: string; requests: Array<{ url: string; body: string }> }> {
  const server = await startServer(handler);
  const client = new HttpClient({ baseUrl: server.url, retry: FAST_RETRY, redactor: new Redactor() });
  cleanups.push(() => server.close(), () => client.close());
  return { client, url: server.url, requests: server.requests };
}

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

const RECORDS = Array.from({ length: 7 }, (_, i) => ({ id: 100 - i }));

describe('linkHeaderPaginator (Greenhouse v3)', () => {
  const handler: Handler = (req, res) => {
    const u = new URL(req.url, 'http://x');
    const cursor = u.searchParams.get('cursor');
    // Harvest v3: a cursor request must carry nothing else.
    if (cursor !== null && [...u.searchParams.keys()].length !== 1) {
      return json(res, 422, { errors: ['When passing a cursor, do not include other query params.'] });
    }
    const perPage = cursor ? Number(JSON.parse(Buffer.from(cursor, 'base64url').toString()).per_page) : Number(u.searchParams.get('per_page'));
    const offset = cursor ? Number(JSON.parse(Buffer.from(cursor, 'base64url').toString()).offset) : 0;
    const page = RECORDS.slice(offset, offset + perPage);
    const headers: Record<string, string> = {};
    if (offset + perPage < RECORDS.length) {
      const next = Buffer.from(JSON.stringify({ offset: offset + perPage, per_page: perPage })).toString('base64url');
      headers['link'] = `<http://${req.headers.host}/v3/applications?cursor=${next}>; rel="next"`;
    }
    json(res, 200, page, headers);
  };

  it('follows rel="next" verbatim, never adding the first request\'s params', async () => {
    const { client, requests } = await setup(handler);
    const first: HttpRequest = { url: '/v3/applications', query: { per_page: 3, updated_at: 'gte|2024-01-01T00:00:00Z' } };
    const pages = await collect(paginate<{ id: number }>(client, first, linkHeaderPaginator()));
    expect(pages.map((p) => p.items.map((r) => r.id))).toEqual([[100, 99, 98], [97, 96, 95], [94]]);
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(pages[2]?.next).toBeNull();
    expect(requests.slice(1).every((r) => /^\/v3\/applications\?cursor=[\w-]+$/.test(r.url))).toBe(true);
  });

  it('resumes from a checkpointed next request', async () => {
    const { client } = await setup(handler);
    const firstTwo: Page<{ id: number }>[] = [];
    for await (const p of client.paginate<{ id: number }>({ url: '/v3/applications', query: { per_page: 2 } }, linkHeaderPaginator())) {
      firstTwo.push(p);
      if (firstTwo.length === 2) break; // "crash"
    }
    const checkpoint = JSON.parse(JSON.stringify(firstTwo[1]?.next)) as HttpRequest;
    const rest = await collect(client.paginate<{ id: number }>(checkpoint, linkHeaderPaginator()));
    expect(rest.flatMap((p) => p.items.map((r) => r.id))).toEqual([96, 95, 94]);
  });
});

describe('offsetTokenPaginator (Lever)', () => {
  const token = (i: number): string => encodeURIComponent(JSON.stringify([3, 1491435120000 - i, `5599cc20-${i}`]));

  it('passes the percent-encoded token back once-encoded and keeps the other params', async () => {
    const seenOffsets: string[] = [];
    const { client, requests } = await setup((req, res) => {
      const raw = /[?&]offset=([^&]*)/.exec(req.url)?.[1];
      if (raw !== undefined) seenOffsets.push(raw);
      const i = raw === undefined ? 0 : Number(JSON.parse(decodeURIComponent(raw))[2].split('-')[1]);
      const data = RECORDS.slice(i, i + 3);
      const hasNext = i + 3 < RECORDS.length;
      // Lever omits `next` entirely on the last page.
      json(res, 200, hasNext ? { data, hasNext, next: token(i + 3) } : { data, hasNext });
    });
    const pages = await collect(paginate<{ id: number }>(client, { url: '/v1/opportunities', query: { limit: 3, expand: 'stage' } }, offsetTokenPaginator()));
    expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(RECORDS.map((r) => r.id));
    expect(seenOffsets).toEqual([token(3), token(6)]);
    expect(seenOffsets.every((o) => o.startsWith('%5B') && !o.includes('%25'))).toBe(true);
    expect(requests.slice(1).every((r) => r.url.startsWith('/v1/opportunities?limit=3&expand=stage&offset='))).toBe(true);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('rejects a page that claims more data but has no token', async () => {
    const { client } = await setup((_req, res) => json(res, 200, { data: [{ id: 1 }], hasNext: true }));
    await expect(collect(paginate(client, { url: '/v1/opportunities' }, offsetTokenPaginator()))).rejects.toThrow(/"hasNext" is true but there is no token/);
  });
});

describe('bodyCursorPaginator (Ashby)', () => {
  it('sends the cursor in the JSON body, keeps other fields, and stops on moreDataAvailable=false', async () => {
    const { client, requests } = await setup((req, res) => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json') return json(res, 415, {});
      const body = JSON.parse(req.body) as { cursor?: string; limit: number };
      const i = body.cursor ? Number(body.cursor.slice(1)) : 0;
      const results = RECORDS.slice(i, i + body.limit);
      const more = i + body.limit < RECORDS.length;
      // Ashby may still send a cursor on the last page; only moreDataAvailable ends the walk.
      json(res, 200, { success: true, results, moreDataAvailable: more, nextCursor: `c${i + body.limit}`, ...(more ? {} : { syncToken: 'qQW6pmNv7' }) });
    });
    const first: HttpRequest = { method: 'POST', url: '/application.list', body: JSON.stringify({ limit: 4, status: 'Active' }), retrySafe: true };
    const pages = await collect(
      paginate<{ id: number }>(client, first, bodyCursorPaginator({ itemsPath: 'results', cursorPath: 'nextCursor', hasMorePath: 'moreDataAvailable', cursorParam: 'cursor' })),
    );
    expect(pages.map((p) => p.items.length)).toEqual([4, 3]);
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([
      { limit: 4, status: 'Active' },
      { limit: 4, status: 'Active', cursor: 'c4' },
    ]);
    expect((pages[1]?.response.json as { syncToken?: string }).syncToken).toBe('qQW6pmNv7');
    expect(pages[1]?.next).toBeNull();
    expect(pages[0]?.next?.retrySafe).toBe(true);
  });

  it('can carry the cursor in the query for GET APIs', async () => {
    const { client, requests } = await setup((req, res) => {
      const c = new URL(req.url, 'http://x').searchParams.get('cursor');
      json(res, 200, c ? { items: [2], cursor: null } : { items: [1], cursor: 'next one' });
    });
    const pages = await collect(paginate(client, { url: '/list' }, bodyCursorPaginator({ itemsPath: 'items', cursorPath: 'cursor', cursorParam: 'cursor' })));
    expect(pages.flatMap((p) => p.items)).toEqual([1, 2]);
    expect(requests[1]?.url).toBe('/list?cursor=next%20one');
  });
});

describe('bodyNextUrlPaginator (Workable)', () => {
  const handler: Handler = (req, res) => {
    const u = new URL(req.url, 'http://x');
    const limit = Number(u.searchParams.get('limit'));
    const since = u.searchParams.get('since_id');
    const rest = RECORDS.filter((r) => since === null || r.id <= Number(since));
    const more = rest.length > limit;
    const next = new URLSearchParams(u.searchParams);
    if (more) next.set('since_id', String(rest[limit]!.id));
    // Workable: a full URL while more remain; no `paging` key at all on the last page.
    json(res, 200, { candidates: rest.slice(0, limit), ...(more ? { paging: { next: `http://${req.headers.host}${u.pathname}?${next}` } } : {}) });
  };

  it('requests the next URL verbatim and stops when the body has none', async () => {
    const { client, requests } = await setup(handler);
    const first: HttpRequest = { url: '/spi/v3/candidates', query: { limit: 3, updated_after: '2024-01-01T00:00:00Z' } };
    const pages = await collect(paginate<{ id: number }>(client, first, bodyNextUrlPaginator({ itemsPath: 'candidates', nextPath: 'paging.next' })));
    expect(pages.map((p) => p.items.map((r) => r.id))).toEqual([[100, 99, 98], [97, 96, 95], [94]]);
    expect(requests.map((r) => r.url)).toEqual([
      '/spi/v3/candidates?limit=3&updated_after=2024-01-01T00%3A00%3A00Z',
      '/spi/v3/candidates?limit=3&updated_after=2024-01-01T00%3A00%3A00Z&since_id=97',
      '/spi/v3/candidates?limit=3&updated_after=2024-01-01T00%3A00%3A00Z&since_id=94',
    ]);
    expect(pages[2]?.next).toBeNull();
  });

  it('reads a bare array as one page', async () => {
    const { client } = await setup((_req, res) => json(res, 200, [{ id: 'a' }, { id: 'b' }]));
    const pages = await collect(paginate(client, { url: '/spi/v3/departments' }, bodyNextUrlPaginator({ itemsPath: '', nextPath: 'paging.next' })));
    expect(pages.map((p) => p.items)).toEqual([[{ id: 'a' }, { id: 'b' }]]);
  });

  it('rejects a next link that is not a URL', async () => {
    const { client } = await setup((_req, res) => json(res, 200, { jobs: [], paging: { next: 42 } }));
    await expect(collect(paginate(client, { url: '/spi/v3/jobs' }, bodyNextUrlPaginator({ itemsPath: 'jobs', nextPath: 'paging.next' })))).rejects.toThrow(/expected a URL at "paging.next"/);
  });
});

describe('pageNumberPaginator', () => {
  it('counts pages until a short page', async () => {
    const { client, requests } = await setup((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      json(res, 200, RECORDS.slice((page - 1) * 3, page * 3));
    });
    const pages = await collect(paginate(client, { url: '/v1/jobs', query: { per_page: 3 } }, pageNumberPaginator({ pageSize: 3 })));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(requests.map((r) => r.url)).toEqual(['/v1/jobs?per_page=3&page=1', '/v1/jobs?per_page=3&page=2', '/v1/jobs?per_page=3&page=3']);
  });

  it('stops at the stated page count', async () => {
    const { client, requests } = await setup((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      json(res, 200, { rows: [page], total_pages: 2 });
    });
    const pages = await collect(paginate(client, { url: '/r' }, pageNumberPaginator({ itemsPath: 'rows', totalPagesPath: 'total_pages' })));
    expect(pages.flatMap((p) => p.items)).toEqual([1, 2]);
    expect(requests).toHaveLength(2);
  });
});

describe('paginate guards', () => {
  it('refuses to loop on a next link that points at the same page', async () => {
    const { client } = await setup((req, res) => json(res, 200, [1], { link: `<http://${req.headers.host}/same>; rel="next"` }));
    await expect(collect(paginate(client, { url: '/same' }, linkHeaderPaginator()))).rejects.toThrow(HttpError);
  });

  it('treats a body without the items array as malformed', async () => {
    const { client } = await setup((_req, res) => json(res, 200, { data: null }));
    await expect(collect(paginate(client, { url: '/v1/x' }, offsetTokenPaginator()))).rejects.toThrow(/expected an array at "data", got null/);
  });
});
