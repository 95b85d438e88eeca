// The Workable extractor against the Workable emulator: complete landing, exact increments, child
// streams only for the candidates that changed, checkpoints as next-page URLs, faults, scopes, the
// rate limit and the token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DAY, advanceWorld, createWorld, type World } from '../../emulators/world/index.ts';
import { startWorkableEmulator, type WorkableEmulator } from '../../emulators/workable/index.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { tempDir } from '../helpers/tmp.ts';
import { extractInto, withDuck } from '../helpers/pipeline.ts';
import { byStream, failures } from '../lever/helpers.ts';
import { EMULATOR_NO_LIMIT, workableConfig, workableLatest } from './helpers.ts';

const START = Date.UTC(2024, 0, 1);

/** Every record of the world as Workable shows it, per stream. */
function expectedCounts(world: World, emu: WorkableEmulator): Record<string, number> {
  const listed = world.jobs.filter((j) => j.deletedAt === null);
  return {
    jobs: listed.length,
    candidates: world.applications.length,
    // Sourced, the job's own stages, Hired.
    job_stages: listed.reduce((n, j) => n + j.stageIds.length + 2, 0),
    activities: world.applications.reduce((n, a) => n + emu.view.activities(a).length, 0),
    offers: world.applications.filter((a) => a.offerIds.length > 0).length,
    members: world.users.filter((u) => u.deletedAt === null).length,
    departments: world.departments.length,
    disqualification_reasons: world.rejectionReasons.filter((r) => r.type !== 'unspecified').length,
  };
}

async function latestCounts(engine: Parameters<typeof workableLatest>[0]): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await workableLatest(engine)).map(([k, v]) => [k, v.length]));
}

const at = (world: World) => new Date(world.now + 1);
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

