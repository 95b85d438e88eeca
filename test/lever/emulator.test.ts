// Wire behaviour of the Lever emulator: what an extractor written against real Lever must cope with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DAY, PRESETS, createWorld, visitsOf, type World } from '../../emulators/world/index.ts';
import { startLeverEmulator, type LeverEmulator } from '../../emulators/lever/index.ts';
import { EMULATOR_NO_LIMIT } from './helpers.ts';

type Rec = Record<string, unknown> & { id: string };
interface Resp { status: number; json: any; text: string }

const START = Date.UTC(2024, 0, 1);
const NOW = START + 300 * DAY;

async function call(url: string, headers: Record<string, string> = {}): Promise<Resp> {
  const res = await request(url, { headers });
  const text = await res.body.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.statusCode, json, text };
}

const basic = (key: string, password = '') => ({ authorization: `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}` });
const api = (emu: LeverEmulator, path: string) => call(`${emu.url}${path}`, basic(emu.credentials.api_key));

/** Follows `next` as a client does: the token goes back as `offset`, encoded once more by the query builder. */
async function pageAll(emu: LeverEmulator, path: string, limit = 37): Promise<{ records: Rec[]; pages: number; lastKeys: string[] }> {
  const records: Rec[] = [];
  let pages = 0;
  let lastKeys: string[] = [];
  let offset: string | undefined;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api(emu, `${path}${sep}limit=${limit}${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`);
    expect(r.status, r.text).toBe(200);
    pages++;
    records.push(...r.json.data);
    lastKeys = Object.keys(r.json);
    if (!r.json.hasNext) {
      expect(r.json.next).toBeUndefined();
      return { records, pages, lastKeys };
    }
    expect(typeof r.json.next).toBe('string');
    offset = r.json.next;
  }
}

