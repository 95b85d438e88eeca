import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testStep } from '../../src/cli/commands/test.ts';
import type { CommandContext } from '../../src/cli/context.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildMemoryLimit, sizeBytes } from '../../src/engine/duckdb/build-memory.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { openEngine } from '../../src/engine/open-engine.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('build memory limit', () => {
  it('reads sizes as DuckDB does (MB = 1000², MiB = 1024²)', () => {
    expect(sizeBytes('64MB')).toBe(64e6);
    expect(sizeBytes('1.5 GiB')).toBe(1.5 * 1024 ** 3);
    expect(() => sizeBytes('64 apples')).toThrow(/bad memory size/);
  });

  it('gives a build at least the floor, a larger memory_limit as is, and transform_memory_limit when set', () => {
    expect(buildMemoryLimit('64MB')).toBe('256MB');
    expect(buildMemoryLimit('2GB')).toBe('2GB');
    expect(buildMemoryLimit('64MB', '128MB')).toBe('128MB');
  });
});

describe('DuckDbEngine.withQueryMemory', () => {
  const tmp = tempDir();
  let engine: DuckDbEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });
  const settings = async (e: DuckDbEngine) => {
    const [r] = await e.query<{ mem: string; order: boolean; threads: number }>(
      "select current_setting('memory_limit') as mem, current_setting('preserve_insertion_order') as order, current_setting('threads') as threads",
    );
    return { mem: r!.mem, order: r!.order, threads: Number(r!.threads) };
  };

  it('takes the build limit and every thread and drops insertion order while fn runs, then restores them, also after a throw', async () => {
    engine = await DuckDbEngine.open({ path: join(tmp.dir, 'a.duckdb'), memoryLimit: '64MB', buildMemoryLimit: '256MB', threads: 3, landingThreads: 1 });
    const landing = await settings(engine);
    expect(landing).toEqual({ mem: '61.0 MiB', order: true, threads: 1 });
    const inside = await engine.withQueryMemory(async () => {
      // Overlapping calls (a worker's jobs) keep the tuning until the outermost one ends.
      await engine!.withQueryMemory(async () => undefined);
      return settings(engine!);
    });
    expect(inside).toEqual({ mem: '244.1 MiB', order: false, threads: 3 });
    await expect(engine.withQueryMemory(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await settings(engine)).toEqual(landing);
  });

  it("the configured warehouse lands on one thread and queries on `threads`; the dashboards' in-memory snapshot keeps them all", async () => {
    const cfg = { engine: 'duckdb' as const, path: join(tmp.dir, 'd.duckdb'), memory_limit: '64MB', threads: 3 };
    engine = (await openEngine(cfg)) as DuckDbEngine;
    expect((await settings(engine)).threads).toBe(1);
    expect(await engine.withQueryMemory(async () => (await settings(engine!)).threads)).toBe(3);
    await engine.close();
    engine = (await openEngine({ ...cfg, path: ':memory:' }, { queriesOnly: true })) as DuckDbEngine;
    expect((await settings(engine)).threads).toBe(3);
  });

  it('HIRELAKE_DUCKDB_THREADS sets the threads of an engine whose config sets none, and a bad value is refused naming it', async () => {
    const was = process.env['HIRELAKE_DUCKDB_THREADS'];
    try {
      process.env['HIRELAKE_DUCKDB_THREADS'] = '2';
      engine = await DuckDbEngine.open({ path: ':memory:' });
      expect((await settings(engine)).threads).toBe(2);
      await engine.close();
      engine = await DuckDbEngine.open({ path: ':memory:', threads: 3 });
      expect((await settings(engine)).threads).toBe(3);
      await engine.close();
      engine = undefined;
      process.env['HIRELAKE_DUCKDB_THREADS'] = 'all';
      await expect(DuckDbEngine.open({ path: ':memory:' })).rejects.toThrow(/HIRELAKE_DUCKDB_THREADS must be a positive whole number of threads, not "all"/);
    } finally {
      if (was === undefined) delete process.env['HIRELAKE_DUCKDB_THREADS'];
      else process.env['HIRELAKE_DUCKDB_THREADS'] = was;
    }
  });

  it('refuses a memory size that is not one (it is spliced into SET)', async () => {
    await expect(DuckDbEngine.open({ path: join(tmp.dir, 'b.duckdb'), buildMemoryLimit: "1GB'; drop table x; --" })).rejects.toThrow(/bad DuckDB memory size/);
  });

  it('hirelake test runs the data tests inside it: a uniqueness test over a million rows aggregates like a build', async () => {
    engine = await DuckDbEngine.open({ path: join(tmp.dir, 'c.duckdb'), memoryLimit: '64MB', buildMemoryLimit: '256MB' });
    const e = engine;
    let inside = false;
    vi.spyOn(e, 'withQueryMemory').mockImplementation(async (fn) => {
      inside = true;
      try {
        return await DuckDbEngine.prototype.withQueryMemory.call(e, fn);
      } finally {
        inside = false;
      }
    });
    const queried: boolean[] = [];
    const query = e.query.bind(e);
    vi.spyOn(e, 'query').mockImplementation(((sql: string, params?: unknown[]) => {
      queried.push(inside);
      return query(sql, params);
    }) as typeof e.query);
    // No models built: every test fails to run, which is enough to see where each query ran.
    const ctx = { config: { connections: [], models: { include_pii: false } }, log: silentLogger } as unknown as CommandContext;
    const run = await testStep(ctx, e);
    expect(run.tests.length).toBeGreaterThan(0);
    expect(queried.length).toBeGreaterThan(0);
    expect(queried.every(Boolean)).toBe(true);
  });
});
