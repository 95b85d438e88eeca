// Every number on every dashboard page equals what the marts of a ground-truth world say (and so
// what the world says), with and without filters, with the small-cell rule off (min_cell 1, to see
// every number) and on; on DuckDB (through the snapshot serve and report read) and on Postgres
// (through a read-only transaction).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { SmallCells } from '../../src/report/cells.ts';
import { NONE, type Filters } from '../../src/report/filters.ts';
import type { PageModel } from '../../src/report/html.ts';
import { loadOptions } from '../../src/report/options.ts';
import { PAGE_BUILDERS } from '../../src/report/pages/index.ts';
import { parsePeriod } from '../../src/report/period.ts';
import { openReportWarehouse, type ReportWarehouse } from '../../src/report/warehouse.ts';
import { build, landWorld } from '../models/harness.ts';
import { pgWarehouse, PG_URL, testPrefix } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';
import { Expect, type Marts, type R } from './expected.ts';

const MARTS = ['funnel', 'time_to_hire', 'job_fill', 'pipeline_daily', 'source_funnel', 'offers_monthly', 'stage_durations'] as const;

async function readMarts(engine: Engine): Promise<Marts> {
  const out = {} as Marts;
  for (const m of MARTS) out[m] = await engine.query<R>(`select * from ${qualified(engine.schemas.marts, m)}`);
  return out;
}

/** A table of a page as the texts it shows. */
function table(model: PageModel, id: string): { rows: string[][]; foot: string[] | undefined } {
  const t = model.sections.flatMap((s) => s.tables).find((x) => x.id === id);
  if (!t) throw new Error(`page ${model.id} has no table ${id}`);
  return { rows: t.rows.map((r) => r.map((c) => c.text)), foot: t.foot?.map((c) => c.text) };
}

interface Case {
  label: string;
  period: string;
  department?: string;
  office?: string;
  job?: string;
  split?: 'department' | 'office' | 'job';
  stuck?: number;
  min: number;
}

async function checkPages(wh: ReportWarehouse, marts: Marts, c: Case): Promise<void> {
  const period = parsePeriod(c.period);
  const filters: Filters = {
    connection: 'acme', period, split: c.split ?? 'department', stuckDays: c.stuck ?? 30,
    ...(c.department ? { department: c.department } : {}), ...(c.office ? { office: c.office } : {}), ...(c.job ? { job: c.job } : {}),
  };
  const pages = await wh.read(async (db) => {
    const out: Record<string, PageModel> = {};
    for (const [id, build] of Object.entries(PAGE_BUILDERS)) out[id] = await build({ db, filters, cells: new SmallCells(c.min) });
    return out;
  });
  const e = new Expect(marts, { connection: 'acme', from: period.from, to: period.to, split: filters.split, stuck: filters.stuckDays, ...(c.department ? { department: c.department } : {}), ...(c.office ? { office: c.office } : {}), ...(c.job ? { job: c.job } : {}) }, c.min);
  const [funnel, speed, pipeline, sources, offers] = [pages['funnel']!, pages['speed']!, pages['pipeline']!, pages['sources']!, pages['offers']!];

  expect(table(funnel, 'funnel-stages').rows).toEqual(e.funnelStages());
  const totals = e.funnelTotals();
  expect(table(funnel, 'funnel-split').rows).toEqual(e.funnelSplit());
  expect(table(funnel, 'funnel-split').foot).toEqual(['All', ...totals.map((t) => e.count(t.reached)), e.rate(totals[4]!.reached, totals[0]!.reached)]);

  expect(table(sources, 'sources').rows).toEqual(e.sources());
  expect(table(offers, 'offers-month').rows).toEqual(e.offers('month'));
  expect(table(offers, 'offers-department').rows).toEqual(e.offers('department'));

  expect(table(speed, 'speed-month').rows).toEqual(e.speed('month'));
  expect(table(speed, 'speed-department').rows).toEqual(e.speed('department'));
  expect(table(speed, 'speed-month').foot).toEqual(e.speedTotal());
  expect(table(speed, 'speed-stages').rows).toEqual(e.stageDays());
  expect(table(speed, 'speed-stuck').rows).toEqual(e.stuckByStage());
  expect(table(speed, 'speed-stuck-jobs').rows).toEqual(e.stuckByJob());

  expect(table(pipeline, 'pipeline-now').rows).toEqual(e.pipelineNow());
  expect(table(pipeline, 'pipeline-daily').rows).toEqual(e.pipelineDaily());
}