describe('Workable extraction into DuckDB', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  describe('a first sync', () => {
    let world: World;
    let emu: WorkableEmulator;
    beforeAll(async () => {
      world = createWorld({ seed: 31, size: 'tiny', start: START, now: START + 200 * DAY });
      emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
    });
    afterAll(() => emu.stop());

    it('lands every stream completely, naming each child record\'s parent', async () => {
      const path = join(tmp.dir, 'first.duckdb');
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, workableConfig(emu, path, { page_size: 25 }), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        expect(await latestCounts(engine)).toEqual(expectedCounts(world, emu));
        const [orphans] = await engine.query<{ n: number }>(`
          select (select count(*) from raw.workable__activities where json_extract_string(_payload, '$.candidate_id') is null)
               + (select count(*) from raw.workable__job_stages where json_extract_string(_payload, '$.shortcode') is null) as n`);
        expect(orphans!.n).toBe(0);
        const streams = byStream(res);
        expect(streams['candidates']!.pages).toBe(Math.ceil(world.applications.length / 25));
        // One request per candidate for activities; offers only for candidates moved to an offer stage.
        expect(streams['activities']!.requests).toBe(world.applications.length);
        const movedToOffer = world.applications.filter((a) => a.visitIds.some((v) => world.stages[world.visits[v - 1]!.stageId - 1]!.canonical === 'offer'));
        expect(streams['offers']!.requests).toBe(movedToOffer.length);
        expect(movedToOffer.length).toBeLessThan(world.applications.length / 3);
        expect(streams['job_stages']!.requests).toBe(world.jobs.filter((j) => j.deletedAt === null).length);
      });
    });

    it('paces itself to the account\'s window and follows X-Rate-Limit-* without meeting a 429', async () => {
      // Workable's 10 per 10 s, scaled down to 5 per second to keep the test short.
      const limited = await startWorkableEmulator({ world, rateLimit: { limit: 5, windowMs: 1000 } });
      try {
        const path = join(tmp.dir, 'paced.duckdb');
        await withDuck(path, async (engine) => {
          const config = workableConfig(limited, path, { page_size: 20, rate_limit: { requests: 5, per_seconds: 1 }, streams: ['jobs', 'candidates', 'job_stages', 'members', 'departments'] });
          const res = await extractInto(engine, config, { now: at(world) });
          expect(res.ok, failures(res)).toBe(true);
          const stats = limited.stats();
          expect(stats.requests).toBeGreaterThan(15);
          expect(stats.rateLimited).toBe(0);
          expect(Math.max(...stats.windows.map((w) => w.count))).toBeLessThanOrEqual(5);
        });
      } finally {
        await limited.stop();
      }
    });

    it('a client not pacing itself still follows X-Rate-Limit-Remaining / -Reset: at most a 429 per parallel request, and everything lands', async () => {
      const limited = await startWorkableEmulator({ world, rateLimit: { limit: 8, windowMs: 500 } });
      try {
        const path = join(tmp.dir, 'limited.duckdb');
        await withDuck(path, async (engine) => {
          const config = workableConfig(limited, path, { page_size: 10, streams: ['jobs', 'candidates', 'job_stages', 'members'] });
          const res = await extractInto(engine, config, { now: at(world) });
          expect(res.ok, failures(res)).toBe(true);
          const all = expectedCounts(world, limited);
          for (const s of ['jobs', 'candidates', 'job_stages', 'members']) {
            const [n] = await engine.query<{ n: number }>(`select count(*) as n from raw.workable__${s}__latest`);
            expect(n!.n, s).toBe(all[s]);
          }
          // A client blind to the headers would send its first 16 requests in one window and meet 8 429s.
          expect(limited.stats().requests).toBeGreaterThan(16);
          expect(limited.stats().rateLimited).toBeLessThanOrEqual(4);
        });
      } finally {
        await limited.stop();
      }
    });
  });

  it('an incremental run after the world advances lands exactly the changes, reads children only for them, and equals a full refresh', async () => {
    const world = createWorld({ seed: 32, size: 'tiny', start: START, now: START + 120 * DAY });
    const emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
    try {
      const inc = join(tmp.dir, 'inc.duckdb');
      const full = join(tmp.dir, 'refresh.duckdb');
      const extra = { page_size: 20, lookback_minutes: 0 };
      const t1 = at(world);
      await withDuck(inc, async (engine) => {
        expect((await extractInto(engine, workableConfig(emu, inc, extra), { now: t1 })).ok).toBe(true);
      });
      // Short enough that most applications do not change (the check below).
      advanceWorld(world, { days: 10 });
      // Workable compares whole seconds, and the extractor rounds the window's start down.
      const changed = emu.view.snapshot().candidates.filter((c) => wholeSecond(c.updatedAt) >= wholeSecond(t1.getTime()));
      expect(changed.length).toBeGreaterThan(0);
      expect(changed.length).toBeLessThan(world.applications.length / 2);
      await withDuck(inc, async (engine) => {
        const res = await extractInto(engine, workableConfig(emu, inc, extra), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const landed = await engine.query<{ id: string }>('select _record_id as id from raw.workable__candidates where _run_id = $1 order by 1', [res.runId]);
        expect(landed.map((r) => r.id)).toEqual(changed.map((c) => c.id).sort());
        const streams = byStream(res);
        expect(streams['activities']!.requests).toBe(changed.length);
        const offered = changed.filter((c) => c.app.visitIds.some((v) => world.stages[world.visits[v - 1]!.stageId - 1]!.canonical === 'offer'));
        expect(streams['offers']!.requests).toBe(offered.length);
      });
      await withDuck(full, async (engine) => {
        const res = await extractInto(engine, workableConfig(emu, full, extra), { now: at(world), fullRefresh: true });
        expect(res.ok, failures(res)).toBe(true);
        expect(await latestCounts(engine)).toEqual(expectedCounts(world, emu));
      });
      expect(await withDuck(inc, workableLatest)).toEqual(await withDuck(full, workableLatest));
    } finally {
      await emu.stop();
    }
  });

  describe('against a misbehaving API', () => {
    let world: World;
    let emu: WorkableEmulator;
    beforeAll(async () => {
      world = createWorld({ seed: 34, size: 'tiny', start: START, now: START + 180 * DAY });
      emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
    });
    afterAll(() => emu.stop());

    it('with faults injected (429 storms, 5xx, resets, truncated bodies, slow responses) the result equals a clean run', async () => {
      const clean = join(tmp.dir, 'clean.duckdb');
      const faulty = join(tmp.dir, 'faulty.duckdb');
      await withDuck(clean, async (engine) => {
        expect((await extractInto(engine, workableConfig(emu, clean, { page_size: 30 }), { now: at(world) })).ok).toBe(true);
      });
      emu.setFaults({
        seed: 3,
        rateLimitStorm: { everyNth: 29, length: 2, retryAfterSeconds: 1 },
        serverError: { probability: 0.05 },
        reset: { probability: 0.03, phase: 'after-headers' },
        truncate: { probability: 0.03 },
        slow: { probability: 0.03, delayMs: 150 },
      });
      try {
        await withDuck(faulty, async (engine) => {
          const res = await extractInto(engine, workableConfig(emu, faulty, { page_size: 30 }), { now: at(world) });
          expect(res.ok, failures(res)).toBe(true);
          expect(res.streams.reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(5);
        });
        const faults = emu.stats().faults;
        for (const kind of ['rateLimitStorm', 'serverError', 'reset', 'truncate', 'slow']) expect(faults[kind] ?? 0, kind).toBeGreaterThan(0);
      } finally {
        emu.setFaults({});
      }
      expect(await withDuck(faulty, workableLatest)).toEqual(await withDuck(clean, workableLatest));
    });

    it('a token without the scope for offers fails that stream with one clear error and leaves its cursor alone', async () => {
      const path = join(tmp.dir, 'forbidden.duckdb');
      emu.setFaults({ forbidden: ['offers'] });
      try {
        await withDuck(path, async (engine) => {
          const res = await extractInto(engine, workableConfig(emu, path), { now: at(world) });
          const streams = byStream(res);
          expect(res.ok).toBe(false);
          expect(streams['offers']!.status).toBe('failed');
          expect(streams['offers']!.error).toMatch(/403/);
          expect(streams['offers']!.error).toMatch(/scope to read offers/);
          expect(res.streams.filter((s) => s.status !== 'succeeded').map((s) => s.stream)).toEqual(['offers']);
          expect(await new StateStore('hirelake').get(engine, 'gamma', 'offers')).toEqual({ watermark: null, pending: null });
        });
      } finally {
        emu.setFaults({});
      }
    });

    it('a crashed run resumes at the checkpointed next-page URL', async () => {
      const path = join(tmp.dir, 'resume.duckdb');
      await withDuck(path, async (engine) => {
        await ensureMetaSchema(engine);
        const until = at(world).toISOString();
        const rows = emu.view.snapshot().candidates;
        // What a run that landed the first 30 candidates, ten a page, checkpointed.
        const resume = `${emu.url}/candidates?limit=10&since_id=${rows[30]!.id}`;
        await new StateStore('hirelake').put(engine, 'gamma', 'candidates', { watermark: null, pending: { since: null, until, resume, pages: 3 } });
        const res = await extractInto(engine, workableConfig(emu, path, { streams: ['candidates'] }), { now: at(world) });
        expect(res.ok, failures(res)).toBe(true);
        const landed = await engine.query<{ id: string }>('select _record_id as id from raw.workable__candidates order by 1');
        expect(landed.map((r) => r.id)).toEqual(rows.slice(30).map((r) => r.id));
        expect(byStream(res)['candidates']!.pages).toBe(Math.ceil((rows.length - 30) / 10));
      });
    });
  });

  it('builds the API base from the subdomain, and names a bad subdomain or a missing token', () => {
    const target = { url: 'http://127.0.0.1:1/spi/v3', subdomain: 'acme', credentials: { token: 't0k' } };
    const conn = workableConfig(target, join(tmp.dir, 'x.duckdb'), { base_url: undefined }).connections[0] as unknown as { base_url: string };
    expect(conn.base_url).toBe('https://acme.workable.com/spi/v3');
    expect(() => workableConfig({ ...target, subdomain: 'Acme Corp' }, join(tmp.dir, 'x.duckdb'))).toThrow(/subdomain: expected the account subdomain/);
    expect(() => workableConfig({ ...target, credentials: {} as { token: string } }, join(tmp.dir, 'x.duckdb'))).toThrow(/credentials\.token: missing/);
  });

  it('rejects a wrong token once for the whole connection, and never shows it', async () => {
    const world = createWorld({ seed: 35, size: 'tiny', start: START, now: START + 60 * DAY });
    const emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
    try {
      const path = join(tmp.dir, 'badtoken.duckdb');
      const secret = 'wk-wrong-token-1234567890';
      await withDuck(path, async (engine) => {
        const res = await extractInto(engine, workableConfig({ url: emu.url, subdomain: emu.subdomain, credentials: { token: secret } }, path), { now: at(world) });
        expect(res.ok).toBe(false);
        expect(JSON.stringify(res.streams)).not.toContain(secret);
        expect(res.streams.filter((s) => s.status === 'failed').some((s) => /401/.test(s.error ?? ''))).toBe(true);
        expect(emu.stats().byStatus['401']).toBeLessThanOrEqual(4);
      });
    } finally {
      await emu.stop();
    }
  });
});
