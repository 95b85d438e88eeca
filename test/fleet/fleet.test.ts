// The fleet end to end (issue 12, "Done when"): 50 connections, each with its own emulator and
// credential, on Postgres; 3 `hirelake worker` processes, one SIGKILLed mid-run and restarted.
// Every connection's marts equal its world's truth, no connection ran twice at once, no run was
// lost, and the Postgres backends stay within 3 × (pool_size + concurrency + 3).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, customStageMapping, DAY, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { runMain } from '../helpers/in-process.ts';
import { writeConfigFile } from '../helpers/pipeline.ts';
import { PG_URL, pgWarehouse } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';
import { readTable } from '../models/harness.ts';
import { Truth, type Row } from '../models/truth.ts';
import { diffRows, type CompareOptions } from '../models/compare.ts';

const CONNECTIONS = 50;
const WORKERS = 3;
const CONCURRENCY = 4;
const POOL_SIZE = 4;

const MARTS: readonly { table: string; truth: (t: Truth) => Row[]; compare: CompareOptions }[] = [
  { table: 'funnel', truth: (t) => t.funnel(), compare: { key: ['job_id', 'applied_month', 'recruiter_id', 'canonical_stage'], rates: ['conversion_from_previous'] } },
  { table: 'time_to_hire', truth: (t) => t.timeToHire(), compare: { key: ['application_id'], days: ['days_to_hire'] } },
  { table: 'time_in_stage', truth: (t) => t.timeInStage(), compare: { key: ['job_id', 'canonical_stage'], days: ['avg_days', 'median_days', 'p90_days'] } },
  { table: 'source_effectiveness', truth: (t) => t.sourceEffectiveness(), compare: { key: ['source_name'], rates: ['hire_rate'] } },
  { table: 'offer_acceptance', truth: (t) => t.offerAcceptance(), compare: { key: ['job_id'], rates: ['acceptance_rate'] } },
  { table: 'pipeline_daily', truth: (t) => t.pipelineDaily(), compare: { key: ['day', 'job_id', 'canonical_stage'] } },
  { table: 'job_fill', truth: (t) => t.jobFill(), compare: { key: ['opening_id'], days: ['days_to_fill'] } },
];

async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(250);
  }
}

