import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import {
  DAY, advanceWorld, byId, createWorld, visitsOf, type World,
} from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { encodeArray } from '../../emulators/greenhouse/body.ts';

type Rec = Record<string, unknown> & { id: number; created_at: string; updated_at: string };
interface Resp { status: number; headers: Record<string, string>; text: string; json: unknown }

const START = Date.UTC(2024, 0, 1);
const NOW = START + 300 * DAY;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Some records carry the account's local offset instead of Z (seen in real exports). */
const ISO_MS_ANY_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const iso = (ms: number) => new Date(ms).toISOString();
/** The instant a Greenhouse timestamp names, whatever offset it is written with. */
const at = (v: unknown) => Date.parse(String(v));

async function call(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<Resp> {
  const res = await request(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
  const text = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.statusCode, headers, text, json };
}

function tokenRequest(emu: GreenhouseEmulator, opts: { id?: string; secret?: string; body?: string } = {}) {
  const basic = Buffer.from(`${opts.id ?? emu.credentials.client_id}:${opts.secret ?? emu.credentials.client_secret}`).toString('base64');
  return call(emu.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: opts.body ?? `grant_type=client_credentials&sub=${emu.credentials.user_id}`,
  });
}

async function token(emu: GreenhouseEmulator): Promise<string> {
  const r = await tokenRequest(emu);
  expect(r.status).toBe(200);
  return (r.json as { access_token: string }).access_token;
}

const api = (emu: GreenhouseEmulator, tok: string, pathOrUrl: string) =>
  call(pathOrUrl.startsWith('http') ? pathOrUrl : `${emu.url}${pathOrUrl}`, { headers: { authorization: `Bearer ${tok}` } });

function nextLink(r: Resp): string | undefined {
  const link = r.headers['link'];
  if (!link) return undefined;
  const m = /^<([^>]+)>; rel="next"$/.exec(link);
  if (!m) throw new Error(`bad Link header ${link}`);
  return m[1];
}

async function pageAll(emu: GreenhouseEmulator, tok: string, path: string): Promise<{ records: Rec[]; pages: number }> {
  const records: Rec[] = [];
  let pages = 0;
  let url: string | undefined = `${emu.url}${path}`;
  while (url) {
    const r = await api(emu, tok, url);
    if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
    records.push(...(r.json as Rec[]));
    pages++;
    url = nextLink(r);
  }
  return { records, pages };
}

const ids = (recs: readonly { id: number }[]) => recs.map((r) => r.id);
const descending = (xs: readonly number[]) => [...xs].sort((a, b) => b - a);

const world: World = createWorld({ seed: 21, size: 'small', start: START, now: NOW });
let emu: GreenhouseEmulator;
let tok: string;

beforeAll(async () => {
  emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
  tok = await token(emu);
});
afterAll(async () => {
  await emu.stop();
});

const WORLD_TABLES: Record<string, (w: World) => readonly { id: number; updatedAt: number; createdAt: number }[]> = {
  applications: (w) => w.applications,
  // Merged-away duplicates and deleted jobs are gone from Greenhouse; the general plan is not a job's.
  candidates: (w) => w.candidates.filter((c) => c.mergedInto === null),
  jobs: (w) => w.jobs.filter((j) => j.deletedAt === null),
  job_interview_stages: (w) => w.stages.filter((s) => s.jobId !== null),
  application_stages: (w) => w.visits,
  offers: (w) => w.offers,
  interviews: (w) => w.interviews,
  scorecards: (w) => w.scorecards,
  // Greenhouse's default reasons (odd ids here) are listed only with include_defaults=true.
  rejection_reasons: (w) => w.rejectionReasons.filter((r) => r.id % 2 === 0),
  sources: (w) => w.sources,
  departments: (w) => w.departments,
  offices: (w) => w.offices,
  users: (w) => w.users.filter((u) => u.deletedAt === null),
  openings: (w) => w.openings,
};

