import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildModels } from '../../transforms/build.ts';
import { forVendors, loadProject } from '../../transforms/project.ts';
import { vendorsInPlay } from '../../transforms/vendors-in-play.ts';
import { ensureRawTable, RAW_COLUMNS, rawTableRef } from '../../src/landing/raw-table.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runDataTests } from '../../transforms/data-tests/run.ts';
import { openDuck, sqlProject, type TestEngine } from './fixtures.ts';

const greenhouseOnly = { connections: [{ name: 'acme', source: 'greenhouse' }], models: { include_pii: false } };

describe('a build models the vendors in play', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await openDuck();
  });
  afterEach(() => t.dispose());

  const views = async (prefix: string) =>
    (await t.engine.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = $1 and table_name like $2`, [t.engine.schemas.staging, `${prefix}%`])).length;

  it('those of the configured connections, plus any vendor whose raw zone holds records; with neither, every vendor', async () => {
    const all = loadProject().vendors;
    expect(await vendorsInPlay(t.engine, greenhouseOnly, all)).toEqual(['greenhouse']);
    expect(await vendorsInPlay(t.engine, { connections: [] }, all)).toEqual(all);
    // A Lever connection taken out of the config: its history still reaches the marts.
    const lever = rawTableRef(t.engine, 'lever', 'opportunities');
    await ensureRawTable(t.engine, lever);
    expect(await vendorsInPlay(t.engine, greenhouseOnly, all)).toEqual(['greenhouse']);
    await t.engine.transaction((tx) => tx.bulkInsert(lever, RAW_COLUMNS, [['old', 'o1', null, new Date(), 'r0', false, '{"id":"o1"}']]));
    expect(await vendorsInPlay(t.engine, greenhouseOnly, all)).toEqual(['greenhouse', 'lever']);
  });

  it("builds no other vendor's staging, and its data tests run on what was built", async () => {
    const built = await buildModels({ engine: t.engine, config: greenhouseOnly, log: silentLogger, runId: 'r1' });
    expect(built.ok).toBe(true);
    expect(await views('stg_greenhouse__')).toBeGreaterThan(20);
    for (const other of ['lever', 'workday', 'ashby', 'workable']) expect(await views(`stg_${other}__`), other).toBe(0);
    const tests = await runDataTests({ engine: t.engine, config: greenhouseOnly, log: silentLogger });
    expect(tests.tests.filter((r) => r.status === 'error')).toEqual([]);
    expect(tests.ok).toBe(true);
  });

  it('an entity no vendor in play supplies is unioned from the first vendor that does, over empty raw tables', () => {
    const project = loadProject();
    const workday = forVendors(project, ['workday']);
    const names = new Set(workday.models.map((m) => m.name));
    // Workday has no interviews: the first vendor folder's model and what it reads stay, so
    // core.interviews keeps its shape; no other vendor's.
    const suppliers = project.vendors.filter((v) => project.models.some((m) => m.name === `int_${v}__interviews`));
    expect(suppliers.length).toBeGreaterThan(1);
    expect(suppliers.filter((v) => names.has(`int_${v}__interviews`))).toEqual([suppliers[0]]);
    const kept = project.models.find((m) => m.name === `int_${suppliers[0]}__interviews`)!;
    const reads = [...kept.body.matchAll(/ref\('([a-z0-9_]+)'\)/g)].map((r) => r[1]!);
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(names.has(r), r).toBe(true);
    // Where Workday supplies the entity, no other vendor's model is kept for it.
    expect(names.has('int_workday__applications')).toBe(true);
    expect(names.has('int_greenhouse__applications')).toBe(false);
    expect(workday.lineage.every((l) => l.vendor === 'workday')).toBe(true);
    expect(workday.models.length).toBeLessThan(project.models.length / 2);
  });

  it('follows what a kept model reads however its helper calls are written', () => {
    const sql = sqlProject({
      'staging/alpha/stg_alpha__things.sql': 'select 1 as id',
      'staging/alpha/int_alpha__gadgets.sql': `select id from {{ ref('stg_alpha__things') }}`,
      'staging/beta/stg_beta__things.sql': 'select 2 as id',
      'staging/beta/int_beta__widgets.sql': 'select id from {{ ref( "stg_beta__things" ) }}',
      'core/widgets.sql': `{{ vendor_union("widgets", 'id') }}`,
      'core/gadgets.sql': `{{ vendor_union('gadgets', 'id') }}`,
    });
    try {
      const names = forVendors(loadProject(sql.dir), ['alpha']).models.map((m) => m.name).sort();
      expect(names).toEqual(['gadgets', 'int_alpha__gadgets', 'int_beta__widgets', 'stg_alpha__things', 'stg_beta__things', 'widgets']);
    } finally {
      sql.cleanup();
    }
  });

  it('a workday-only account builds, with every core table and mart', async () => {
    const config = { connections: [{ name: 'wd', source: 'workday' }], models: { include_pii: false } };
    const built = await buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r1' });
    expect(built.ok, JSON.stringify(built.models.filter((m) => m.status !== 'succeeded'))).toBe(true);
    const everything = await openDuck();
    try {
      const full = await buildModels({ engine: everything.engine, config: { connections: [] }, log: silentLogger, runId: 'r1' });
      const tables = (e: TestEngine) => e.engine.query<{ s: string; n: string }>(`select table_schema as s, table_name as n from information_schema.tables where table_schema in ($1, $2) order by 1, 2`, [e.engine.schemas.core, e.engine.schemas.marts]);
      expect(full.ok).toBe(true);
      expect(await tables(t)).toEqual(await tables(everything));
    } finally {
      await everything.dispose();
    }
  });
});
