// Connections run under a cap (config `concurrency`), and connections sharing one vendor
// credential never run at once, so a key's rate-limit budget is never multiplied.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { newRunId } from '../../src/core/ids.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { runExtract } from '../../src/extract/run-extract.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { fakeSource } from '../helpers/fake-source.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('runExtract scheduling of connections', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: DuckDbEngine;
  beforeEach(async () => {
    tmp = tempDir();
    engine = await DuckDbEngine.open({ path: join(tmp.dir, 'w.duckdb') });
  });
  afterEach(async () => {
    await engine.close();
    tmp.cleanup();
  });

  function setup(concurrency: number | undefined, keys: string[], gather?: number) {
    const { source, log } = fakeSource({ readMs: 30, ...(gather ? { gather } : {}) });
    const sources = { fake: source };
    const config = resolveConfig(
      {
        ...(concurrency ? { concurrency } : {}),
        warehouse: { engine: 'duckdb', path: join(tmp.dir, 'w.duckdb') },
        connections: keys.map((key, i) => ({ name: `c${i}`, source: 'fake', credentials: { key } })),
      },
      join(tmp.dir, 'hirelake.yml'),
      sources,
    );
    const run = (extra: { concurrency?: number; connections?: string[] } = {}) =>
      runExtract({ config, sources, engine, runId: newRunId(), log: silentLogger, redactor: new Redactor(), ...extra });
    return { config, run, log };
  }

  it('runs at most `concurrency` connections at once (default 4) and extracts them all', async () => {
    const { run, log, config } = setup(undefined, Array.from({ length: 10 }, (_, i) => `key-${i}`), 4);
    expect(config.concurrency).toBe(4);
    const summary = await run();
    expect(summary.ok).toBe(true);
    expect(summary.streams.map((s) => s.connection)).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    expect(log.maxActive).toBe(4);
    const [row] = await engine.query<{ n: number }>('select count(distinct _connection) as n from raw.fake__items');
    expect(row?.n).toBe(10);
  });

  it('a flag-sized cap overrides the config, and --connection picks a subset', async () => {
    const { run, log } = setup(8, Array.from({ length: 6 }, (_, i) => `key-${i}`), 2);
    const summary = await run({ concurrency: 2, connections: ['c1', 'c3', 'c5'] });
    expect(summary.streams.map((s) => s.connection)).toEqual(['c1', 'c3', 'c5']);
    expect(log.maxActive).toBe(2);
    expect(log.opened.sort()).toEqual(['c1', 'c3', 'c5']);
  });

  it('connections that share a credential run one after another, others alongside them', async () => {
    const { run, log } = setup(6, ['shared', 'shared', 'own-1', 'shared', 'own-2'], 3);
    const summary = await run();
    expect(summary.ok).toBe(true);
    for (const pair of ['c0+c1', 'c0+c3', 'c1+c3']) expect(log.overlaps).not.toContain(pair);
    expect(log.maxActive).toBe(3);
  });
});
