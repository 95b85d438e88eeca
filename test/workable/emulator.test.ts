// Wire behaviour of the Workable emulator: what an extractor written against real Workable's SPI v3
// must cope with. Field lists are those of Workable's reference (workable.readme.io) and of
// recorded responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DAY, PRESETS, createWorld, type Application, type World } from '../../emulators/world/index.ts';
import { startWorkableEmulator, type WorkableEmulator } from '../../emulators/workable/index.ts';
import { EMULATOR_NO_LIMIT } from './helpers.ts';

type Rec = Record<string, any> & { id: string };
interface Resp { status: number; json: any; text: string; headers: Record<string, string | string[] | undefined> }

const START = Date.UTC(2024, 0, 1);
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The reduced candidate of GET /candidates (reference: job-candidates-index; recorded traffic). */
const CANDIDATE_KEYS = [
  'id', 'name', 'firstname', 'lastname', 'headline', 'account', 'job', 'stage', 'stage_kind', 'disqualified', 'anonymized', 'withdrew',
  'disqualification_reason', 'hired_at', 'moved_to_offer_at', 'sourced', 'profile_url', 'address', 'phone', 'email', 'domain',
  'outlet', 'common_source', 'common_source_category', 'created_at', 'updated_at',
];
/** An activity (reference: candidate-activities; recorded traffic). */
const ACTIVITY_KEYS = ['id', 'action', 'stage_name', 'action_stage', 'target_stage', 'created_at', 'updated_at', 'body'];
const STAGE_REF_KEYS = ['id', 'identifier', 'name', 'slug'];
/** A job of GET /jobs (reference: jobs). */
const JOB_KEYS = [
  'id', 'title', 'full_title', 'shortcode', 'code', 'state', 'department', 'department_hierarchy', 'url', 'application_url',
  'shortlink', 'location', 'created_at', 'updated_at',
];

async function call(url: string, headers: Record<string, string> = {}): Promise<Resp> {
  const res = await request(url, { headers });
  const text = await res.body.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.statusCode, json, text, headers: res.headers };
}

const bearer = (emu: WorkableEmulator) => ({ authorization: `Bearer ${emu.credentials.token}` });
const api = (emu: WorkableEmulator, path: string) => call(path.startsWith('http') ? path : `${emu.url}${path}`, bearer(emu));

/** Follows `paging.next` verbatim, as a client must. */
async function walk(emu: WorkableEmulator, path: string, key: string): Promise<{ records: Rec[]; urls: string[] }> {
  const records: Rec[] = [];
  const urls: string[] = [];
  let url: string | undefined = `${emu.url}${path}`;
  while (url !== undefined) {
    urls.push(url);
    const r = await api(emu, url);
    expect(r.status, r.text).toBe(200);
    records.push(...r.json[key]);
    url = r.json.paging?.next;
    if (url === undefined) expect(Object.keys(r.json)).toEqual([key]);
  }
  return { records, urls };
}

