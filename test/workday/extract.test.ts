// Extraction from the Workday emulator into DuckDB: every stream complete, incremental runs land
// exactly what changed, faults leave the result unchanged, and Workday's faults become clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DAY, advanceWorld, createWorld, type World } from '../../emulators/world/index.ts';
import { startWorkdayEmulator, type WorkdayEmulator } from '../../emulators/workday/index.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { ConfigError } from '../../src/core/errors.ts';
import { tempDir } from '../helpers/tmp.ts';
import { extractInto, withDuck } from '../helpers/pipeline.ts';
import { workdayConfig, workdayLatest } from './helpers.ts';

/** What each stream must land: the world as Workday shows it. */
function expectedCounts(w: World): Record<string, number> {
  const pipeline = w.applications.filter((a) => !a.isProspect);
  return {
    requisitions: w.jobs.length,
    job_applications: pipeline.length,
    postings: w.jobs.filter((j) => j.openedAt !== null && !j.confidential).length,
    stage_history: pipeline.reduce((n, a) => n + a.visitIds.length + (a.status === 'hired' ? 1 : 0), 0),
  };
}

/** The transaction log's latest entry for a candidate: its own change or one of its applications'. */
const candidateEntry = (w: World, candidateId: number) => {
  const c = w.candidates[candidateId - 1]!;
  return Math.max(c.updatedAt, ...c.applicationIds.map((a) => w.applications[a - 1]!.updatedAt));
};

async function counts(engine: Parameters<Parameters<typeof withDuck>[1]>[0], table: 'latest' | 'all'): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of ['requisitions', 'job_applications', 'postings', 'stage_history']) {
    const [row] = await engine.query<{ n: number }>(`select count(*) as n from raw.workday__${s}${table === 'latest' ? '__latest' : ''}`);
    out[s] = row!.n;
  }
  return out;
}

