// raw.retention_days drops versions landed more than N days ago except each record's newest, and
// keeps whole the streams whose history the models rebuild; the models do not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceWorld, createWorld } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';
import { historyStreams } from '../../transforms/index.ts';
import { openDuck, type TestEngine } from '../transforms/fixtures.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { build, readTable as readUnordered } from '../models/harness.ts';
import type { Engine } from '../../src/engine/engine.ts';

/** A table's rows in a stable order (tables have none). */
const readTable = async (e: Engine, schema: string, table: string) => (await readUnordered(e, schema, table)).map((r) => JSON.stringify(r)).sort();

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

describe('raw.retention_days', () => {
  let t: TestEngine;
  let emu: GreenhouseEmulator;
  const configWith = (retention: number | null): HirelakeConfig =>
    resolveConfig(
      {
        warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' },
        connections: [{ name: 'acme', source: 'greenhouse', credentials: emu.credentials, base_url: emu.url, token_url: emu.tokenUrl }],
        raw: { retention_days: retention },
      },
      '/nonexistent/hirelake.yml',
      sources,
    );

  beforeAll(async () => {
    t = await openDuck();
    const world = createWorld({ seed: 4, size: 'tiny', start: START, now: START + 120 * DAY });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    expect((await extractInto(t.engine, configWith(null), { now: new Date(world.now + 1) })).ok).toBe(true);
    advanceWorld(world, { days: 20 });
    expect((await extractInto(t.engine, configWith(null), { now: new Date(world.now + 1) })).ok).toBe(true);
    // The first run's versions landed "100 days ago".
    const [first] = await t.engine.query<{ run: string }>(`select _run_id as run from raw.greenhouse__applications order by _extracted_at limit 1`);
    for (const s of sources['greenhouse']!.streams.filter((x) => !x.demographics)) {
      await t.engine.exec(`update raw.greenhouse__${s.name} set _extracted_at = _extracted_at - interval 100 day where _run_id = $1`, [first!.run]);
    }
  });
  afterAll(async () => {
    await emu?.stop();
    await t?.dispose();
  });

  it('drops the old versions, keeps every newest one, and changes no model', async () => {
    await build(t.engine, configWith(30) as HirelakeConfig & { models: { include_pii: boolean } });
    const funnel = await readTable(t.engine, 'marts', 'funnel');
    const visits = await readTable(t.engine, 'core', 'stage_visits');
    const latest = async () => Number((await t.engine.query<{ n: number }>(`select count(*) as n from raw.greenhouse__applications__latest`))[0]!.n);
    const total = async () => Number((await t.engine.query<{ n: number }>(`select count(*) as n from raw.greenhouse__applications`))[0]!.n);
    const [old] = await t.engine.query<{ n: number }>(
      `select count(*) as n from (select *, row_number() over (partition by _record_id order by _updated_at desc, _extracted_at desc) as k from raw.greenhouse__applications) v
        where k > 1 and _extracted_at < now() - interval 30 day`,
    );
    expect(Number(old!.n)).toBeGreaterThan(0);
    const before = { latest: await latest(), total: await total() };

    const res = await extractInto(t.engine, configWith(30), { now: new Date(START + 140 * DAY + 2) });
    expect(res.ok).toBe(true);
    expect(res.privacy[0]!.retention!.rows['applications']).toBe(Number(old!.n));
    expect(await latest()).toBe(before.latest);
    expect(await total()).toBe(before.total - Number(old!.n) + res.streams.find((s) => s.stream === 'applications')!.records);

    await build(t.engine, configWith(30) as HirelakeConfig & { models: { include_pii: boolean } });
    expect(await readTable(t.engine, 'marts', 'funnel')).toEqual(funnel);
    expect(await readTable(t.engine, 'core', 'stage_visits')).toEqual(visits);
  });

  it('keeps whole the streams the models rebuild history from', () => {
    const keep = historyStreams(t.engine, configWith(30));
    expect([...keep]).toEqual(['workday__job_applications']);
  });
});