describe('auth', () => {
  it('issues bearer tokens for client credentials and a known sub', async () => {
    const before = Date.now();
    const r = await tokenRequest(emu);
    expect(r.status).toBe(200);
    const body = r.json as { access_token: string; token_type: string; expires_at: string };
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_at', 'token_type']);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_at).toMatch(ISO_MS);
    expect(Date.parse(body.expires_at)).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
  });

  it('rejects bad client credentials, grants and subs', async () => {
    expect(await tokenRequest(emu, { secret: 'nope' })).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    const noAuth = await call(emu.tokenUrl, { method: 'POST', body: 'grant_type=client_credentials&sub=1' });
    expect(noAuth).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    expect(await tokenRequest(emu, { body: 'grant_type=client_credentials' })).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    expect(await tokenRequest(emu, { body: 'grant_type=client_credentials&sub=99999999' })).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    expect((await tokenRequest(emu, { body: `grant_type=password&sub=${emu.credentials.user_id}` })).status).toBe(400);
  });

  it('answers 401 to missing, unknown, expired and revoked tokens', async () => {
    expect(await call(`${emu.url}/v3/jobs`)).toMatchObject({ status: 401, json: { errors: ['Unauthorized'] } });
    expect(await api(emu, 'not-a-token', '/v3/jobs')).toMatchObject({ status: 401, json: { errors: ['Unauthorized'] } });

    let now = 1_700_000_000_000;
    const e = await startGreenhouseEmulator({ world, tokenTtlMs: 60_000, clock: () => now });
    try {
      const t = await token(e);
      expect((await api(e, t, '/v3/jobs')).status).toBe(200);
      now += 59_999;
      expect((await api(e, t, '/v3/jobs')).status).toBe(200);
      now += 1;
      expect(await api(e, t, '/v3/jobs')).toMatchObject({ status: 401, json: { errors: ['Unauthorized'] } });
      const t2 = await token(e);
      expect((await api(e, t2, '/v3/jobs')).status).toBe(200);
      e.expireTokens();
      expect((await api(e, t2, '/v3/jobs')).status).toBe(401);
    } finally {
      await e.stop();
    }
  });

  it('expires tokens on the real clock when tokenTtlMs is small', async () => {
    const e = await startGreenhouseEmulator({ world, tokenTtlMs: 100 });
    try {
      const t = await token(e);
      expect((await api(e, t, '/v3/sources')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 150));
      expect((await api(e, t, '/v3/sources')).status).toBe(401);
    } finally {
      await e.stop();
    }
  });
});