/** The department, office and job with the most applications: filters that leave real numbers. */
function busiest(marts: Marts): { department: string; office: string; job: string } {
  const top = (col: string) => {
    const n = new Map<string, number>();
    for (const r of marts.funnel) if (r['canonical_stage'] === 'applied') n.set(r[col], (n.get(r[col]) ?? 0) + Number(r['reached']));
    return [...n].sort((a, b) => b[1] - a[1])[0]![0];
  };
  return { department: top('department_name'), office: top('office_name'), job: top('job_id') };
}

describe('dashboard pages on DuckDB (small world, seed 2, a year)', () => {
  const tmp = tempDir('hirelake-report-');
  const path = join(tmp.dir, 'w.duckdb');
  let marts: Marts;
  let wh: ReportWarehouse;
  let top: ReturnType<typeof busiest>;

  beforeAll(async () => {
    const engine = await DuckDbEngine.open({ path });
    try {
      const landed = await landWorld(engine, { seed: 2, size: 'small', days: 365 });
      await build(engine, landed.config);
      marts = await readMarts(engine);
    } finally {
      await engine.close();
    }
    top = busiest(marts);
    wh = await openReportWarehouse({ engine: 'duckdb', path, memory_limit: '256MB' }, { connections: ['acme'] });
  });
  afterAll(async () => {
    await wh?.close();
    tmp.cleanup();
  });

  it('the world has enough in it: every mart the pages read has rows', () => {
    for (const m of MARTS) expect(marts[m].length, m).toBeGreaterThan(0);
  });

  it.each<Omit<Case, 'department' | 'office' | 'job'> & { dims: ('department' | 'office' | 'job')[] }>([
    { label: 'a quarter, no filter', period: '2024Q2', min: 1, dims: [] },
    { label: 'a quarter, one department', period: '2024Q2', min: 1, dims: ['department'] },
    { label: 'the year, one office, split by job', period: '2024', min: 1, dims: ['office'], split: 'job' },
    { label: 'a quarter, one job, split by office, small cells hidden', period: '2024Q3', min: 5, dims: ['job'], split: 'office' },
    { label: 'all time, stuck after 10 days, small cells hidden', period: 'all', min: 5, dims: [], stuck: 10 },
    { label: 'a range of months, department and office', period: '2024-03..2024-08', min: 3, dims: ['department', 'office'] },
  ])('$label: every table equals the marts', async (c) => {
    const dims = Object.fromEntries(c.dims.map((d) => [d, top[d]]));
    await checkPages(wh, marts, { ...c, ...dims });
  });

  it('a filter changes the numbers: one department is a part of all of them', async () => {
    const pages = await wh.read(async (db) => {
      const base = { connection: 'acme', period: parsePeriod('2024'), split: 'department' as const, stuckDays: 30 };
      return [await PAGE_BUILDERS.funnel({ db, filters: base, cells: new SmallCells(1) }), await PAGE_BUILDERS.funnel({ db, filters: { ...base, department: top.department }, cells: new SmallCells(1) })];
    });
    const applied = (p: PageModel) => Number(table(p, 'funnel-stages').rows[0]![1]!.replaceAll(',', ''));
    expect(applied(pages[1]!)).toBeGreaterThan(0);
    expect(applied(pages[1]!)).toBeLessThan(applied(pages[0]!));
  });

  it('small cells: counts, rates and days below min_cell show "<5" in tables and never as a value in charts', async () => {
    // A job whose 2024 Q3 cohort has a stage that 1 to 4 applications reached.
    const q3 = parsePeriod('2024Q3');
    const job = marts.funnel.find((r) => r['applied_month'] >= q3.from && r['applied_month'] < q3.to && r['reached'] > 0 && r['reached'] < 5)!['job_id'] as string;
    const page = await wh.read((db) =>
      PAGE_BUILDERS.funnel({ db, filters: { connection: 'acme', period: q3, job, split: 'department', stuckDays: 30 }, cells: new SmallCells(5) }),
    );
    const stages = page.sections[0]!.tables[0]!.rows;
    const hidden = stages.filter((r) => r[1]!.suppressed);
    expect(hidden.length, 'one job in one quarter has stages with fewer than 5 applications').toBeGreaterThan(0);
    for (const r of stages) {
      if (r[1]!.suppressed) {
        expect(r[1]!.value).toBeNull();
        expect(r[1]!.text).toBe('<5');
      }
      // a rate over a hidden count is hidden too (or, over nothing, absent)
      if (r[1]!.suppressed) expect(['', '<5', '–']).toContain(r[3]!.text);
    }
    const svg = page.sections[0]!.chart!;
    for (const r of hidden) expect(svg).toContain(`${r[0]!.text.toLowerCase()}: &lt;5`);
  });

  it('filter choices come from the marts: departments, offices and jobs of the connection', async () => {
    const options = await wh.read((db) => loadOptions(db, 'acme'));
    const depts = [...new Set([...marts.funnel, ...marts.job_fill].map((r) => (r['department_name'] as string | null) ?? NONE))].sort();
    expect(options.departments.map((d) => d.value).sort()).toEqual(depts);
    expect(options.jobs.length).toBe(new Set([...marts.funnel, ...marts.job_fill].map((r) => r['job_id'])).size);
    expect(options.firstMonth?.toISOString().slice(0, 7)).toBe('2024-01');
  });
});