describe('a worker fleet of 3 processes, one SIGKILLed, over 50 connections', () => {
  const tmp = tempDir();
  const emulators: GreenhouseEmulator[] = [];
  const worlds = new Map<string, World>();
  let wh: Awaited<ReturnType<typeof pgWarehouse>>;
  let file: string;
  const workers: (Promise<CliResult> & { child: import('node:child_process').ChildProcess })[] = [];

  beforeAll(async () => {
    wh = await pgWarehouse();
    const now = Date.now() - 5 * 60_000;
    const connections: Record<string, unknown>[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const name = `c${String(i).padStart(2, '0')}`;
      const world = createWorld({ seed: 100 + i, size: 'tiny', start: now - 60 * DAY, now });
      const emu = await startGreenhouseEmulator({ world, clientId: `client-${i}`, clientSecret: `secret-${i}-value`, rateLimit: { limit: 100_000, windowMs: 30_000 } });
      // Slow enough that the kill lands mid-extract.
      emu.setFaults({ slow: { probability: 1, delayMs: 25 } });
      emulators.push(emu);
      worlds.set(name, world);
      connections.push({ name, source: 'greenhouse', credentials: emu.credentials, base_url: emu.url, token_url: emu.tokenUrl, per_page: 50, stage_mapping: customStageMapping(world) });
    }
    const dir = join(tmp.dir, 'fleet');
    mkdirSync(dir, { recursive: true });
    file = writeConfigFile(dir, {
      concurrency: CONCURRENCY,
      warehouse: { engine: 'postgres', url: PG_URL, schema_prefix: wh.prefix, pool_size: POOL_SIZE },
      worker: { max_attempts: 5, tick_seconds: 1, poll_seconds: 0.25 },
      connections,
    });
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.allSettled(workers);
    for (const e of emulators) await e.stop();
    await wh?.dispose();
    tmp.cleanup();
  });

  it('extracts every connection exactly as an uninterrupted run would, never one connection twice at once', async () => {
    const meta = wh.engine.schemas.meta;
    const runs = qualified(meta, 'job_runs');
    const queue = `${wh.prefix}hirelake_queue`;
    const count = async (sql: string) => Number((await wh.engine.query<{ n: number }>(sql))[0]!.n);

    const enq = await runMain(['enqueue', '--config', file, '--all']);
    expect(enq.code, enq.stderr).toBe(0);

    const start = () => {
      const w = runCli(['worker', '--config', file, '--concurrency', String(CONCURRENCY)]);
      workers.push(w);
      return w;
    };
    for (let i = 0; i < WORKERS; i++) start();

    let maxBackends = 0;
    let previous = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const pids = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).map((w) => w.child.pid);
        if (pids.length > 0) {
          const [r] = await wh.engine.query<{ n: number }>(
            `select count(*) as n from pg_stat_activity where application_name ~ '^hirelake (worker|queue) ' and split_part(application_name, ':', 2) = any(string_to_array($1, ','))`,
            [pids.join(',')],
          );
          // A closed connection's backend lingers a moment in pg_stat_activity while the pool opens
          // its replacement: only a count seen in two samples in a row is a cap exceeded.
          const n = Number(r!.n);
          maxBackends = Math.max(maxBackends, Math.min(n, previous));
          previous = n;
        }
        await sleep(100);
      }
    })();

    // Kill one worker hard while it is extracting, then start a replacement.
    const victim = workers[0]!;
    await until('the first worker is extracting', async () => (await count(`select count(*) as n from ${runs} where status = 'running' and worker like '%:${victim.child.pid}'`)) > 0 && (await count(`select count(*) as n from ${runs} where status = 'succeeded'`)) >= 5);
    victim.child.kill('SIGKILL');
    await victim;
    start();

    await until('every connection extracted and the models rebuilt after the last extract', async () => {
      const done = await count(`select count(distinct connection) as n from ${runs} where status = 'succeeded'`);
      if (done < CONNECTIONS) return false;
      const pending = await count(`select count(*) as n from ${queue}.jobs`);
      if (pending > 0) return false;
      const [last] = await wh.engine.query<{ extract: Date; model: Date | null }>(
        `select (select max(finished_at) from ${runs}) as extract, (select max(finished_at) from ${qualified(meta, 'model_runs')} where model = 'funnel' and status = 'succeeded') as model`,
      );
      return last!.model !== null && last!.model > last!.extract;
    });

    // Drain: SIGTERM exits 143.
    const live = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    for (const w of live) w.child.kill('SIGTERM');
    const results = await Promise.all(live);
    for (const r of results) expect(r.code, r.stderr.slice(-2000)).toBe(143);
    sampling = false;
    await sampler;

    // The killed worker's job was handed back and finished elsewhere: nothing lost or left running.
    const attempts = await wh.engine.query<{ connection: string; status: string; started_at: Date; finished_at: Date | null }>(`select connection, status, started_at, finished_at from ${runs} order by connection, started_at`);
    expect(attempts.filter((a) => a.status === 'running')).toEqual([]);
    expect(attempts.filter((a) => a.status === 'lost').length).toBeGreaterThan(0);
    expect(new Set(attempts.filter((a) => a.status === 'succeeded').map((a) => a.connection)).size).toBe(CONNECTIONS);

    // No connection ran twice at once: its attempts never overlap.
    for (const [name] of worlds) {
      const mine = attempts.filter((a) => a.connection === name);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.started_at.getTime(), `${name}: attempt ${i + 1} started before attempt ${i} ended`).toBeGreaterThanOrEqual(mine[i - 1]!.finished_at!.getTime());
      }
    }

    // Backends: per worker the engine pool, its lock session and the queue's pool.
    expect(maxBackends).toBeGreaterThan(0);
    expect(maxBackends).toBeLessThanOrEqual(WORKERS * (POOL_SIZE + 1 + CONCURRENCY + 2));

    // Every connection's marts equal its world's truth.
    for (const m of MARTS) {
      const rows = await readTable(wh.engine, wh.engine.schemas.marts, m.table);
      let expectedRows = 0;
      for (const [name, world] of worlds) {
        const expected = m.truth(new Truth(world, name));
        expectedRows += expected.length;
        const problems = diffRows(rows.filter((r) => r['connection'] === name), expected, m.compare);
        expect(problems.slice(0, 5), `${name} marts.${m.table}: ${problems.length} differences`).toEqual([]);
      }
      // A tiny world may have no hire yet, but fifty of them together must.
      expect(expectedRows, `marts.${m.table}`).toBeGreaterThan(0);
      expect(rows.length).toBe(expectedRows);
    }
  });
});