describe('listing and pagination', () => {
  it('pages through every resource: every record exactly once, ids descending', async () => {
    for (const [name, table] of Object.entries(WORLD_TABLES)) {
      const { records, pages } = await pageAll(emu, tok, `/v3/${name}?per_page=97`);
      const got = ids(records);
      expect(got, name).toEqual(descending(table(world).map((r) => r.id)));
      expect(pages).toBe(Math.max(1, Math.ceil(got.length / 97)));
      const byId = new Map(table(world).map((r) => [r.id, r]));
      let offsets = 0;
      for (const r of records) {
        expect(r.created_at, name).toMatch(ISO_MS_ANY_OFFSET);
        expect(r.updated_at, name).toMatch(ISO_MS_ANY_OFFSET);
        if (!String(r.updated_at).endsWith('Z')) offsets++;
        expect(Date.parse(String(r.updated_at)), name).toBe(byId.get(Number(r.id))!.updatedAt);
      }
      if (name === 'applications') expect(offsets).toBeGreaterThan(0);
    }
  });

  it('lists Greenhouse\'s default rejection reasons only with include_defaults=true', async () => {
    const all = await pageAll(emu, tok, '/v3/rejection_reasons?include_defaults=true');
    expect(ids(all.records)).toEqual(descending(world.rejectionReasons.map((r) => r.id)));
    const bad = await api(emu, tok, '/v3/rejection_reasons?include_defaults=maybe');
    expect(bad.status).toBe(422);
  });

  it('uses per_page 100 by default, Link rel="next" only while more pages exist', async () => {
    const first = await api(emu, tok, '/v3/applications');
    expect(first.status).toBe(200);
    expect((first.json as Rec[]).length).toBe(100);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['link']).toMatch(new RegExp(`^<${emu.url}/v3/applications\\?cursor=[A-Za-z0-9_-]+>; rel="next"$`));
    const small = await api(emu, tok, '/v3/sources?per_page=500');
    expect((small.json as Rec[]).length).toBe(world.sources.length);
    expect(small.headers['link']).toBeUndefined();
    const exact = await api(emu, tok, `/v3/sources?per_page=${world.sources.length}`);
    expect(exact.headers['link']).toBeUndefined();
  });

  it('validates per_page', async () => {
    for (const bad of ['0', '501', 'abc', '-1', '2.5']) {
      expect(await api(emu, tok, `/v3/jobs?per_page=${bad}`)).toMatchObject({
        status: 422, json: { errors: ['per_page must be between 1 and 500'] },
      });
    }
    expect((await api(emu, tok, '/v3/jobs?per_page=500')).status).toBe(200);
    expect((await api(emu, tok, '/v3/jobs?per_page=1')).status).toBe(200);
  });

  it('accepts a cursor only on its own and only if it is intact', async () => {
    const first = await api(emu, tok, '/v3/candidates?per_page=10');
    const next = nextLink(first)!;
    const cursor = new URL(next).searchParams.get('cursor')!;
    const onlyCursor = { status: 422, json: { errors: ['When passing a cursor, do not include other query params.'] } };
    expect(await api(emu, tok, `${next}&per_page=10`)).toMatchObject(onlyCursor);
    expect(await api(emu, tok, `/v3/candidates?updated_at=gte|2024-01-01T00:00:00Z&cursor=${cursor}`)).toMatchObject(onlyCursor);
    const garbled = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
    expect((await api(emu, tok, `/v3/candidates?cursor=${garbled}`)).status).toBe(422);
    expect((await api(emu, tok, '/v3/candidates?cursor=!!!')).status).toBe(422);
    expect((await api(emu, tok, `/v3/jobs?cursor=${cursor}`)).status).toBe(422);
    const second = await api(emu, tok, next);
    expect(second.status).toBe(200);
    expect(ids(second.json as Rec[])).toEqual(descending(world.candidates.map((c) => c.id)).slice(10, 20));
  });

  it('answers 404 for unknown paths and 405 for writes', async () => {
    expect(await api(emu, tok, '/v3/nope')).toMatchObject({ status: 404, json: { errors: ['Not found'] } });
    expect((await api(emu, tok, '/v1/applications')).status).toBe(404);
    const post = await call(`${emu.url}/v3/jobs`, { method: 'POST', headers: { authorization: `Bearer ${tok}` }, body: '{}' });
    expect(post.status).toBe(405);
  });
});

