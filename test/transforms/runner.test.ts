import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../../src/landing/raw-table.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildModels } from '../../transforms/index.ts';
import { selectNodes, topologicalOrder, type DagNode } from '../../transforms/dag.ts';
import { ENGINES, sqlProject, type TestEngine } from './fixtures.ts';

const BASE = {
  'seeds/colors.csv': 'color_id,name\n1,red\n2,"blue, dark"\n',
  'staging/acme/stg_acme__things.sql': `-- one row per thing
select _connection as connection, _record_id as thing_id, name, cast(n as integer) as n
from {{ payload_fields(source('acme', 'things'), 'name', 'n') }} r
where not _deleted`,
  'staging/acme/int_acme__things.sql': `select connection, thing_id, name, n from {{ ref('stg_acme__things') }}`,
  'core/things.sql': `{{ vendor_union('things', 'connection, thing_id, name, n') }}`,
  'marts/thing_totals.sql': `select connection, count(*) as things, sum(n) as total from {{ ref('things') }} group by connection`,
  'marts/colors_used.sql': `select name from {{ ref('colors') }}`,
};

const config = { connections: [{ name: 'c1', source: 'greenhouse', stage_mapping: { 'Take Home': 'interview' } }] };

async function landThings(engine: Engine, rows: [string, string, number][]): Promise<void> {
  const table = rawTableRef(engine, 'acme', 'things');
  await ensureRawTable(engine, table);
  const now = new Date();
  await engine.transaction((tx) =>
    tx.bulkInsert(table, RAW_COLUMNS, rows.map(([id, name, n]) => ['c1', id, now, now, 'run-0', false, JSON.stringify({ id, name, n })])),
  );
}

describe('DAG', () => {
  const node = (name: string, deps: string[], layer: DagNode['layer'] = 'core'): DagNode => ({ name, layer, file: `sql/core/${name}.sql`, deps });

  it('orders dependencies first, then by layer and name', () => {
    const order = topologicalOrder([node('c', ['b']), node('b', ['a']), node('a', []), node('z', [], 'seed'), node('m', ['a'], 'marts')]);
    expect(order.map((n) => n.name)).toEqual(['z', 'a', 'b', 'c', 'm']);
  });

  it('spells a cycle out with the files', () => {
    expect(() => topologicalOrder([node('a', ['b']), node('b', ['c']), node('c', ['a']), node('d', [])])).toThrowError(
      'dependency cycle: a (sql/core/a.sql) → b (sql/core/b.sql) → c (sql/core/c.sql) → a (sql/core/a.sql)',
    );
  });

  it('selects by name, layer, +upstream and downstream+', () => {
    const nodes = [node('a', []), node('b', ['a']), node('c', ['b']), node('m', ['c'], 'marts')];
    expect([...selectNodes(nodes, ['b'])]).toEqual(['b']);
    expect([...selectNodes(nodes, ['marts'])]).toEqual(['m']);
    expect([...selectNodes(nodes, ['+b'])].sort()).toEqual(['a', 'b']);
    expect([...selectNodes(nodes, ['b+'])].sort()).toEqual(['b', 'c', 'm']);
    expect(() => selectNodes(nodes, ['nope'])).toThrow(/no model named "nope"/);
  });
});