describe('dashboard pages on Postgres (tiny world, read-only transaction), with applications without a job', () => {
  let pg: Awaited<ReturnType<typeof pgWarehouse>>;
  let marts: Marts;
  let wh: ReportWarehouse;

  beforeAll(async () => {
    pg = await pgWarehouse();
    const landed = await landWorld(pg.engine, { seed: 3, size: 'tiny', days: 150 });
    await build(pg.engine, landed.config);
    // Applications without a job (issue 9 lets job_id be null): a cohort of its own in the funnel.
    const f = qualified(pg.engine.schemas.marts, 'funnel');
    await pg.engine.exec(
      `insert into ${f} (connection, job_id, job_name, department_name, office_name, applied_month, canonical_stage, stage_order, reached, visited)
       values ('acme', null, null, null, null, date '2024-02-01', 'applied', 1, 9, 9), ('acme', null, null, null, null, date '2024-02-01', 'screen', 2, 6, 6),
              ('acme', null, null, null, null, date '2024-02-01', 'interview', 3, 2, 2), ('acme', null, null, null, null, date '2024-02-01', 'offer', 4, 1, 1),
              ('acme', null, null, null, null, date '2024-02-01', 'hired', 5, 0, 0)`,
    );
    marts = await readMarts(pg.engine);
    wh = await openReportWarehouse({ engine: 'postgres', url: PG_URL, schema_prefix: pg.prefix, pool_size: 2 }, { connections: ['acme'] });
  });
  afterAll(async () => {
    await wh?.close();
    await pg?.dispose();
  });

  it.each<Case>([
    { label: 'all time', period: 'all', min: 1 },
    { label: 'a quarter split by job', period: '2024Q1', min: 1, split: 'job' },
    { label: 'applications without a job', period: '2024Q1', min: 1, job: NONE, split: 'job' },
    { label: 'a department, small cells hidden', period: 'all', min: 5, department: 'Engineering' },
  ])('$label: every table equals the marts', async (c) => {
    await checkPages(wh, marts, c);
  });

  it('shows applications without a job as "No job", in the split and as a filter choice', async () => {
    const [page, options] = await wh.read(async (db) => [
      await PAGE_BUILDERS.funnel({ db, filters: { connection: 'acme', period: parsePeriod('2024Q1'), split: 'job', stuckDays: 30 }, cells: new SmallCells(1) }),
      await loadOptions(db, 'acme'),
    ] as const);
    expect(table(page, 'funnel-split').rows.find((r) => r[0] === 'No job')).toEqual(['No job', '9', '6', '2', '1', '0', '0.0%']);
    expect(options.jobs).toContainEqual({ value: NONE, label: 'No job' });
  });

  it('a Postgres warehouse without the marts is named, with what to run', async () => {
    const prefix = testPrefix();
    await expect(openReportWarehouse({ engine: 'postgres', url: PG_URL, schema_prefix: prefix, pool_size: 1 }, { connections: ['acme'] })).rejects.toThrow(
      new RegExp(`has no ${prefix}marts\\.funnel, .*hirelake transform`),
    );
  });

  it('reads in a read-only transaction: a write through it fails', async () => {
    await expect(wh.read((db) => db.query(`create table ${qualified(pg.engine.schemas.marts, 'nope')} (x int)`))).rejects.toThrow(/read-only/);
  });
});