describe('Workable emulator', () => {
  let world: World;
  let emu: WorkableEmulator;

  beforeAll(async () => {
    // A small world has every untidy shape: renamed stages, deleted jobs and members, moves back,
    // disqualifications with and without a reason, requalifications, talent-pool prospects.
    world = createWorld({ seed: 8, size: 'small', start: START, now: START + 200 * DAY });
    emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
  });
  afterAll(() => emu.stop());

  const candidateOf = (app: Application) => emu.view.ids.candidate(app.id);
  const activitiesOf = async (app: Application): Promise<Rec[]> => (await walk(emu, `/candidates/${candidateOf(app)}/activities`, 'activities')).records;

  it('wants the Bearer token and answers Workable\'s error bodies', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' } as Record<string, string>, { authorization: `Basic ${Buffer.from(`${emu.credentials.token}:`).toString('base64')}` }]) {
      const r = await call(`${emu.url}/jobs`, headers);
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ error: 'Not authorized' });
    }
    expect((await api(emu, '/candidates/ffffffff/offer')).json).toEqual({ error: 'Not found' });
    expect((await api(emu, '/nothing')).status).toBe(404);
    const bad = await api(emu, '/candidates?updated_after=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/updated_after/);
  });

  it('pages in id order: 50 by default, at most 100, a full next URL, no paging key on the last page', async () => {
    const first = await api(emu, '/candidates');
    expect(first.json.candidates).toHaveLength(50);
    expect((await api(emu, '/candidates?limit=500')).json.candidates).toHaveLength(100);
    const next = new URL(first.json.paging.next);
    expect(`${next.origin}${next.pathname}`).toBe(`${emu.url}/candidates`);
    // since_id is the first record of the next page.
    expect(next.searchParams.get('since_id')).toBe((await api(emu, '/candidates?limit=51')).json.candidates[50].id);

    const { records, urls } = await walk(emu, '/candidates?limit=100', 'candidates');
    expect(records.map((r) => r.id)).toEqual(world.applications.map(candidateOf));
    expect(urls).toHaveLength(Math.ceil(world.applications.length / 100));
    // since_id and max_id are inclusive.
    const [a, b] = [records[10]!.id, records[12]!.id];
    expect((await api(emu, `/candidates?since_id=${a}&max_id=${b}`)).json.candidates.map((r: Rec) => r.id)).toEqual(records.slice(10, 13).map((r) => r.id));
  });

  it('filters on updated_after in whole seconds, given as ISO 8601 (extended or basic) or Unix time', async () => {
    const { records } = await walk(emu, '/candidates?limit=100', 'candidates');
    const cut = records.map((r) => r.updated_at as string).sort()[Math.floor(records.length / 2)]!;
    const expected = records.filter((r) => r.updated_at >= cut).map((r) => r.id);
    const unix = String(Date.parse(cut) / 1000);
    const basic = cut.replace(/[-:]/g, '');
    for (const v of [cut, basic, unix]) {
      expect((await walk(emu, `/candidates?limit=100&updated_after=${v}`, 'candidates')).records.map((r) => r.id)).toEqual(expected);
    }
    // The filter rides along in every next URL.
    const { urls } = await walk(emu, `/candidates?limit=20&updated_after=${cut}`, 'candidates');
    expect(urls.slice(1).every((u) => new URL(u).searchParams.get('updated_after') === cut)).toBe(true);
  });

  it('renders candidates with the documented fields: whole-second times, job by shortcode, the talent pool without a job', async () => {
    const { records } = await walk(emu, '/candidates?limit=100', 'candidates');
    for (const c of records) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(CANDIDATE_KEYS));
      expect(c.created_at).toMatch(SECONDS);
      expect(c.updated_at).toMatch(SECONDS);
    }
    const pool = world.applications.find((a) => a.jobId === null)!;
    const c = records.find((r) => r.id === candidateOf(pool))!;
    expect(c).toMatchObject({ job: null, stage: 'Sourced', stage_kind: 'sourced', sourced: true, disqualified: false });
    const hire = world.applications.find((a) => a.status === 'hired')!;
    expect(records.find((r) => r.id === candidateOf(hire))).toMatchObject({ stage: 'Hired', stage_kind: 'hired', job: { shortcode: emu.view.ids.shortcode(hire.jobId!) } });
    const detail = await api(emu, `/candidates/${candidateOf(hire)}`);
    expect(Object.keys(detail.json.candidate)).toEqual(expect.arrayContaining([...CANDIDATE_KEYS, 'disqualified_at', 'tags', 'answers', 'resume_url']));
  });

  it('records stage moves, moves back, hires and disqualifications as activities with millisecond times', async () => {
    const order = (vid: number) => world.stages[world.visits[vid - 1]!.stageId - 1]!.sortOrder;
    const back = world.applications.find((a) => a.status === 'hired' && a.visitIds.some((v, i) => i > 0 && order(v) < order(a.visitIds[i - 1]!)))
      ?? world.applications.find((a) => a.visitIds.some((v, i) => i > 0 && order(v) < order(a.visitIds[i - 1]!)))!;
    const acts = (await activitiesOf(back)).sort((x, y) => x.created_at.localeCompare(y.created_at));
    for (const a of acts) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(ACTIVITY_KEYS));
      expect(a.created_at).toMatch(MILLIS);
      for (const s of [a.action_stage, a.target_stage]) if (s !== null) expect(Object.keys(s).sort()).toEqual([...STAGE_REF_KEYS].sort());
      if (a.action_stage !== null) expect(typeof a.action_stage.id).toBe('number');
    }
    const moves = acts.filter((a) => a.target_stage !== null && a.target_stage.slug !== 'hired');
    // The arrival is in the first stage; every later visit is a move whose action is the target's slug.
    expect(acts[0]).toMatchObject({ action: expect.stringMatching(/^(applied|uploaded)$/), target_stage: null });
    expect(moves).toHaveLength(back.visitIds.length - 1);
    for (const [i, m] of moves.entries()) {
      const v = world.visits[back.visitIds[i + 1]! - 1]!;
      expect(m.action).toBe(m.target_stage.slug);
      expect(m.target_stage.id).toBe(emu.view.ids.stage(v.stageId));
      expect(Date.parse(m.created_at)).toBe(v.enteredAt);
    }
    const rejected = world.applications.find((a) => a.status === 'rejected' && world.rejectionReasons[a.rejectionReasonId! - 1]!.type === 'withdrawn_by_candidate')!;
    const disq = (await activitiesOf(rejected)).filter((a) => a.action === 'disqualified').sort((x, y) => x.created_at.localeCompare(y.created_at));
    expect(disq.at(-1)).toMatchObject({ target_stage: null, body: world.rejectionReasons[rejected.rejectionReasonId! - 1]!.name });
    expect(Date.parse(disq.at(-1)!.created_at)).toBe(rejected.rejectedAt);
    const c = (await api(emu, `/candidates/${candidateOf(rejected)}`)).json.candidate;
    expect(c).toMatchObject({ disqualified: true, withdrew: true, disqualification_reason: world.rejectionReasons[rejected.rejectionReasonId! - 1]!.name });
    // Reasons Workable has no such category for ("Other"): a disqualification without a reason.
    const unspecified = world.applications.find((a) => a.status === 'rejected' && world.rejectionReasons[a.rejectionReasonId! - 1]!.type === 'unspecified')!;
    const standing = (await activitiesOf(unspecified)).filter((a) => a.action === 'disqualified').sort((x, y) => x.created_at.localeCompare(y.created_at)).at(-1)!;
    expect(standing.body).toBeNull();
  });

  it('shows a mistaken disqualification and its revert, and the requalified candidate as not disqualified', async () => {
    const app = world.applications.find((a) => a.status === 'active' && emu.view.requalification(a) !== null)!;
    const r = emu.view.requalification(app)!;
    const acts = await activitiesOf(app);
    const disq = acts.find((a) => a.action === 'disqualified')!;
    const reverted = acts.find((a) => a.action === 'reverted')!;
    expect(Date.parse(disq.created_at)).toBe(r.disqualifiedAt);
    expect(Date.parse(reverted.created_at)).toBe(r.requalifiedAt);
    // The revert touches the disqualification too, so an incremental read never sees half of it.
    expect(disq.updated_at).toBe(reverted.created_at);
    expect(reverted.action_stage.id).toBe(disq.action_stage.id);
    expect((await api(emu, `/candidates/${candidateOf(app)}`)).json.candidate.disqualified).toBe(false);
    expect(Date.parse((await api(emu, `/candidates/${candidateOf(app)}`)).json.candidate.updated_at)).toBeGreaterThanOrEqual(Math.floor(r.requalifiedAt / 1000) * 1000);
  });

  it('keeps a renamed stage\'s id and slug: activities show the name it had then, the stage list the name it has now', async () => {
    const renamed = world.stages.find((s) => s.name !== s.template && s.updatedAt > s.createdAt && s.jobId !== null && world.jobs[s.jobId - 1]!.deletedAt === null &&
      world.visits.some((v) => v.stageId === s.id && v.enteredAt < s.updatedAt))!;
    const list = (await api(emu, `/jobs/${emu.view.ids.shortcode(renamed.jobId!)}/stages`)).json.stages as Record<string, any>[];
    const listed = list.find((s) => s.id === emu.view.ids.stage(renamed.id))!;
    expect(listed.name).toBe(renamed.name);
    const visit = world.visits.find((v) => v.stageId === renamed.id && v.enteredAt < renamed.updatedAt)!;
    const app = world.applications[visit.applicationId - 1]!;
    const seen = (await activitiesOf(app)).flatMap((a) => [a.action_stage, a.target_stage]).filter((s) => s?.id === listed.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.slug === listed.slug)).toBe(true);
    expect(seen.some((s) => s.name === renamed.template)).toBe(true);
  });

  it('lists jobs, job stages, members, departments and reasons in the documented shapes; deleted ones are gone but still named', async () => {
    const jobs = (await walk(emu, '/jobs?limit=7', 'jobs')).records;
    expect(jobs).toHaveLength(world.jobs.filter((j) => j.deletedAt === null).length);
    for (const j of jobs) {
      expect(Object.keys(j)).toEqual(expect.arrayContaining(JOB_KEYS));
      expect(['draft', 'published', 'closed', 'archived']).toContain(j.state);
    }
    expect((await api(emu, '/jobs?state=archived')).json.jobs.every((j: Rec) => j.state === 'archived')).toBe(true);

    const job = world.jobs.find((j) => j.deletedAt === null && j.stageIds.length > 0)!;
    const stages = (await api(emu, `/jobs/${emu.view.ids.shortcode(job.id)}/stages`)).json.stages as Record<string, any>[];
    expect(stages.map((s) => Object.keys(s).sort())).toEqual(stages.map(() => ['id', 'identifier', 'kind', 'name', 'position', 'slug']));
    expect(stages.map((s) => s.kind)[0]).toBe('sourced');
    expect(stages.at(-1)).toMatchObject({ name: 'Hired', kind: 'hired', position: job.stageIds.length + 1 });

    const deleted = world.jobs.find((j) => j.deletedAt !== null)!;
    expect((await api(emu, `/jobs/${emu.view.ids.shortcode(deleted.id)}/stages`)).status).toBe(404);
    const orphan = world.applications.find((a) => a.jobId === deleted.id)!;
    expect((await api(emu, `/candidates/${candidateOf(orphan)}`)).json.candidate.job.shortcode).toBe(emu.view.ids.shortcode(deleted.id));

    const members = (await walk(emu, '/members?status=all&limit=40', 'members')).records;
    expect(members).toHaveLength(world.users.filter((u) => u.deletedAt === null).length);
    expect((await walk(emu, '/members?limit=100', 'members')).records).toHaveLength(world.users.filter((u) => u.deletedAt === null && !u.disabled).length);

    const departments = (await api(emu, '/departments')).json;
    expect(Array.isArray(departments)).toBe(true);
    expect(departments.map((d: Rec) => Object.keys(d).sort())[0]).toEqual(['id', 'name', 'parent_id']);
    const reasons = (await api(emu, '/disqualification_reasons')).json;
    expect(Array.isArray(reasons)).toBe(true);
    expect(Object.keys(reasons[0]).sort()).toEqual(['candidate_withdrew', 'description', 'id', 'position']);
    expect(reasons.some((r: Rec) => r.candidate_withdrew)).toBe(true);
  });

  it('shows a candidate\'s latest offer only, in the documented shape', async () => {
    const revised = world.applications.find((a) => a.offerIds.length > 1)!;
    const o = await api(emu, `/candidates/${candidateOf(revised)}/offer`);
    expect(o.status).toBe(200);
    expect(Object.keys(o.json).sort()).toEqual(['candidate', 'created_at', 'document_variables', 'documents', 'state']);
    expect(o.json.candidate.id).toBe(candidateOf(revised));
    expect(o.json.created_at).toMatch(MILLIS);
    expect(Date.parse(o.json.created_at)).toBe(world.offers[revised.offerIds.at(-1)! - 1]!.createdAt);
    const declined = world.offers.find((x) => x.status === 'declined')!;
    expect((await api(emu, `/candidates/${emu.view.ids.candidate(declined.applicationId)}/offer`)).json.state).toBe('rejected');
    // Only candidates moved to an offer stage have one.
    const { records } = await walk(emu, '/candidates?limit=100', 'candidates');
    const withOffer = new Set(world.applications.filter((a) => a.offerIds.length > 0).map(candidateOf));
    expect(records.filter((c) => withOffer.has(c.id)).every((c) => c.moved_to_offer_at !== null)).toBe(true);
  });

  it('refuses worlds with applications outside any job and talent pool', async () => {
    const jobless = createWorld({ seed: 2, size: { ...PRESETS.tiny, joblessApplications: 0.3 }, start: START, now: START + 60 * DAY });
    await expect(startWorkableEmulator({ world: jobless })).rejects.toThrow(/joblessApplications 0/);
  });
});