describe.each(ENGINES)('buildModels on $kind', ({ open }) => {
  let t: TestEngine | undefined;
  let project: ReturnType<typeof sqlProject> | undefined;
  afterEach(async () => {
    await t?.dispose();
    project?.cleanup();
    t = undefined;
    project = undefined;
  });

  it('builds seeds, config inputs, views and tables in dependency order and logs each model run', async () => {
    t = await open();
    project = sqlProject(BASE);
    const { engine } = t;
    await landThings(engine, [['1', 'bolt', 3], ['2', 'nut', 4]]);
    const res = await buildModels({ engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir });
    expect(res.ok).toBe(true);
    const names = res.models.map((m) => m.name);
    const at = (n: string) => names.indexOf(n);
    expect(at('stg_acme__things')).toBeLessThan(at('int_acme__things'));
    expect(at('int_acme__things')).toBeLessThan(at('things'));
    expect(at('things')).toBeLessThan(at('thing_totals'));
    expect(at('colors')).toBeLessThan(at('colors_used'));
    expect(res.models.find((m) => m.name === 'things')).toMatchObject({ materialized: 'table', rows: 2, status: 'succeeded', file: 'sql/core/things.sql' });
    expect(res.models.find((m) => m.name === 'stg_acme__things')).toMatchObject({ materialized: 'view', rows: null });

    expect(await engine.query(`select * from ${qualified(engine.schemas.marts, 'thing_totals')}`)).toEqual([{ connection: 'c1', things: 2, total: 7 }]);
    expect(await engine.query(`select name from ${qualified(engine.schemas.marts, 'colors_used')} order by name`)).toEqual([{ name: 'blue, dark' }, { name: 'red' }]);
    expect(await engine.query(`select * from ${qualified(engine.schemas.staging, 'stage_mapping_overrides')}`)).toEqual([
      { connection: 'c1', stage_name: 'Take Home', canonical_stage: 'interview' },
    ]);
    const runs = await engine.query<{ model: string; status: string; rows: number | null }>(
      `select model, status, rows from ${qualified(engine.schemas.meta, 'model_runs')} where run_id = 'r1' order by model`,
    );
    expect(runs).toHaveLength(res.models.length);
    expect(runs.find((r) => r.model === 'things')).toEqual({ model: 'things', status: 'succeeded', rows: 2 });
  });

  it('creates missing raw tables so staging compiles before any extraction', async () => {
    t = await open();
    project = sqlProject(BASE);
    const res = await buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir });
    expect(res.ok).toBe(true);
    expect(res.models.find((m) => m.name === 'things')?.rows).toBe(0);
  });

  it('reports a failing model with its file and the engine message, skips what reads it and builds the rest', async () => {
    t = await open();
    project = sqlProject({
      ...BASE,
      'marts/broken.sql': `select no_such_column from {{ ref('things') }}`,
      'marts/after_broken.sql': `select * from {{ ref('broken') }}`,
    });
    const { engine } = t;
    const res = await buildModels({ engine, config, log: silentLogger, runId: 'r2', sqlDir: project.dir });
    expect(res.ok).toBe(false);
    const broken = res.models.find((m) => m.name === 'broken')!;
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/^sql\/marts\/broken\.sql: .*no_such_column/s);
    expect(res.models.find((m) => m.name === 'after_broken')).toMatchObject({ status: 'skipped', error: expect.stringMatching(/reads broken/) });
    expect(res.models.find((m) => m.name === 'thing_totals')?.status).toBe('succeeded');
    const [logged] = await engine.query<{ status: string; error: string }>(
      `select status, error from ${qualified(engine.schemas.meta, 'model_runs')} where run_id = 'r2' and model = 'broken'`,
    );
    expect(logged?.status).toBe('failed');
    expect(logged?.error).toContain('sql/marts/broken.sql');
  });

  it('keeps the old table when a rebuild fails, and leaves no half-built table behind', async () => {
    t = await open();
    project = sqlProject(BASE);
    const { engine } = t;
    await landThings(engine, [['1', 'bolt', 3], ['2', 'nut', 4]]);
    expect((await buildModels({ engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir })).ok).toBe(true);

    // Fails while the rows are computed, after the new table has been started.
    project.write('core/things.sql', `select connection, thing_id, name, cast(name as integer) as n from {{ ref('int_acme__things') }}`);
    const res = await buildModels({ engine, config, log: silentLogger, runId: 'r2', sqlDir: project.dir });
    expect(res.models.find((m) => m.name === 'things')?.status).toBe('failed');
    expect(await engine.query(`select thing_id, n from ${qualified(engine.schemas.core, 'things')} order by thing_id`)).toEqual([
      { thing_id: '1', n: 3 },
      { thing_id: '2', n: 4 },
    ]);
    const leftovers = await engine.query(`select table_name from information_schema.tables where table_schema = $1 and table_name like '%hl_new%'`, [engine.schemas.core]);
    expect(leftovers).toEqual([]);

    // A good rebuild replaces it.
    project.write('core/things.sql', `select connection, thing_id, name, n * 10 as n from {{ ref('int_acme__things') }}`);
    expect((await buildModels({ engine, config, log: silentLogger, runId: 'r3', sqlDir: project.dir })).ok).toBe(true);
    expect(await engine.query(`select sum(n) as s from ${qualified(engine.schemas.core, 'things')}`)).toEqual([{ s: 70 }]);
  });

  it('rejects a cycle and an unknown ref before building anything, naming the files', async () => {
    t = await open();
    project = sqlProject({ ...BASE, 'core/a.sql': `select * from {{ ref('b') }}`, 'core/b.sql': `select * from {{ ref('a') }}` });
    await expect(buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir })).rejects.toThrow(
      /dependency cycle: a \(sql\/core\/a\.sql\) → b \(sql\/core\/b\.sql\) → a/,
    );
    project.cleanup();
    project = sqlProject({ ...BASE, 'marts/c.sql': `select * from {{ ref('nowhere') }}` });
    await expect(buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir })).rejects.toThrow(
      /^sql\/marts\/c\.sql: line 1: ref\('nowhere'\) names no model/,
    );
    const tables = await t.engine.query(`select table_name from information_schema.tables where table_schema = $1`, [t.engine.schemas.core]);
    expect(tables).toEqual([]);
  });

  it('vendor_union makes the canonical columns a contract: a vendor model missing one fails with its name', async () => {
    t = await open();
    project = sqlProject({ ...BASE, 'staging/acme/int_acme__things.sql': `select connection, thing_id, name from {{ ref('stg_acme__things') }}` });
    const res = await buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir });
    expect(res.models.find((m) => m.name === 'things')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^sql\/core\/things\.sql: /) });
  });

  it('builds only the selected tables (views, seeds and inputs are always rebuilt)', async () => {
    t = await open();
    project = sqlProject(BASE);
    const res = await buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r1', sqlDir: project.dir, select: ['+things'] });
    expect(res.models.filter((m) => m.materialized === 'table').map((m) => m.name)).toEqual(['things']);
  });

  it('keeps a rebuilt table that came out the same, and the models downstream of it are not rebuilt for it (early cutoff)', async () => {
    t = await open();
    project = sqlProject({ ...BASE, 'marts/total_report.sql': `select connection, total * 2 as doubled from {{ ref('thing_totals') }}` });
    const { engine } = t;
    const build = (runId: string) => buildModels({ engine, config, log: silentLogger, runId, sqlDir: project!.dir });
    const model = (r: Awaited<ReturnType<typeof build>>, name: string) => r.models.find((m) => m.name === name)!;
    await landThings(engine, [['1', 'bolt', 3], ['2', 'nut', 4]]);
    await build('r1');
    // A name changes, the totals do not.
    await landThings(engine, [['1', 'big bolt', 3]]);
    const renamed = await build('r2');
    expect([model(renamed, 'things').unchanged, model(renamed, 'things').same, model(renamed, 'things').rows]).toEqual([undefined, undefined, 2]);
    expect(model(renamed, 'thing_totals')).toMatchObject({ status: 'succeeded', same: true, rows: 1 });
    expect(model(renamed, 'total_report')).toMatchObject({ unchanged: true });
    // A count changes: the totals differ and what reads them is rebuilt.
    await landThings(engine, [['2', 'nut', 10]]);
    const counted = await build('r3');
    expect(model(counted, 'thing_totals').same).toBeUndefined();
    expect(model(counted, 'total_report').unchanged).toBeUndefined();
    expect(await engine.query(`select doubled from ${qualified(engine.schemas.marts, 'total_report')}`)).toEqual([{ doubled: 26 }]);
    // And the next build with nothing landed rebuilds nothing.
    expect((await build('r4')).models.filter((m) => m.materialized === 'table' && !m.unchanged).map((m) => m.name)).toEqual([]);
  });
});