describe('Lever emulator', () => {
  let world: World;
  let emu: LeverEmulator;
  let confidentialJob: number;

  beforeAll(async () => {
    // Most opportunities of a real Lever account have no posting: half of this world's have none.
    world = createWorld({ seed: 21, size: { ...PRESETS.tiny, joblessApplications: 0.5 }, start: START, now: NOW });
    // One confidential posting with applicants, whatever the seed drew.
    confidentialJob = world.applications.find((a) => !a.isProspect && a.jobId !== null)!.jobId!;
    world.jobs[confidentialJob - 1]!.confidential = true;
    emu = await startLeverEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, legacyBefore: NOW - 40 * DAY });
  });
  afterAll(() => emu.stop());

  it('wants Basic auth with the API key as username and a blank password', async () => {
    for (const headers of [{}, basic('wrong-key'), basic(emu.credentials.api_key, 'x'), { authorization: `Bearer ${emu.credentials.api_key}` }]) {
      const r = await call(`${emu.url}/opportunities`, headers);
      expect(r.status).toBe(401);
      expect(r.json.code).toBe('UnauthorizedError');
      expect(typeof r.json.message).toBe('string');
    }
    expect((await api(emu, '/opportunities')).status).toBe(200);
  });

  it('pages with {data, hasNext, next}, omits next on the last page and honours limit 1–100', async () => {
    const all = world.applications.filter((a) => a.jobId === null || !world.jobs[a.jobId - 1]!.confidential);
    const { records, pages, lastKeys } = await pageAll(emu, '/opportunities');
    expect(pages).toBe(Math.ceil(all.length / 37));
    expect(lastKeys).toEqual(['data', 'hasNext']);
    expect(new Set(records.map((r) => r.id)).size).toBe(all.length);
    for (const bad of ['0', '101', 'x']) {
      const r = await api(emu, `/opportunities?limit=${bad}`);
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('BadRequestError');
    }
    const one = await api(emu, '/opportunities?limit=100');
    expect(one.json.data.length).toBe(Math.min(100, all.length));
  });

  it('lists opportunities by stage rank, then most recently advanced first', async () => {
    const stages = (await pageAll(emu, '/stages', 100)).records.map((s) => s.id);
    const { records } = await pageAll(emu, '/opportunities?confidentiality=all', 100);
    for (let i = 1; i < records.length; i++) {
      const [a, b] = [records[i - 1]!, records[i]!];
      const ra = stages.indexOf(a['stage'] as string);
      const rb = stages.indexOf(b['stage'] as string);
      expect(ra <= rb).toBe(true);
      if (ra === rb) expect((a['lastAdvancedAt'] as number) >= (b['lastAdvancedAt'] as number)).toBe(true);
    }
  });

  it('takes offset tokens single- or double-encoded and answers a bad one with 400 Invalid offset token', async () => {
    const first = await api(emu, '/opportunities?limit=5');
    const token = first.json.next as string;
    expect(decodeURIComponent(token).startsWith('[')).toBe(true);
    const raw = await api(emu, `/opportunities?limit=5&offset=${token}`);
    const twice = await api(emu, `/opportunities?limit=5&offset=${encodeURIComponent(token)}`);
    expect(raw.status).toBe(200);
    expect(twice.json).toEqual(raw.json);
    expect(raw.json.data[0].id).not.toBe(first.json.data[0].id);
    for (const bad of ['garbage', encodeURIComponent('[1,2]'), encodeURIComponent('{"a":1}'), '%E0%A4%A']) {
      const r = await api(emu, `/opportunities?offset=${bad}`);
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ code: 'BadRequestError', message: 'Invalid offset token' });
    }
  });

  it('uses epoch-ms integers and leaves updatedAt null on opportunities untouched since long ago', async () => {
    const { records } = await pageAll(emu, '/opportunities?confidentiality=all', 100);
    const nulls = records.filter((r) => r['updatedAt'] === null);
    expect(nulls.length).toBeGreaterThan(0);
    expect(nulls.length).toBeLessThan(records.length);
    for (const r of records) {
      expect(Number.isInteger(r['createdAt'])).toBe(true);
      if (r['updatedAt'] !== null) expect(Number.isInteger(r['updatedAt'])).toBe(true);
    }
  });

  it('filters on updated_at_start/_end inclusively and never returns a null updatedAt to a filtered query', async () => {
    const rows = emu.opportunities();
    const times = rows.map((r) => r.updatedAt).filter((t): t is number => t !== null).sort((a, b) => a - b);
    const lo = times[Math.floor(times.length / 3)]!;
    const hi = times[Math.floor((2 * times.length) / 3)]!;
    const expected = rows.filter((r) => r.updatedAt !== null && r.updatedAt >= lo && r.updatedAt <= hi).map((r) => r.id).sort();
    const { records } = await pageAll(emu, `/opportunities?confidentiality=all&updated_at_start=${lo}&updated_at_end=${hi}`, 10);
    expect(records.map((r) => r.id).sort()).toEqual(expected);
    const open = await pageAll(emu, '/opportunities?confidentiality=all&updated_at_start=0', 100);
    expect(open.records.length).toBe(rows.filter((r) => r.updatedAt !== null).length);
    expect((await api(emu, '/opportunities?updated_at_start=yesterday')).status).toBe(400);
  });

  it('hides confidential postings and their opportunities unless confidentiality=all', async () => {
    const postingId = emu.leverId('posting', confidentialJob);
    const ofJob = world.applications.filter((a) => a.jobId === confidentialJob).length;
    const defaults = await pageAll(emu, '/opportunities', 100);
    const all = await pageAll(emu, '/opportunities?confidentiality=all', 100);
    const only = await pageAll(emu, '/opportunities?confidentiality=confidential', 100);
    expect(all.records.length).toBe(world.applications.length);
    expect(all.records.length - defaults.records.length).toBe(only.records.length);
    expect(only.records.length).toBeGreaterThanOrEqual(ofJob);
    expect(only.records.every((r) => r['confidentiality'] === 'confidential')).toBe(true);
    expect((await pageAll(emu, '/postings', 100)).records.some((p) => p.id === postingId)).toBe(false);
    expect((await pageAll(emu, '/postings?confidentiality=all', 100)).records.some((p) => p.id === postingId)).toBe(true);
  });

  it('renders the world recoverably: stage history, outcomes, the application and its posting (or none)', async () => {
    const { records } = await pageAll(emu, '/opportunities?confidentiality=all&expand=applications', 100);
    const reasons = new Map((await pageAll(emu, '/archive_reasons', 100)).records.map((r) => [r.id, r]));
    const stageNames = new Map((await pageAll(emu, '/stages', 100)).records.map((s) => [s.id, s['text']]));
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const app of world.applications) {
      const o = byId.get(emu.leverId('opportunity', app.id))! as any;
      expect(o.contact).toBe(emu.leverId('contact', app.candidateId));
      if (app.jobId !== null) {
        expect(o.applications).toHaveLength(1);
        expect(o.applications[0].posting).toBe(emu.leverId('posting', app.jobId));
      } else if (o.applications.length === 1) {
        expect(o.applications[0].posting).toBeNull();
        expect(o.applications[0].type).toBe('user');
      } else {
        expect(o.applications).toEqual([]);
      }
      expect(o.sources).toEqual([world.sources[app.sourceId - 1]!.name]);
      const changes = o.stageChanges as { toStageId: string; updatedAt: number }[];
      if (app.isProspect) {
        expect(changes.map((c) => c.toStageId)).toEqual(['lead-new']);
      } else {
        const visits = visitsOf(world, app);
        expect(changes.map((c) => c.updatedAt)).toEqual(visits.map((v) => v.enteredAt));
        expect(changes.map((c) => stageNames.get(c.toStageId))).toEqual(visits.map((v) => world.stages[v.stageId - 1]!.name));
      }
      if (app.status === 'active') expect(o.archived).toBeNull();
      else {
        expect(o.archived.archivedAt).toBe(app.hiredAt ?? app.rejectedAt);
        const reason = reasons.get(o.archived.reason)!;
        expect(reason['type']).toBe(app.status === 'hired' ? 'hired' : 'non-hired');
        if (app.status === 'rejected') expect(reason['text']).toBe(world.rejectionReasons[app.rejectionReasonId! - 1]!.name);
      }
    }
  });

  it('serves offers, interviews and feedback per opportunity, and 404s an unknown one', async () => {
    const app = world.applications.find((a) => a.offerIds.length > 0 && a.interviewIds.length > 0)!;
    const id = emu.leverId('opportunity', app.id);
    const offers = await pageAll(emu, `/opportunities/${id}/offers`, 1);
    expect(offers.records.map((o) => o.id)).toEqual(app.offerIds.map((o) => emu.leverId('offer', o)));
    const interviews = await pageAll(emu, `/opportunities/${id}/interviews`);
    expect(interviews.records.map((r) => r.id).sort()).toEqual(app.interviewIds.map((i) => emu.leverId('interview', i)).sort());
    const feedback = await pageAll(emu, `/opportunities/${id}/feedback`);
    const cards = app.interviewIds.flatMap((i) => world.interviews[i - 1]!.scorecardIds);
    expect(feedback.records.map((r) => r.id).sort()).toEqual(cards.map((c) => emu.leverId('feedback', c)).sort());
    const missing = await api(emu, '/opportunities/00000000-0000-4000-8000-000000000000/offers');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('NotFoundError');
  });

  it('moves deleted opportunities and postings to /deleted with deletedAt, filterable by deleted_at', async () => {
    const app = world.applications.find((a) => a.status === 'rejected')!;
    const job = world.jobs.find((j) => world.sim.jobApps[j.id - 1]!.length === 0) ?? world.jobs.at(-1)!;
    const t = world.now - DAY;
    const oppId = emu.deleteOpportunity(app.id, t);
    const postingId = emu.deletePosting(job.id, t);
    expect((await api(emu, `/opportunities/${oppId}`)).status).toBe(404);
    expect((await pageAll(emu, '/opportunities?confidentiality=all', 100)).records.some((r) => r.id === oppId)).toBe(false);
    const deleted = await api(emu, '/opportunities/deleted');
    expect(deleted.json.data).toHaveLength(1);
    expect(deleted.json.data[0]).toMatchObject({ id: oppId, deletedAt: t });
    expect(typeof deleted.json.data[0].deletedBy).toBe('string');
    expect((await api(emu, `/opportunities/deleted?deleted_at_start=${t + 1}`)).json.data).toEqual([]);
    expect((await api(emu, `/opportunities/deleted?deleted_at_start=${t}&deleted_at_end=${t}`)).json.data).toHaveLength(1);
    const postings = await api(emu, '/postings/deleted');
    expect(postings.json.data.map((p: Rec) => p.id)).toEqual([postingId]);
    expect(postings.json.data[0].deletedAt).toBe(t);
    expect((await pageAll(emu, '/postings?confidentiality=all', 100)).records.some((p) => p.id === postingId)).toBe(false);
  });
});

