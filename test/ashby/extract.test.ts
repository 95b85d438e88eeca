// The Ashby extractor against the Ashby emulator: complete landing, sync-token increments equal to
// a full refresh, Ashby's refusals of a token or cursor, deletions reconciled by a full pass,
// resumable passes, faults, permissions and the application.listHistory budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DAY, advanceWorld, createWorld, type World } from '../../emulators/world/index.ts';
import { startAshbyEmulator, type AshbyEmulator } from '../../emulators/ashby/index.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { StateStore } from '../../src/state/state-store.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { tempDir } from '../helpers/tmp.ts';
import { json, startServer } from '../http/helpers/server.ts';
import { extractInto, withDuck } from '../helpers/pipeline.ts';
import { EMULATOR_NO_LIMIT, ashbyConfig, ashbyLatest, byStream, failures } from './helpers.ts';

const START = Date.UTC(2024, 0, 1);
const at = (world: World) => new Date(world.now + 1);
const unthrottled = (world: World, extra: Parameters<typeof startAshbyEmulator>[0] extends infer O ? Partial<O> : never = {}) =>
  startAshbyEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT, ...extra });

/** Every record of the world as Ashby shows it, per stream. */
function expectedCounts(world: World): Record<string, number> {
  const shown = world.applications.filter((a) => a.jobId !== null);
  const definitions = new Set(world.interviews.map((iv) => `${iv.stageId}.${iv.kitIndex}`));
  return {
    applications: shown.length,
    application_history: shown.length,
    candidates: world.candidates.filter((c) => c.mergedInto === null).length,
    jobs: world.jobs.length,
    interview_plans: world.jobs.length,
    interview_stages: world.jobs.length,
    interviews: definitions.size,
    interview_schedules: world.interviews.length,
    application_feedback: world.scorecards.length,
    offers: world.applications.filter((a) => a.offerIds.length > 0).length,
    openings: world.openings.length,
    sources: world.sources.length,
    archive_reasons: world.rejectionReasons.length,
    departments: world.departments.length,
    locations: world.offices.length,
    users: world.users.filter((u) => u.deletedAt === null).length,
  };
}

async function latestCounts(engine: Engine): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await ashbyLatest(engine)).map(([k, v]) => [k, v.length]));
}

