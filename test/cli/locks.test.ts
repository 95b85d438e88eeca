// Two `hirelake extract` processes of the same connection never interleave (issue 4.4): while a
// first run holds the connection (a Postgres advisory lock) or the warehouse file (DuckDB's file
// lock), a second exits 1 with a message saying what is held and that --wait waits, and a second
// with --wait waits and then succeeds. The emulator's `slow` fault keeps the first run busy until
// the test lets it go.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, DAY } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { greenhouseConfigObject, withDuck, writeConfigFile } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';
import { PG_URL, pgWarehouse } from '../helpers/postgres.ts';

/** Holds the first run: each request waits this long until the fault is lifted. */
const SLOW = { slow: { probability: 1, delayMs: 1_000 } };

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

/** One run's window in the run log. */
interface RunSpan {
  run_id: string;
  started: number;
  finished: number;
}

async function runSpans(engine: Engine, meta: string): Promise<RunSpan[]> {
  const rows = await engine.query<{ run_id: string; started: Date; finished: Date; failed: number }>(
    `select run_id, min(started_at) as started, max(finished_at) as finished, count(*) filter (where status <> 'succeeded') as failed
       from ${meta}.runs group by run_id order by min(started_at)`,
  );
  for (const r of rows) expect(r.failed, `run ${r.run_id} has unfinished or failed streams`).toBe(0);
  return rows.map((r) => ({ run_id: r.run_id, started: r.started.getTime(), finished: r.finished.getTime() }));
}

describe('two extract processes of one connection (the real binary)', () => {
  let emu: GreenhouseEmulator;
  const tmp = tempDir();

  beforeAll(async () => {
    const now = Date.now() - 10 * 60_000;
    const world = createWorld({ seed: 71, size: 'tiny', start: now - 150 * DAY, now });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
  });
  afterAll(async () => {
    emu.setFaults({});
    await emu?.stop();
    tmp.cleanup();
  });

  /**
   * First run A, held busy by the slow emulator; once it is requesting, B (--wait) and C (no --wait)
   * start together. C must fail on what A holds; `waiting` then tells when B is blocked on it; then A
   * is let go and both A and B must succeed, B's streams starting only after A's ended.
   */
  async function contend(file: string, env: NodeJS.ProcessEnv, waiting: (waiter: { stderrSoFar: () => string }) => Promise<void>): Promise<{ first: CliResult; rejected: CliResult; waited: CliResult }> {
    emu.setFaults(SLOW);
    emu.resetStats();
    const a = runCli(['extract', '--config', file, '--json'], { env });
    const started = [a];
    try {
      await until('the first run is requesting pages', () => {
        if (a.child.exitCode !== null) throw new Error(`the first run ended early with exit ${a.child.exitCode}`);
        return emu.stats().requests > 0;
      });
      const b = runCli(['extract', '--config', file, '--wait', '--json'], { env });
      const c = runCli(['extract', '--config', file], { env });
      started.push(b, c);
      const rejected = await c;
      expect(a.child.exitCode, 'the first run must still be running when the second gives up').toBeNull();
      await waiting(b);
      expect(a.child.exitCode, 'the first run must still be running while the waiting one waits').toBeNull();
      expect(b.child.exitCode, 'the --wait run must still be waiting').toBeNull();
      emu.setFaults({});
      const [first, waited] = await Promise.all([a, b]);
      return { first, rejected, waited };
    } finally {
      emu.setFaults({});
      // Only when an expectation failed midway: no process outlives the test.
      for (const p of started) if (p.child.exitCode === null) p.child.kill();
    }
  }

  const configIn = (name: string, warehouse?: Record<string, unknown>) => {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    const db = join(dir, 'w.duckdb');
    // Small pages: the first run makes many slow requests, so it stays busy until it is let go.
    return { db, file: writeConfigFile(dir, { ...greenhouseConfigObject(emu, db, { per_page: 5 }), warehouse: warehouse ?? { engine: 'duckdb', path: db } }) };
  };

  it('on Postgres: without --wait the second exits 1 naming the lock and --wait; with --wait it waits on the advisory lock, then succeeds', async () => {
    const wh = await pgWarehouse();
    try {
      const { file } = configIn('pg', { engine: 'postgres', url: '${DATABASE_URL}', schema_prefix: wh.prefix });
      const { first, rejected, waited } = await contend(file, { DATABASE_URL: PG_URL }, (b) =>
        // The --wait run polls the advisory lock (one session holds all of a process's locks, so it
        // never blocks in pg_advisory_lock) and says that it waits.
        until('the --wait run waits for the advisory lock', () => /acme: waiting for another run of this connection to finish/.test(b.stderrSoFar())),
      );
      expect(rejected.code, rejected.stderr).toBe(1);
      expect(rejected.stderr).toMatch(/^error: another hirelake run holds the lock for connection:acme on postgres:\/\/.*; pass --wait to wait for it$/m);
      expect(first.code, first.stderr).toBe(0);
      expect(waited.code, waited.stderr).toBe(0);
      const [runA, runB] = await runSpans(wh.engine, wh.engine.schemas.meta);
      expect(JSON.parse(first.stdout).runId).toBe(runA!.run_id);
      expect(JSON.parse(waited.stdout).runId).toBe(runB!.run_id);
      expect(runB!.started).toBeGreaterThanOrEqual(runA!.finished);
    } finally {
      await wh.dispose();
    }
  });

  it('on DuckDB: without --wait the second exits 1 naming the file and --wait; with --wait it waits for the file, then succeeds', async () => {
    const { db, file } = configIn('duck');
    const { first, rejected, waited } = await contend(file, {}, async () => {
      // C started alongside B and has already failed on the file lock, so B, retrying, is past its
      // first attempt too; give it a few more retries to be sure it is waiting and not failing.
      await sleep(1_000);
    });
    expect(rejected.code, rejected.stderr).toBe(1);
    expect(rejected.stderr).toContain(`another process is using the DuckDB file ${db}`);
    expect(rejected.stderr).toMatch(/pass --wait/);
    expect(first.code, first.stderr).toBe(0);
    expect(waited.code, waited.stderr).toBe(0);
    const [runA, runB] = await withDuck(db, (engine) => runSpans(engine, 'hirelake'));
    expect(JSON.parse(first.stdout).runId).toBe(runA!.run_id);
    expect(JSON.parse(waited.stdout).runId).toBe(runB!.run_id);
    expect(runB!.started).toBeGreaterThanOrEqual(runA!.finished);
  });
});