describe('Lever emulator rate limit', () => {
  let emu: LeverEmulator;
  beforeAll(async () => {
    const world = createWorld({ seed: 22, size: 'tiny', start: START, now: NOW });
    emu = await startLeverEmulator({ world, rateLimit: { perSecond: 1, burst: 3 } });
  });
  afterAll(() => emu.stop());

  it('allows a burst, then answers 429 TooManyRequestsError until tokens refill', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await api(emu, '/stages')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const r = await api(emu, '/stages');
    expect(r.json.code).toBe('TooManyRequestsError');
    await new Promise((res) => setTimeout(res, 1100));
    expect((await api(emu, '/stages')).status).toBe(200);
    expect(emu.stats().rateLimited).toBeGreaterThanOrEqual(3);
  });

});

describe('Lever emulator faults', () => {
  let emu: LeverEmulator;
  beforeAll(async () => {
    emu = await startLeverEmulator({ world: createWorld({ seed: 23, size: 'tiny', start: START, now: NOW }), rateLimit: EMULATOR_NO_LIMIT });
  });
  afterAll(() => emu.stop());

  it('injects 5xx with Lever error bodies and 403 per resource, switchably', async () => {
    emu.setFaults({ serverError: { everyNth: 1, statuses: [503], body: 'json' } });
    const r = await api(emu, '/users');
    expect(r.status).toBe(503);
    expect(r.json.code).toBe('ServiceUnavailableError');
    emu.setFaults({ forbidden: ['users'] });
    const f = await api(emu, '/users');
    expect(f.status).toBe(403);
    expect(f.json.code).toBe('ForbiddenError');
    emu.setFaults({});
    expect((await api(emu, '/users')).status).toBe(200);
  });
});