/** Every record an endpoint lists now, id → JSON, read straight from the emulator. */
async function listed(emu: AshbyEmulator, endpoint: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetch(`${emu.url}/${endpoint}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${emu.credentials.api_key}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 100, ...(cursor ? { cursor } : {}) }),
    }).then((r) => r.json() as Promise<{ results: { id: string }[]; moreDataAvailable: boolean; nextCursor?: string }>);
    for (const r of page.results) out.set(r.id, JSON.stringify(r));
    if (!page.moreDataAvailable) return out;
    cursor = page.nextCursor;
  }
}

const syncState = async (engine: Engine, stream: string) => {
  const cp = await new StateStore('hirelake').get(engine, 'delta', stream);
  return cp.syncState ? (JSON.parse(cp.syncState) as { token: string | null; fullAt: string | null }) : null;
};

describe('Ashby extraction into DuckDB', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('a first sync lands every stream completely, with the history of every application and the stages of every plan', async () => {
    const world = createWorld({ seed: 41, size: 'tiny', start: START, now: START + 200 * DAY });
    const emu = await unthrottled(world);
    try {
      const path = join(tmp.dir, 'first.duckdb');
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, ashbyConfig(emu, path, { page_size: 25 }), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        expect(await latestCounts(engine)).toEqual(expectedCounts(world));
        const streams = byStream(res);
        const shown = world.applications.filter((a) => a.jobId !== null).length;
        expect(streams['applications']!.pages).toBe(Math.ceil(shown / 25));
        expect(streams['application_history']!.requests).toBe(shown);
        expect(streams['interview_stages']!.requests).toBe(world.jobs.length);
        // The sync token of each pass's last page is kept for the next run.
        expect((await syncState(engine, 'applications'))!.token).toMatch(/\S/);
        const [entries] = await engine.query<{ n: number }>(`select sum(json_array_length(_payload, '$.applicationHistory')) as n from raw.ashby__application_history`);
        const outcomes = world.applications.filter((a) => a.jobId !== null && !a.isProspect && a.status !== 'active').length;
        const leads = world.applications.filter((a) => a.jobId !== null && a.isProspect).length;
        expect(Number(entries!.n)).toBe(world.visits.length + outcomes + leads);
      });
    } finally {
      await emu.stop();
    }
  });

  it('an incremental run sends the sync token, lands the changes (not everything), and a reconciling full pass then equals a full refresh', async () => {
    // Seed 102: a candidate is merged into another while the world advances (its only merge).
    const world = createWorld({ seed: 102, size: 'tiny', start: START, now: START + 120 * DAY });
    const emu = await unthrottled(world);
    try {
      const inc = join(tmp.dir, 'inc.duckdb');
      const full = join(tmp.dir, 'refresh.duckdb');
      const extra = { page_size: 20, lookback_minutes: 0, full_resync_days: null };
      const t1 = at(world);
      await withDuck(inc, async (engine) => {
        expect((await extractInto(engine, ashbyConfig(emu, inc, extra), { now: t1 })).ok).toBe(true);
      });
      const before = new Map(world.applications.map((a) => [a.id, a.updatedAt]));
      const shownBefore = await listed(emu, 'application.list');
      // Short enough that most applications do not change (the check below).
      advanceWorld(world, { days: 10 });
      // What changed: every application whose representation changed (its own fields or an object
      // it embeds, such as the candidate's phone number), and those created since.
      const shownAfter = await listed(emu, 'application.list');
      const changed = [...shownAfter].filter(([id, json]) => shownBefore.get(id) !== json).map(([id]) => id).sort();
      const moved = world.applications.filter((a) => a.jobId !== null && before.get(a.id) !== a.updatedAt).length;
      const merged = world.candidates.filter((c) => c.mergedInto !== null).map((c) => emu.ashbyId('candidate', c.id));
      expect(changed.length).toBeGreaterThan(0);
      expect(changed.length).toBeLessThan(world.applications.length / 2);
      expect(merged).toHaveLength(1);
      await withDuck(inc, async (engine) => {
        const res = await extractInto(engine, ashbyConfig(emu, inc, extra), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const landed = await engine.query<{ id: string }>('select _record_id as id from raw.ashby__applications where _run_id = $1 order by 1', [res.runId]);
        // Every changed application, and few others (Ashby resends a record when an object it embeds
        // changed, e.g. the candidate, even if nothing shown did), never everything.
        const ids = landed.map((r) => r.id);
        expect(ids).toEqual(expect.arrayContaining(changed));
        expect(ids.length).toBeLessThan(shownAfter.size);
        // History is re-read for exactly the applications whose own updatedAt moved.
        expect(byStream(res)['application_history']!.requests).toBe(moved);
        expect(moved).toBeLessThanOrEqual(changed.length);
        // An increment cannot see the merge: the merged-away candidate is still there.
        const live = await ashbyLatest(engine);
        expect(live['candidates']!.some((r) => r.startsWith(merged[0]!))).toBe(true);
      });
      await withDuck(full, async (engine) => {
        const res = await extractInto(engine, ashbyConfig(emu, full, extra), { now: at(world), fullRefresh: true });
        expect(res.ok, failures(res)).toBe(true);
        expect(await latestCounts(engine)).toEqual(expectedCounts(world));
      });
      const refreshed = await withDuck(full, ashbyLatest);
      const incremental = await withDuck(inc, ashbyLatest);
      const differs = (a: Record<string, string[]>) => Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(refreshed[k]));
      expect(differs({ ...incremental, candidates: incremental['candidates']!.filter((r) => !r.startsWith(merged[0]!)) })).toEqual([]);
      // A day later a reconciling full pass (full_resync_days: 1) tombstones what Ashby no longer lists.
      await withDuck(inc, async (engine) => {
        const res = await extractInto(engine, ashbyConfig(emu, inc, { ...extra, full_resync_days: 1 }), { now: new Date(world.now + DAY) });
        expect(res.ok, failures(res)).toBe(true);
        const tombstones = await engine.query<{ stream: string; id: string }>(
          `select 'candidates' as stream, _record_id as id from raw.ashby__candidates where _deleted and _run_id = $1`, [res.runId]);
        expect(tombstones.map((t) => t.id)).toEqual(merged);
      });
      expect(await withDuck(inc, ashbyLatest)).toEqual(refreshed);
    } finally {
      await emu.stop();
    }
  });

  it('when Ashby refuses the sync token (expired, or the increment too large) the run reads everything again instead of failing', async () => {
    const world = createWorld({ seed: 52, size: 'tiny', start: START, now: START + 100 * DAY });
    const emu = await unthrottled(world);
    try {
      const path = join(tmp.dir, 'refused.duckdb');
      const config = ashbyConfig(emu, path, { page_size: 10, lookback_minutes: 0, full_resync_days: null, streams: ['applications', 'candidates'] });
      await withDuck(path, async (engine) => {
        expect((await extractInto(engine, config, { now: at(world) })).ok).toBe(true);
        const first = await syncState(engine, 'applications');
        emu.expireSyncTokens();
        advanceWorld(world, { days: 2 });
        let res = await extractInto(engine, config, { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const shown = world.applications.filter((a) => a.jobId !== null).length;
        expect(byStream(res)['applications']!.records).toBe(shown);
        const second = await syncState(engine, 'applications');
        expect(second!.token).not.toBe(first!.token);
        expect(second!.fullAt).toBe(at(world).toISOString());

        advanceWorld(world, { days: 30 });
        emu.setMaxIncrementalPages(1);
        res = await extractInto(engine, config, { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        expect(byStream(res)['applications']!.records).toBeGreaterThan(world.applications.filter((a) => a.jobId !== null).length);
        const [live] = await engine.query<{ n: number }>('select count(*) as n from raw.ashby__applications__latest where not _deleted');
        expect(Number(live!.n)).toBe(world.applications.filter((a) => a.jobId !== null).length);
      });
    } finally {
      emu.setMaxIncrementalPages(undefined);
      await emu.stop();
    }
  });

  it('a crashed pass resumes after its last landed page, and a cursor Ashby no longer accepts restarts the pass', async () => {
    const world = createWorld({ seed: 53, size: 'tiny', start: START, now: START + 150 * DAY });
    const emu = await unthrottled(world);
    try {
      const path = join(tmp.dir, 'resume.duckdb');
      await withDuck(path, async (engine) => {
        await ensureMetaSchema(engine);
        const until = at(world).toISOString();
        // A run that landed the first page of 10 and crashed: its checkpoint holds Ashby's cursor.
        const page1 = await fetch(`${emu.url}/candidate.list`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${emu.credentials.api_key}:`).toString('base64')}`, 'content-type': 'application/json' },
          body: JSON.stringify({ limit: 10 }),
        }).then((r) => r.json() as Promise<{ nextCursor: string }>);
        const store = new StateStore('hirelake');
        await store.put(engine, 'delta', 'candidates', { watermark: null, pending: { since: null, until, resume: JSON.stringify({ cursor: page1.nextCursor, token: null }), pages: 1 } });
        const config = ashbyConfig(emu, path, { page_size: 10, streams: ['candidates'] });
        let res = await extractInto(engine, config, { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const live = world.candidates.filter((c) => c.mergedInto === null).length;
        expect(byStream(res)['candidates']!.records).toBe(live - 10);
        expect((await syncState(engine, 'candidates'))!.token).toMatch(/\S/);

        await store.put(engine, 'delta', 'candidates', { watermark: null, pending: { since: null, until, resume: JSON.stringify({ cursor: page1.nextCursor, token: null }), pages: 1 } });
        emu.expireCursors();
        res = await extractInto(engine, config, { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        // The restarted pass reads every candidate again; those landed already are not landed twice.
        const again = byStream(res)['candidates']!;
        expect(again.records).toBe(10);
        expect(again.records + again.unchanged).toBe(live);
      });
    } finally {
      await emu.stop();
    }
  });

  describe('against a misbehaving API', () => {
    let world: World;
    let emu: AshbyEmulator;
    beforeAll(async () => {
      world = createWorld({ seed: 54, size: 'tiny', start: START, now: START + 150 * DAY });
      emu = await unthrottled(world);
    });
    afterAll(() => emu.stop());

    it('with faults injected (429 storms, 5xx, resets, truncated bodies, slow responses) the result equals a clean run', async () => {
      const clean = join(tmp.dir, 'clean.duckdb');
      const faulty = join(tmp.dir, 'faulty.duckdb');
      await withDuck(clean, async (engine) => {
        expect((await extractInto(engine, ashbyConfig(emu, clean, { page_size: 30 }), { now: at(world) })).ok).toBe(true);
      });
      emu.setFaults({
        seed: 5,
        rateLimitStorm: { everyNth: 61, length: 2, retryAfterSeconds: 1 },
        serverError: { probability: 0.05 },
        reset: { probability: 0.03, phase: 'after-headers' },
        truncate: { probability: 0.03 },
        slow: { probability: 0.03, delayMs: 100 },
      });
      try {
        await withDuck(faulty, async (engine) => {
          const res = await extractInto(engine, ashbyConfig(emu, faulty, { page_size: 30 }), { now: at(world) });
          expect(res.ok, failures(res)).toBe(true);
          expect(res.streams.reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(10);
        });
        const faults = emu.stats().faults;
        for (const kind of ['rateLimitStorm', 'serverError', 'reset', 'truncate', 'slow']) expect(faults[kind] ?? 0, kind).toBeGreaterThan(0);
      } finally {
        emu.setFaults({});
      }
      expect(await withDuck(faulty, ashbyLatest)).toEqual(await withDuck(clean, ashbyLatest));
    });

    it('a key without the Offers permission fails that stream with Ashby\'s code and leaves its checkpoint alone', async () => {
      const path = join(tmp.dir, 'forbidden.duckdb');
      emu.setFaults({ forbidden: ['offer.list'] });
      try {
        await withDuck(path, async (engine) => {
          const res = await extractInto(engine, ashbyConfig(emu, path), { now: at(world) });
          const streams = byStream(res);
          expect(res.ok).toBe(false);
          expect(streams['offers']!.status).toBe('failed');
          expect(streams['offers']!.error).toMatch(/403/);
          expect(streams['offers']!.error).toMatch(/missing_endpoint_permission/);
          expect(res.streams.filter((s) => s.status !== 'succeeded').map((s) => s.stream)).toEqual(['offers']);
          expect(await new StateStore('hirelake').get(engine, 'delta', 'offers')).toEqual({ watermark: null, pending: null });
        });
      } finally {
        emu.setFaults({});
      }
    });

    it('a checkpointed cursor Ashby cannot decode (HTTP 200, success: false, invalid_next_cursor) restarts the pass without retrying the bad request', async () => {
      const path = join(tmp.dir, 'bad-request.duckdb');
      await withDuck(path, async (engine) => {
        await ensureMetaSchema(engine);
        // A checkpoint whose cursor belongs to another endpoint: Ashby cannot decode it for this one.
        const other = Buffer.from(JSON.stringify({ e: 'job.list', s: null, a: 0, k: null, p: 1, g: 0 })).toString('base64url');
        await new StateStore('hirelake').put(engine, 'delta', 'users', { watermark: null, pending: { since: null, until: at(world).toISOString(), resume: JSON.stringify({ cursor: other, token: null }), pages: 1 } });
        emu.resetStats();
        // invalid_next_cursor restarts the pass (Ashby's documented recovery); the run succeeds.
        const res = await extractInto(engine, ashbyConfig(emu, path, { streams: ['users'] }), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        expect(byStream(res)['users']!.retries).toBe(0);
        expect(byStream(res)['users']!.records).toBe(world.users.filter((u) => u.deletedAt === null).length);
      });
    });
  });

  it('paces application.listHistory to its own budget and never meets a 429', async () => {
    const world = createWorld({ seed: 55, size: 'tiny', start: START, now: START + 90 * DAY });
    const emu = await startAshbyEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: { limit: 10, windowMs: 1000 } });
    try {
      const path = join(tmp.dir, 'paced.duckdb');
      await withDuck(path, async (engine) => {
        const config = ashbyConfig(emu, path, { history_rate_limit: { requests: 10, per_seconds: 1 }, streams: ['applications', 'application_history'] });
        const res = await extractInto(engine, config, { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const stats = emu.stats();
        expect(stats.byPath['/application.listHistory']).toBe(world.applications.filter((a) => a.jobId !== null).length);
        expect(stats.byPath['/application.listHistory']).toBeGreaterThan(20);
        expect(stats.rateLimited).toBe(0);
      });
    } finally {
      await emu.stop();
    }
  });

  it('rejects a wrong API key once for the whole connection, and never shows the key', async () => {
    const world = createWorld({ seed: 56, size: 'tiny', start: START, now: START + 60 * DAY });
    const emu = await unthrottled(world);
    try {
      const path = join(tmp.dir, 'badkey.duckdb');
      const secret = 'ashby-wrong-key-123456';
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, ashbyConfig({ url: emu.url, credentials: { api_key: secret } }, path), { now: at(world) });
        expect(res.ok).toBe(false);
        const text = JSON.stringify(res.streams);
        expect(text).not.toContain(secret);
        expect(text).not.toContain(Buffer.from(`${secret}:`).toString('base64'));
        expect(res.streams.filter((s) => s.status === 'failed').some((s) => /403.*invalid_api_key/.test(s.error ?? ''))).toBe(true);
        expect(emu.stats().byStatus['403']).toBeLessThanOrEqual(4);
      });
    } finally {
      await emu.stop();
    }
  });
  it('asks as Ashby documents: POST with a JSON body, Basic auth with the key and a blank password, Ashby-Version, the token on every page', async () => {
    let calls = 0;
    const server = await startServer((req, res) => {
      calls++;
      const body = JSON.parse(req.body) as Record<string, unknown>;
      if (body['cursor'] === undefined) return json(res, 200, { success: true, results: [{ id: 'u1', firstName: 'A', lastName: 'B', globalRole: 'Limited Access', isEnabled: true, updatedAt: '2024-01-01T00:00:00.000Z' }], moreDataAvailable: true, nextCursor: 'c2' });
      return json(res, 200, { success: true, results: [], moreDataAvailable: false, syncToken: `t${calls}` });
    });
    try {
      const path = join(tmp.dir, 'wire.duckdb');
      await withDuck(path, async (engine) => {
        const config = ashbyConfig({ url: server.url, credentials: { api_key: 'k3y' } }, path, { streams: ['users'] });
        expect((await extractInto(engine, config, { now: new Date(START + DAY) })).ok).toBe(true);
        expect((await extractInto(engine, config, { now: new Date(START + 2 * DAY) })).ok).toBe(true);
      });
      expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
        ['POST', '/user.list', { limit: 100, includeDeactivated: true }],
        ['POST', '/user.list', { limit: 100, includeDeactivated: true, cursor: 'c2' }],
        ['POST', '/user.list', { limit: 100, includeDeactivated: true, syncToken: 't2' }],
        ['POST', '/user.list', { limit: 100, includeDeactivated: true, syncToken: 't2', cursor: 'c2' }],
      ]);
      for (const r of server.requests) {
        expect(r.headers['authorization']).toBe(`Basic ${Buffer.from('k3y:').toString('base64')}`);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['ashby-version']).toBe('2026-01-01');
      }
    } finally {
      await server.close();
    }
  });

  it('with a start_date, reads only applications (and their schedules and feedback) created after it', async () => {
    const world = createWorld({ seed: 57, size: 'tiny', start: START, now: START + 150 * DAY });
    const emu = await unthrottled(world);
    try {
      const path = join(tmp.dir, 'start-date.duckdb');
      const from = START + 60 * DAY;
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, ashbyConfig(emu, path, { start_date: new Date(from).toISOString(), streams: ['applications', 'interview_schedules'] }), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const streams = byStream(res);
        const after = world.applications.filter((a) => a.jobId !== null && a.createdAt > from);
        expect(after.length).toBeGreaterThan(0);
        expect(after.length).toBeLessThan(world.applications.filter((a) => a.jobId !== null).length);
        expect(streams['applications']!.records).toBe(after.length);
        expect(streams['interview_schedules']!.records).toBe(world.interviews.filter((iv) => iv.createdAt > from).length);
      });
    } finally {
      await emu.stop();
    }
  });
});
