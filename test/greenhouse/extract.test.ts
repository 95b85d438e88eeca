import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { advanceWorld, createWorld, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { tempDir } from '../helpers/tmp.ts';
import { extractInto, greenhouseConfig, latestState, withDuck } from '../helpers/pipeline.ts';

const DAY = 86_400_000;

/** How many records each stream must land: the world's entities as the emulator renders them. */
function expectedCounts(world: World): Record<string, number> {
  return {
    applications: world.applications.length,
    // Merged-away duplicates and deleted jobs and users are gone from Greenhouse; the world's
    // general plan (for job-less applications) is no job's plan.
    candidates: world.candidates.filter((c) => c.mergedInto === null).length,
    jobs: world.jobs.filter((j) => j.deletedAt === null).length,
    job_interview_stages: world.stages.filter((s) => s.jobId !== null).length,
    application_stages: world.visits.length,
    offers: world.offers.length,
    interviews: world.interviews.length,
    scorecards: world.scorecards.length,
    rejection_reasons: world.rejectionReasons.length,
    sources: world.sources.length,
    departments: world.departments.length,
    offices: world.offices.length,
    users: world.users.filter((u) => u.deletedAt === null).length,
    openings: world.openings.length,
  };
}

describe('Greenhouse v3 extraction into DuckDB', () => {
  let world: World;
  let emu: GreenhouseEmulator;
  const tmp = tempDir();
  const now = Date.now() - 10 * 60_000;

  beforeAll(async () => {
    world = createWorld({ seed: 11, size: 'tiny', start: now - 200 * DAY, now });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 10_000, windowMs: 30_000 } });
  });
  afterAll(async () => {
    await emu.stop();
    tmp.cleanup();
  });

  it('lands every stream completely, then a run against an unchanged world makes one request per stream', async () => {
    const path = join(tmp.dir, 'full.duckdb');
    const config = greenhouseConfig(emu, path, { per_page: 50 });
    await withDuck(path, async (engine) => {
      const first = await extractInto(engine, config);
      expect(first.ok, JSON.stringify(first.streams.filter((s) => s.error))).toBe(true);
      const counts = await Promise.all(
        Object.keys(expectedCounts(world)).map(async (s) => [s, (await engine.query<{ n: number }>(`select count(*) as n from raw.greenhouse__${s}__latest`))[0]!.n] as const),
      );
      expect(Object.fromEntries(counts)).toEqual(expectedCounts(world));
      const pagesTotal = first.streams.reduce((n, s) => n + s.pages, 0);
      expect(pagesTotal).toBeGreaterThan(14);

      emu.resetStats();
      const second = await extractInto(engine, config);
      expect(second.ok).toBe(true);
      // Nothing changed: each stream needs exactly one request (an empty, or lookback-only, first page).
      expect(second.streams.map((s) => s.requests)).toEqual(second.streams.map(() => 1));
      expect(emu.stats().byPath['/token'] ?? 0).toBeLessThanOrEqual(1);
    });
  });

  it('an incremental run after the world advances ends with the same latest state as a full refresh', async () => {
    const w = createWorld({ seed: 12, size: 'tiny', start: now - 120 * DAY, now: now - 30 * DAY });
    const e = await startGreenhouseEmulator({ world: w, rateLimit: { limit: 10_000, windowMs: 30_000 } });
    try {
      const inc = join(tmp.dir, 'inc.duckdb');
      const full = join(tmp.dir, 'refresh.duckdb');
      await withDuck(inc, async (engine) => {
        expect((await extractInto(engine, greenhouseConfig(e, inc, { per_page: 40 }), { now: new Date(w.now + 1) })).ok).toBe(true);
      });
      const before = w.applications.length;
      advanceWorld(w, { days: 29 });
      expect(w.applications.length).toBeGreaterThan(before);
      await withDuck(inc, async (engine) => {
        // Windows end at the simulated clock, as they end at the wall clock against a real ATS.
        const res = await extractInto(engine, greenhouseConfig(e, inc, { per_page: 40 }), { now: new Date(w.now + 1) });
        expect(res.ok).toBe(true);
        // Only changed records travel: far fewer than the whole world.
        const landed = res.streams.reduce((n, s) => n + s.records, 0);
        const total = Object.values(expectedCounts(w)).reduce((a, b) => a + b, 0);
        expect(landed).toBeLessThan(total);
      });
      await withDuck(full, async (engine) => {
        expect((await extractInto(engine, greenhouseConfig(e, full, { per_page: 40 }), { fullRefresh: true, now: new Date(w.now + 1) })).ok).toBe(true);
      });
      // A stage renamed between the runs changes the stage_name copied into applications without
      // touching their updated_at, so incremental runs keep the old copy: core reads stage names
      // from the job's stages instead, and the copy is left out of this comparison.
      const withoutStageName = (state: Record<string, string[]>): Record<string, string[]> => ({ ...state, applications: state['applications']!.map((r) => r.replace(/"stage_name":("[^"]*"|null),/, '')) });
      const a = withoutStageName(await withDuck(inc, latestState));
      const b = withoutStageName(await withDuck(full, latestState));
      // Harvest lists no deletions: a job, user or merged-away candidate that disappeared between
      // the runs keeps its last landed version in an incremental warehouse (README: known limits).
      // Everything else is the same; the extra records are exactly those the world removed.
      const removed: Record<string, Set<string>> = {
        jobs: new Set(w.jobs.filter((j) => j.deletedAt !== null).map((j) => String(j.id))),
        users: new Set(w.users.filter((u) => u.deletedAt !== null).map((u) => String(u.id))),
        candidates: new Set(w.candidates.filter((c) => c.mergedInto !== null).map((c) => String(c.id))),
      };
      for (const [stream, rows] of Object.entries(a)) {
        const full = new Set(b[stream]);
        const extra = rows.filter((r) => !full.has(r)).map((r) => r.slice(0, r.indexOf(':')));
        for (const id of extra) expect(removed[stream]?.has(id), `${stream} ${id}`).toBe(true);
        expect(rows.filter((r) => full.has(r)).length, stream).toBe(b[stream]!.length);
      }
    } finally {
      await e.stop();
    }
  });

  it('with faults injected (429 storms, 5xx, resets, truncated bodies, slow responses) the result equals a clean run', async () => {
    const clean = join(tmp.dir, 'clean.duckdb');
    const faulty = join(tmp.dir, 'faulty.duckdb');
    await withDuck(clean, async (engine) => {
      expect((await extractInto(engine, greenhouseConfig(emu, clean, { per_page: 100 }))).ok).toBe(true);
    });
    // Faults on the funnel's streams: every stream goes through the same client, and faulting all
    // 21 sends single streams into long backoffs (minutes) without testing anything more.
    const resources = ['applications', 'candidates', 'jobs', 'job_interview_stages', 'application_stages', 'offers', 'interviews', 'scorecards', 'users', 'openings', 'interviewers'];
    emu.setFaults({ seed: 3, rate429: 0.08, storm429Length: 3, rate5xx: 0.08, rateReset: 0.05, rateTruncate: 0.05, rateSlow: 0.05, slowMs: 200, resources });
    try {
      await withDuck(faulty, async (engine) => {
        const res = await extractInto(engine, greenhouseConfig(emu, faulty, { per_page: 100 }));
        expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
        expect(res.streams.reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(0);
      });
    } finally {
      emu.setFaults({});
    }
    expect(await withDuck(faulty, latestState)).toEqual(await withDuck(clean, latestState));
  });

  it('a 403 on one resource fails that stream with one clear error and leaves its cursor where it was', async () => {
    const path = join(tmp.dir, 'forbidden.duckdb');
    emu.setFaults({ forbidden: ['offers'] });
    try {
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, greenhouseConfig(emu, path));
        expect(res.ok).toBe(false);
        const offers = res.streams.find((s) => s.stream === 'offers')!;
        expect(offers.status).toBe('failed');
        expect(offers.error).toMatch(/403/);
        expect(offers.error).toMatch(/harvest:offers:list/);
        const state = await new StateStore('hirelake').get(engine, 'acme', 'offers');
        expect(state).toEqual({ watermark: null, pending: null });
      });
    } finally {
      emu.setFaults({});
    }
  });
});
