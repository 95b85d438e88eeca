// Many connections and processes creating the raw zone at once (issue 12: 40 connections failed 6
// streams on pg_type's unique index), and the Postgres backends one process holds.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { rawTableRef, ensureRawTable } from '../../src/landing/raw-table.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { resolveConfig } from '../../src/config/load.ts';
import { runExtract } from '../../src/extract/run-extract.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { fakeSource } from '../helpers/fake-source.ts';
import { dropPrefixedSchemas, PG_URL, testPrefix } from '../helpers/postgres.ts';

describe('Postgres catalog work under concurrency', () => {
  const prefix = testPrefix();
  const engines: PostgresEngine[] = [];
  const open = async (applicationName = 'hirelake-test', poolSize = 4) => {
    const e = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize, applicationName });
    engines.push(e);
    return e;
  };
  afterAll(async () => {
    if (engines[0]) await dropPrefixedSchemas(engines[0], prefix);
    for (const e of engines) await e.close();
  });

  it('four engines (as four processes) creating the same raw tables and meta schema at once all succeed', async () => {
    const all = await Promise.all([open(), open(), open(), open()]);
    const streams = Array.from({ length: 8 }, (_, i) => `stream_${i}`);
    await Promise.all(
      all.flatMap((engine) => [ensureMetaSchema(engine), ...streams.map((s) => ensureRawTable(engine, rawTableRef(engine, 'acme', s)))]),
    );
    const rows = await all[0]!.query<{ n: number }>(`select count(*) as n from information_schema.tables where table_schema = $1`, [`${prefix}raw`]);
    expect(rows[0]!.n).toBe(16); // 8 tables + 8 latest views
  });

  it('20 connections at once hold the pool plus one lock session, however many locks they take', async () => {
    const app = `hl-test-${randomBytes(4).toString('hex')}`;
    const engine = await open(app, 3);
    const { source, log } = fakeSource({ readMs: 150, gather: 20 });
    const sources = { fake: source };
    const config = resolveConfig(
      { concurrency: 20, warehouse: { engine: 'postgres', url: PG_URL, schema_prefix: prefix }, connections: Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, source: 'fake', credentials: { key: `k${i}` } })) },
      '/tmp/hirelake.yml',
      sources,
    );
    const observer = engines[0]!;
    let maxBackends = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [r] = await observer.query<{ n: number }>('select count(*) as n from pg_stat_activity where application_name = $1', [app]);
        maxBackends = Math.max(maxBackends, r!.n);
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    const summary = await runExtract({ config, sources, engine, runId: 'r1', log: silentLogger, redactor: new Redactor() });
    sampling = false;
    await sampler;
    expect(summary.ok, JSON.stringify(summary.streams.filter((s) => s.error))).toBe(true);
    expect(log.maxActive).toBe(20);
    // pool_size 3 + the lock session; before, each connection opened a session of its own (23).
    expect(maxBackends).toBeGreaterThan(1);
    expect(maxBackends).toBeLessThanOrEqual(4);
  });

  it('the lock session keeps holders of one key apart inside a process too', async () => {
    const engine = await open();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = engine.withLock('connection:x', { wait: true }, async () => {
      order.push('first in');
      await gate;
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 50));
    await expect(engine.withLock('connection:x', { wait: false }, async () => 'no')).rejects.toThrow(/another hirelake run holds the lock for connection:x/);
    const second = engine.withLock('connection:x', { wait: true }, async () => order.push('second in'));
    await new Promise((r) => setTimeout(r, 150));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });
});