describe('Workday extraction into DuckDB', () => {
  const tmp = tempDir();
  const start = Date.UTC(2024, 0, 1);
  let world: World;
  let emu: WorkdayEmulator;

  beforeAll(async () => {
    world = createWorld({ seed: 31, size: 'tiny', start, now: start + 220 * DAY });
    emu = await startWorkdayEmulator({ world });
  });
  afterAll(async () => {
    await emu.stop();
    tmp.cleanup();
  });

  it('lands every stream completely, one record per job application, stamped with the snapshot moment', async () => {
    const path = join(tmp.dir, 'full.duckdb');
    await withDuck(path, async (engine) => {
      const res = await extractInto(engine, workdayConfig(emu, path, { page_size: 20 }, true), { now: new Date(world.now + 1) });
      expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
      expect(await counts(engine, 'latest')).toEqual(expectedCounts(world));
      // Paged: 20 candidates a page.
      expect(res.streams.find((s) => s.stream === 'job_applications')!.pages).toBe(Math.ceil(world.candidates.length / 20));
      const app = world.applications.find((a) => !a.isProspect)!;
      const [row] = await engine.query<{ p: string; u: Date }>(
        `select cast(_payload as varchar) as p, _updated_at as u from raw.workday__job_applications where _record_id = $1`, [`JOB_APPLICATION-${app.id}`],
      );
      const rec = JSON.parse(row!.p);
      expect(rec.Job_Applied_To_Data.Job_Requisition_Reference.ID.Job_Requisition_ID).toBe(`REQ-${app.jobId}`);
      expect(rec.Candidate.Candidate_Reference.ID.Candidate_ID).toBe(`CAND-${app.candidateId}`);
      expect(Date.parse(rec.As_Of_Entry_DateTime)).toBe(world.now);
      expect(row!.u.getTime()).toBe(world.now);
      expect(JSON.stringify(rec)).not.toContain(emu.credentials.password);

      // An unchanged world: one request per SOAP stream and the report once more.
      const again = await extractInto(engine, workdayConfig(emu, path, { page_size: 20 }, true), { now: new Date(world.now + 1) });
      expect(again.ok).toBe(true);
      expect(Object.fromEntries(again.streams.map((s) => [s.stream, s.requests]))).toEqual({ requisitions: 1, job_applications: 1, postings: 1, stage_history: 1 });
    });
  });

  it('an incremental run after the world advances lands exactly the changed instances and ends like a full refresh', async () => {
    const w = createWorld({ seed: 32, size: 'tiny', start, now: start + 120 * DAY });
    const e = await startWorkdayEmulator({ world: w });
    try {
      const inc = join(tmp.dir, 'inc.duckdb');
      const full = join(tmp.dir, 'refresh.duckdb');
      // No lookback: the window is exactly (previous run, this run].
      const cfg = (p: string) => workdayConfig(e, p, { page_size: 25, lookback_minutes: 0 });
      const t1 = w.now + 1;
      await withDuck(inc, async (engine) => expect((await extractInto(engine, cfg(inc), { now: new Date(t1) })).ok).toBe(true));
      advanceWorld(w, { days: 20 });
      const t2 = w.now + 1;
      await withDuck(inc, async (engine) => {
        const res = await extractInto(engine, cfg(inc), { now: new Date(t2) });
        expect(res.ok).toBe(true);
        const landed = await engine.query<{ id: string }>(`select _record_id as id from raw.workday__job_applications where _run_id = $1 order by 1`, [res.runId]);
        const changed = w.candidates
          .filter((c) => candidateEntry(w, c.id) >= t1 && candidateEntry(w, c.id) <= t2)
          .flatMap((c) => c.applicationIds.filter((a) => !w.applications[a - 1]!.isProspect).map((a) => `JOB_APPLICATION-${a}`))
          .sort();
        expect(changed.length).toBeGreaterThan(0);
        expect(landed.map((r) => r.id)).toEqual(changed);
        const reqs = await engine.query<{ id: string }>(`select _record_id as id from raw.workday__requisitions where _run_id = $1 order by 1`, [res.runId]);
        const changedJobs = w.jobs
          .filter((j) => Math.max(j.updatedAt, ...j.openingIds.map((o) => w.openings[o - 1]!.updatedAt)) >= t1)
          .map((j) => j.requisitionId)
          .sort();
        expect(reqs.map((r) => r.id)).toEqual(changedJobs);
        expect(res.streams.reduce((n, s) => n + s.records, 0)).toBeLessThan(w.applications.length);
      });
      await withDuck(full, async (engine) => expect((await extractInto(engine, cfg(full), { fullRefresh: true, now: new Date(t2) })).ok).toBe(true));
      expect(await withDuck(inc, workdayLatest)).toEqual(await withDuck(full, workdayLatest));
    } finally {
      await e.stop();
    }
  });

  it('with server faults, 429 storms, resets, truncated bodies and slow answers the result equals a clean run', async () => {
    const clean = join(tmp.dir, 'clean.duckdb');
    const faulty = join(tmp.dir, 'faulty.duckdb');
    const now = new Date(world.now + 1);
    await withDuck(clean, async (engine) => expect((await extractInto(engine, workdayConfig(emu, clean, { page_size: 15 }, true), { now })).ok).toBe(true));
    emu.setFaults({
      seed: 5,
      rateLimitStorm: { probability: 0.06, length: 2, retryAfterSeconds: 1 },
      serverError: { probability: 0.1, statuses: [500, 503], body: 'mixed' },
      reset: { probability: 0.06 },
      truncate: { probability: 0.08 },
      slow: { probability: 0.05, delayMs: 150 },
    });
    try {
      await withDuck(faulty, async (engine) => {
        const res = await extractInto(engine, workdayConfig(emu, faulty, { page_size: 15 }, true), { now });
        expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
        expect(res.streams.reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(0);
      });
      const f = emu.stats().faults;
      expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['serverError', 'truncate']));
    } finally {
      emu.setFaults({});
    }
    expect(await withDuck(faulty, workdayLatest)).toEqual(await withDuck(clean, workdayLatest));
  });

  it('a rejected password fails every stream at once with the SOAP fault, never the password, and advances no cursor', async () => {
    const path = join(tmp.dir, 'badauth.duckdb');
    const password = 'Wr0ng-Secret-Passw0rd!';
    const bad = { ...emu, credentials: { ...emu.credentials, password } };
    await withDuck(path, async (engine) => {
      const res = await extractInto(engine, workdayConfig(bad, path, {}, true));
      expect(res.ok).toBe(false);
      for (const s of res.streams) {
        expect(s.status).not.toBe('succeeded');
        expect(s.error).toMatch(/Client\.authenticationError: invalid username or password|401/);
        expect(s.error).not.toContain(password);
      }
      const soapStream = res.streams.find((s) => s.stream === 'job_applications' && s.status === 'failed');
      if (soapStream) expect(soapStream.retries).toBe(0);
      expect(await new StateStore('hirelake').get(engine, 'gamma', 'job_applications')).toEqual({ watermark: null, pending: null });
    });
  });

  it('an operation the ISU may not run fails that stream with Workday’s words; the others complete', async () => {
    const path = join(tmp.dir, 'forbidden.duckdb');
    emu.setFaults({ forbidden: ['Get_Job_Postings'] });
    try {
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, workdayConfig(emu, path), { now: new Date(world.now + 1) });
        const byName = Object.fromEntries(res.streams.map((s) => [s.stream, s]));
        expect(byName['postings']!.status).toBe('failed');
        expect(byName['postings']!.error).toContain('SOAP fault SOAP-ENV:Server.processingError: Processing error occurred. The task submitted is not authorized.');
        expect(byName['postings']!.retries).toBe(0);
        expect(byName['job_applications']!.status).toBe('succeeded');
        expect(byName['requisitions']!.status).toBe('succeeded');
      });
    } finally {
      emu.setFaults({});
    }
  });

  it('a stream that dies mid-walk resumes at the checkpointed page of the same snapshot and lands each application once', async () => {
    const path = join(tmp.dir, 'resume.duckdb');
    const now = new Date(world.now + 1);
    const cfg = workdayConfig(emu, path, { page_size: 10, streams: ['job_applications'] });
    // The third Get_Candidates call answers a non-retryable 400: two pages land, then the run fails.
    emu.setFaults({ resources: ['Get_Candidates'], serverError: { everyNth: 3, statuses: [400], body: 'html' } });
    try {
      await withDuck(path, async (engine) => {
        const first = await extractInto(engine, cfg, { now });
        expect(first.ok).toBe(false);
        expect(first.streams[0]!.pages).toBe(2);
        const state = await new StateStore('hirelake').get(engine, 'gamma', 'job_applications');
        expect(state.watermark).toBeNull();
        expect(JSON.parse(state.pending!.resume!)).toEqual({ page: 3, asOf: expect.stringMatching(/^\d{4}-.*[-+]\d{2}:\d{2}$/) });
      });
    } finally {
      emu.setFaults({});
    }
    await withDuck(path, async (engine) => {
      const second = await extractInto(engine, cfg, { now });
      expect(second.ok).toBe(true);
      expect(second.streams[0]!.pages).toBe(Math.ceil(world.candidates.length / 10) - 2);
      const [row] = await engine.query<{ n: number; ids: number }>(`select count(*) as n, count(distinct _record_id) as ids from raw.workday__job_applications`);
      expect(row).toEqual({ n: expectedCounts(world).job_applications, ids: expectedCounts(world).job_applications });
    });
  });

  it('validates the connection: tenant, host, credentials, page size; the password is a secret', () => {
    const ok = workdayConfig(emu, join(tmp.dir, 'c.duckdb'));
    const conn = ok.connections[0] as unknown as { base_url: string; api_version: string; page_size: number };
    expect([conn.base_url, conn.api_version, conn.page_size]).toEqual([emu.url, 'v42.0', 100]);
    expect(ok.secrets).toContain(emu.credentials.password);
    const noOverride = workdayConfig(emu, join(tmp.dir, 'c.duckdb'), { base_url: undefined });
    expect((noOverride.connections[0] as unknown as { base_url: string }).base_url).toBe('https://wd2-impl-services1.workday.com');
    expect(() => workdayConfig(emu, join(tmp.dir, 'c.duckdb'), { tenant: 'Acme Corp' })).toThrow(ConfigError);
    expect(() => workdayConfig(emu, join(tmp.dir, 'c.duckdb'), { page_size: 1000 })).toThrow(/page_size/);
    expect(() => workdayConfig(emu, join(tmp.dir, 'c.duckdb'), { credentials: { username: 'ISU' } })).toThrow(/credentials\.password/);
    expect(() => workdayConfig(emu, join(tmp.dir, 'c.duckdb'), { stage_history_report: { owner: 'x', name: 'y', columns: { step: 'A' } } })).toThrow(
      /stage_history_report\.columns\.job_application_id/,
    );
  });
});