describe('Workable emulator rate limit', () => {
  it('allows 10 requests per 10-second interval and says so in X-Rate-Limit-* (reset in epoch seconds)', async () => {
    const world = createWorld({ seed: 5, size: 'tiny', start: START, now: START + 30 * DAY });
    let now = Date.UTC(2026, 0, 1, 12, 0, 3);
    const emu = await startWorkableEmulator({ world, clock: () => now });
    try {
      const seen: { status: number; remaining: unknown; reset: unknown; limit: unknown }[] = [];
      for (let i = 0; i < 11; i++) {
        const r = await api(emu, '/departments');
        seen.push({ status: r.status, limit: r.headers['x-rate-limit-limit'], remaining: r.headers['x-rate-limit-remaining'], reset: r.headers['x-rate-limit-reset'] });
      }
      const reset = String(Date.UTC(2026, 0, 1, 12, 0, 10) / 1000);
      expect(seen.slice(0, 10).map((s) => s.status)).toEqual(Array(10).fill(200));
      expect(seen.map((s) => s.remaining)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0', '0']);
      expect(seen.every((s) => s.limit === '10' && s.reset === reset)).toBe(true);
      expect(seen[10]).toMatchObject({ status: 429 });
      now += 7_000;
      expect((await api(emu, '/departments')).status).toBe(200);
      expect(emu.stats().rateLimited).toBe(1);
    } finally {
      await emu.stop();
    }
  });
});