describe('filters', () => {
  const apps = world.applications;
  const mid = apps[Math.floor(apps.length / 2)]!;
  const late = apps[Math.floor(apps.length * 0.6)]!;
  const lo = Math.min(mid.updatedAt, late.updatedAt);
  const hi = Math.max(mid.updatedAt, late.updatedAt);
  const expectIds = (pred: (a: World['applications'][number]) => boolean) => descending(apps.filter(pred).map((a) => a.id));

  it('applies updated_at windows with inclusive and exclusive operators', async () => {
    const cases: [string, (u: number) => boolean][] = [
      [`gte|${iso(lo)}|lte|${iso(hi)}`, (u) => u >= lo && u <= hi],
      [`gt|${iso(lo)}|lt|${iso(hi)}`, (u) => u > lo && u < hi],
      [`gte|${iso(lo)}`, (u) => u >= lo],
      [`lt|${iso(hi)}`, (u) => u < hi],
    ];
    for (const [filter, pred] of cases) {
      const { records } = await pageAll(emu, tok, `/v3/applications?per_page=50&updated_at=${encodeURIComponent(filter)}`);
      expect(ids(records), filter).toEqual(expectIds((a) => pred(a.updatedAt)));
      for (const r of records) expect(pred(Date.parse(r.updated_at))).toBe(true);
    }
    const incl = await pageAll(emu, tok, `/v3/applications?updated_at=gte|${iso(lo)}|lte|${iso(lo)}`);
    expect(ids(incl.records)).toContain(lo === mid.updatedAt ? mid.id : late.id);
  });

  it('applies created_at windows and accepts unencoded pipes and second-precision timestamps', async () => {
    const from = Math.floor(mid.createdAt / 1000) * 1000;
    const { records } = await pageAll(emu, tok, `/v3/applications?per_page=200&created_at=gte|${iso(from).replace('.000Z', 'Z')}`);
    expect(ids(records)).toEqual(expectIds((a) => a.createdAt >= from));
  });

  it('rejects malformed or combined time filters with 422 naming the parameter', async () => {
    for (const bad of ['gte|yesterday', 'after|2024-01-01T00:00:00Z', 'gte', '2024-01-01T00:00:00Z', 'gte|2024-01-01T00:00:00Z|lte']) {
      const r = await api(emu, tok, `/v3/applications?updated_at=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(422);
      expect((r.json as { errors: string[] }).errors[0]).toContain('updated_at');
    }
    const both = await api(emu, tok, '/v3/applications?updated_at=gte|2024-01-01T00:00:00Z&created_at=gte|2024-01-01T00:00:00Z');
    expect(both.status).toBe(422);
  });

  it('filters by ids and parent ids', async () => {
    const r = await api(emu, tok, '/v3/applications?ids=3,1,2,999999');
    expect(ids(r.json as Rec[])).toEqual([3, 2, 1]);
    const tooMany = Array.from({ length: 51 }, (_, i) => i + 1).join(',');
    expect((await api(emu, tok, `/v3/applications?ids=${tooMany}`)).status).toBe(422);
    expect((await api(emu, tok, '/v3/applications?ids=a,b')).status).toBe(422);

    const someApps = apps.filter((a) => a.visitIds.length > 2).slice(0, 5);
    const stages = await pageAll(emu, tok, `/v3/application_stages?per_page=3&application_ids=${someApps.map((a) => a.id).join(',')}`);
    expect(ids(stages.records)).toEqual(descending(someApps.flatMap((a) => a.visitIds)));

    const job = world.jobs[3]!;
    const byJob = await pageAll(emu, tok, `/v3/applications?job_ids=${job.id}&per_page=500`);
    expect(ids(byJob.records)).toEqual(expectIds((a) => a.jobId === job.id && !a.isProspect));

    const current = await pageAll(emu, tok, `/v3/application_stages?current=true&per_page=500`);
    expect(current.records.length).toBe(apps.filter((a) => !a.isProspect).length);
    expect((await api(emu, tok, '/v3/application_stages?current=maybe')).status).toBe(422);
  });
});

describe('record semantics', () => {
  let byResource: Record<string, Map<number, Rec>>;
  beforeAll(async () => {
    byResource = {};
    for (const name of ['applications', 'application_stages', 'offers', 'openings', 'rejection_reasons', 'job_interview_stages', 'candidates']) {
      const { records } = await pageAll(emu, tok, `/v3/${name}?per_page=500`);
      byResource[name] = new Map(records.map((r) => [r.id, r]));
    }
  });
  const get = (name: string, id: number) => byResource[name]!.get(id)!;

  it('renders a hire: status hired, last stage still current, accepted offer and filled opening at the same time', () => {
    const hired = world.applications.filter((a) => a.status === 'hired');
    expect(hired.length).toBeGreaterThan(3);
    for (const app of hired) {
      // Teams that record a hire without an offer in the ATS: no offer to find.
      const withOffer = app.offerIds.length > 0;
      const rec = get('applications', app.id);
      expect(rec.status).toBe('hired');
      expect(rec.job_interview_stage_id).toBe(app.currentStageId);
      const visits = visitsOf(world, app);
      const last = get('application_stages', visits.at(-1)!.id);
      expect(last).toMatchObject({ current: true, exited_at: null });
      const offer = [...byResource.offers!.values()].find((o) => o.application_id === app.id && o.status === 'Accepted');
      if (withOffer) expect(at(offer!.resolved_at)).toBe(app.hiredAt);
      else expect(offer).toBeUndefined();
      const opening = [...byResource.openings!.values()].find((o) => o.application_id === app.id)!;
      expect(opening).toMatchObject({ open: false, closed_at: iso(app.hiredAt!), opening_id: expect.stringMatching(/^REQ-\d+-\d+$/) });
    }
  });

  it('renders rejections, prospects and stage history the Greenhouse way', () => {
    for (const app of world.applications) {
      const rec = get('applications', app.id);
      expect(at(rec.created_at)).toBe(app.appliedAt);
      if (app.isProspect) {
        // A prospect in a pool has no prospective job either.
        expect(rec).toMatchObject({ prospect: true, job_id: null, job_interview_stage_id: null, prospective_job_ids: app.jobId === null ? [] : [app.jobId] });
        continue;
      }
      expect(rec.status).toBe({ active: 'in_process', rejected: 'rejected', hired: 'hired' }[app.status]);
      expect(rec.stage_name).toBe(byId(world.stages, app.currentStageId!).name);
      if (app.status === 'rejected') {
        expect(at(rec.rejected_at)).toBe(app.rejectedAt);
        expect(rec.rejection_reason_id).toBe(app.rejectionReasonId);
      }
      const visits = visitsOf(world, app);
      visits.forEach((v, i) => {
        const row = get('application_stages', v.id);
        expect(row.application_id).toBe(app.id);
        expect(row.job_interview_stage_id).toBe(v.stageId);
        expect(at(row.entered_at)).toBe(v.enteredAt);
        expect(row.current).toBe(i === visits.length - 1);
        expect(row.exited_at === null ? null : at(row.exited_at)).toBe(i === visits.length - 1 ? null : v.exitedAt);
      });
    }
  });

  it('maps rejection reason types and offer statuses', () => {
    const keys = new Set([...byResource.rejection_reasons!.values()].map((r) => (r.type as { key: string }).key));
    expect([...keys].sort()).toEqual(['NONE_SPECIFIED', 'THEY_REJECTED_US', 'WE_REJECTED_THEM']);
    const statuses = new Set([...byResource.offers!.values()].map((o) => o.status));
    for (const s of statuses) expect(['Created', 'Accepted', 'Rejected', 'Deprecated']).toContain(s);
    expect(statuses.has('Accepted')).toBe(true);
    const cand = get('candidates', 1);
    expect(cand.email_addresses).toEqual([{ value: world.candidates[0]!.email, type: 'personal' }]);
    const first = world.stages.find((s) => s.jobId !== null)!;
    expect(get('job_interview_stages', first.id)).toMatchObject({ job_id: first.jobId, sort_order: 0, name: first.name });
  });
});

describe('rate limiting', () => {
  it('counts requests in clock-aligned fixed windows and answers 429 with Retry-After', async () => {
    let now = 1_700_000_002_500; // 2.5 s into a 10 s window
    const e = await startGreenhouseEmulator({ world, rateLimit: { limit: 3, windowMs: 10_000 }, clock: () => now });
    try {
      const t = await token(e);
      const windowEnd = Math.floor(now / 10_000) * 10_000 + 10_000;
      for (const remaining of ['2', '1', '0']) {
        const r = await api(e, t, '/v3/sources');
        expect(r.status).toBe(200);
        expect(r.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': String(windowEnd / 1000) });
      }
      now += 1_200;
      const limited = await api(e, t, '/v3/sources');
      expect(limited).toMatchObject({ status: 429, json: { errors: ['Rate limit exceeded'] } });
      expect(limited.headers['retry-after']).toBe(String(Math.ceil((windowEnd - now) / 1000)));
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expect(limited.headers['x-ratelimit-reset']).toBe(String(windowEnd / 1000));
      for (let i = 0; i < 5; i++) expect((await tokenRequest(e)).status).toBe(200); // /token is not limited
      now = windowEnd;
      expect((await api(e, t, '/v3/sources')).status).toBe(200);
      const stats = e.stats();
      expect(stats.rateLimited).toBe(1);
      expect(stats.windows.map((w) => w.count)).toEqual([4, 1]);
      expect(stats.byStatus).toMatchObject({ '200': 10, '429': 1 });
      expect(stats.byPath).toMatchObject({ '/token': 6, '/v3/sources': 5 });
      e.resetStats();
      expect(e.stats()).toMatchObject({ requests: 0, rateLimited: 0, byPath: {} });
    } finally {
      await e.stop();
    }
  });
});

describe('fault injection', () => {
  let e: GreenhouseEmulator;
  let t: string;
  beforeAll(async () => {
    e = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    t = await token(e);
  });
  afterAll(async () => {
    await e.stop();
  });
  const statusSeq = async (n: number, path = '/v3/sources') => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await api(e, t, path)).status);
    return out;
  };

  it('denies forbidden resources with 403 missing scope', async () => {
    e.setFaults({ forbidden: ['offers'] });
    expect(await api(e, t, '/v3/offers')).toMatchObject({ status: 403, json: { errors: ['Forbidden: missing scope harvest:offers:list'] } });
    expect((await api(e, t, '/v3/jobs')).status).toBe(200);
  });

  it('injects 429 storms with Retry-After', async () => {
    e.setFaults({ rateLimitStorm: { everyNth: 3, length: 2, retryAfterSeconds: 2 } });
    // Requests swallowed by a storm do not count towards the next one.
    expect(await statusSeq(8)).toEqual([200, 200, 429, 429, 200, 200, 429, 429]);
    e.setFaults({ rateLimitStorm: { everyNth: 1, length: 1, retryAfterSeconds: 2 } });
    const storm = await api(e, t, '/v3/sources');
    expect(storm.headers['retry-after']).toBe('2');
    expect(storm.json).toEqual({ errors: ['Rate limit exceeded'] });
    expect(storm.headers['x-ratelimit-limit']).toBe('100000');
  });

  it('injects 5xx with JSON and HTML bodies', async () => {
    e.setFaults({ serverError: { everyNth: 1, statuses: [502], body: 'html' } });
    const html = await api(e, t, '/v3/sources');
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('<html>');
    e.setFaults({ serverError: { everyNth: 1, body: 'json' } });
    expect(await statusSeq(3)).toEqual([500, 502, 503]);
    expect((await api(e, t, '/v3/sources')).json).toEqual({ errors: ['Internal Server Error'] });
  });

  it('slows responses down', async () => {
    e.setFaults({ slow: { everyNth: 1, delayMs: 300 } });
    const t0 = Date.now();
    expect((await api(e, t, '/v3/sources')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('resets connections before or after the headers', async () => {
    e.setFaults({ reset: { everyNth: 1, phase: 'before-headers' } });
    await expect(request(`${e.url}/v3/sources`, { headers: { authorization: `Bearer ${t}` } })).rejects.toThrow();
    e.setFaults({ reset: { everyNth: 1, phase: 'after-headers' } });
    const res = await request(`${e.url}/v3/sources`, { headers: { authorization: `Bearer ${t}` } });
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
  });

  it('truncates bodies below their Content-Length', async () => {
    e.setFaults({ truncate: { everyNth: 1 } });
    const res = await request(`${e.url}/v3/users`, { headers: { authorization: `Bearer ${t}` } });
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(1000);
    await expect(res.body.text()).rejects.toThrow();
  });

  it('forces token expiry', async () => {
    const t2 = await token(e);
    e.setFaults({ tokenExpiry: { everyNth: 2 } });
    expect((await api(e, t2, '/v3/sources')).status).toBe(200);
    expect(await api(e, t2, '/v3/sources')).toMatchObject({ status: 401, json: { errors: ['Unauthorized'] } });
    e.setFaults({});
    expect((await api(e, t2, '/v3/sources')).status).toBe(401);
    t = await token(e);
  });

  it('is reproducible for a seed, limited to chosen resources, and accepts flat shorthands', async () => {
    const config = { seed: 5, serverError: { probability: 0.3, body: 'json' as const }, rateLimitStorm: { probability: 0.1, length: 2 } };
    e.setFaults(config);
    const a = await statusSeq(30);
    e.setFaults(config);
    const b = await statusSeq(30);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
    e.setFaults({ ...config, resources: ['jobs'] });
    expect(await statusSeq(10)).toEqual(Array(10).fill(200));
    e.setFaults({ rate5xx: 1 });
    expect((await api(e, t, '/v3/sources')).status).toBeGreaterThanOrEqual(500);
    e.setFaults({});
    expect(e.stats().faults).toMatchObject({ serverError: expect.any(Number), rateLimitStorm: expect.any(Number) });
  });

  it('never corrupts the world: a clean pass afterwards returns everything', async () => {
    e.setFaults({});
    const { records } = await pageAll(e, t, '/v3/application_stages?per_page=500');
    expect(records.length).toBe(world.visits.length);
  });
});

describe('a live, advancing world', () => {
  it('shows new and updated rows in updated_at windows after the world advances', async () => {
    const w = createWorld({ seed: 8, size: 'small', start: START, now: NOW });
    const e = await startGreenhouseEmulator({ world: w, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    try {
      const t = await token(e);
      const t0 = w.now;
      const since = `/v3/applications?per_page=100&updated_at=gt|${iso(t0)}`;
      expect((await api(e, t, since)).json).toEqual([]);
      const maxId = w.applications.length;
      advanceWorld(w, { days: 10 });
      const { records } = await pageAll(e, t, since);
      const want = descending(w.applications.filter((a) => a.updatedAt > t0).map((a) => a.id));
      expect(ids(records)).toEqual(want);
      expect(records.some((r) => r.id > maxId)).toBe(true);
      expect(records.some((r) => r.id <= maxId)).toBe(true);
      const stages = await pageAll(e, t, `/v3/application_stages?per_page=500&updated_at=gt|${iso(t0)}`);
      expect(stages.records.length).toBe(w.visits.filter((v) => v.updatedAt > t0).length);
    } finally {
      await e.stop();
    }
  });
});

describe('page encoding', () => {
  it('splices chunked JSON into exactly JSON.stringify of the page', () => {
    for (const n of [0, 1, 49, 50, 51, 100, 101, 500]) {
      const recs = Array.from({ length: n }, (_, i) => ({ id: i, s: i % 7 === 0 ? 'Zoë ✓' : 'O\'Brien "q"' }));
      const { chunks, length } = encodeArray(recs);
      const bytes = Buffer.concat(chunks);
      expect(bytes.length).toBe(length);
      expect(bytes.toString()).toBe(JSON.stringify(recs));
    }
  });
});

describe('serve.ts', () => {
  it('starts an out-of-process emulator, prints one JSON line and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'emulators/serve.ts', '--vendor', 'greenhouse', '--seed', '3', '--size', 'tiny', '--rate-limit', '50/30000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', () => reject(new Error('serve.ts exited before printing')));
    });
    const info = JSON.parse(line) as { url: string; tokenUrl: string; credentials: GreenhouseEmulator['credentials']; records: number };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.tokenUrl).toBe(`${info.url}/token`);
    expect(info.records).toBeGreaterThan(100);
    const fake = { ...info, world } as unknown as GreenhouseEmulator;
    const t = await token(fake);
    const r = await api(fake, t, '/v3/jobs');
    expect(r.status).toBe(200);
    expect(r.headers['x-ratelimit-limit']).toBe('50');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
