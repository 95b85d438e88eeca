// Speed: days to hire (marts.time_to_hire, hires made in the period), days to fill (marts.job_fill,
// openings filled in the period), days in each stage (marts.stage_durations, visits that ended in the
// period) as medians and 90th percentiles, and open visits older than N days ("stuck").
import { label, type Cell, type SmallCells } from '../cells.ts';
import { barChart, lineChart, STAGE_COLORS } from '../charts.ts';
import { dimensionWhere, periodWhere } from '../filters.ts';
import type { PageModel } from '../html.ts';
import { monthKey } from '../period.ts';
import { jobLabel, mart, NO_DEPARTMENT, num, numOrNull, STAGES, titleCase, type PageInput } from './common.ts';
import { pipelineAsOf } from './pipeline.ts';

/** How many, and the median and 90th percentile of their days. */
export interface DurationStats {
  readonly label: string;
  /** Applications the figures are built from (hires, filled openings, applications that visited). */
  readonly n: number;
  readonly median: number | null;
  readonly p90: number | null;
}

type Grouping = 'all' | 'month' | 'department';

interface DurationSource {
  readonly table: string;
  readonly days: string;
  /** The event that places a row in the period. */
  readonly at: string;
  /** What n counts. */
  readonly n: string;
}

const HIRE: DurationSource = { table: 'time_to_hire', days: 'days_to_hire', at: 'hired_at', n: 'count(*)' };
const FILL: DurationSource = { table: 'job_fill', days: 'days_to_fill', at: 'filled_at', n: 'count(*)' };

async function durations(input: PageInput, src: DurationSource, by: Grouping): Promise<DurationStats[]> {
  const { db, filters: f } = input;
  const w = periodWhere(dimensionWhere(f), src.at, f.period);
  const grp = by === 'month' ? `date_trunc('month', ${src.at})` : by === 'department' ? 'department_name' : null;
  const rows = await db.query<Record<string, unknown>>(
    `select ${grp ? `${grp} as grp, ` : ''}${src.n} as n,
       percentile_cont(0.5) within group (order by ${src.days}) as median,
       percentile_cont(0.9) within group (order by ${src.days}) as p90
     from ${mart(db, src.table)} where ${w.sql}${grp ? ` group by ${grp}` : ''}`,
    w.params,
  );
  return rows
    .filter((r) => num(r['n']) > 0)
    .map((r) => ({
      label: by === 'month' ? monthKey(r['grp'] as Date) : by === 'department' ? ((r['grp'] as string | null) ?? NO_DEPARTMENT) : 'All',
      n: num(r['n']),
      median: numOrNull(r['median']),
      p90: numOrNull(r['p90']),
    }));
}

export const timeToHire = (input: PageInput, by: Grouping) => durations(input, HIRE, by);
export const timeToFill = (input: PageInput, by: Grouping) => durations(input, FILL, by);

/** Days in each stage over visits that ended in the period; n counts the applications. */
export async function stageDays(input: PageInput): Promise<(DurationStats & { stage: string; visits: number })[]> {
  const { db, filters: f } = input;
  const w = periodWhere(dimensionWhere(f), 'exited_at', f.period);
  const rows = await db.query<Record<string, unknown>>(
    `select canonical_stage, count(*) as visits, count(distinct application_id) as n,
       percentile_cont(0.5) within group (order by days) as median,
       percentile_cont(0.9) within group (order by days) as p90
     from ${mart(db, 'stage_durations')} where ${w.sql} group by canonical_stage`,
    w.params,
  );
  const by = new Map(rows.map((r) => [r['canonical_stage'] as string, r]));
  return STAGES.flatMap((s) => {
    const r = by.get(s);
    return r ? [{ stage: s, label: titleCase(s), visits: num(r['visits']), n: num(r['n']), median: numOrNull(r['median']), p90: numOrNull(r['p90']) }] : [];
  });
}

export interface StuckRow {
  readonly label: string;
  readonly open: number;
  readonly stuck: number;
}

/** Open visits now (at the data's last activity), and those older than the stuck threshold. */
export async function stuckByStage(input: PageInput): Promise<StuckRow[]> {
  const { db, filters: f } = input;
  const w = dimensionWhere(f).raw('exited_at is null');
  const p = `$${w.params.length + 1}`;
  const rows = await db.query<Record<string, unknown>>(
    `select canonical_stage, count(*) as open, count(*) filter (where open_days > ${p}) as stuck
     from ${mart(db, 'stage_durations')} where ${w.sql} group by canonical_stage`,
    [...w.params, f.stuckDays],
  );
  const by = new Map(rows.map((r) => [r['canonical_stage'] as string, r]));
  return STAGES.filter((s) => by.has(s)).map((s) => ({ label: titleCase(s), open: num(by.get(s)!['open']), stuck: num(by.get(s)!['stuck']) }));
}

export const STUCK_JOBS = 10;

/** The jobs with the most stuck applications (at most STUCK_JOBS). */
export async function stuckByJob(input: PageInput): Promise<StuckRow[]> {
  const { db, filters: f } = input;
  const w = dimensionWhere(f).raw('exited_at is null');
  const p = `$${w.params.length + 1}`;
  const rows = await db.query<Record<string, unknown>>(
    `select job_id, job_name, count(*) as open, count(*) filter (where open_days > ${p}) as stuck
     from ${mart(db, 'stage_durations')} where ${w.sql} group by job_id, job_name
     having count(*) filter (where open_days > ${p}) > 0
     order by stuck desc, open desc, job_id limit ${STUCK_JOBS}`,
    [...w.params, f.stuckDays],
  );
  return rows.map((r) => ({ label: jobLabel(r['job_id'], r['job_name']), open: num(r['open']), stuck: num(r['stuck']) }));
}

const statCells = (cells: SmallCells, s: DurationStats | undefined): Cell[] =>
  s ? [cells.count(s.n), cells.days(s.median, s.n), cells.days(s.p90, s.n)] : [cells.count(0), cells.days(null, 0), cells.days(null, 0)];

export async function speedPage(input: PageInput): Promise<PageModel> {
  const { cells, filters: f } = input;
  const [hireAll] = await timeToHire(input, 'all');
  const [fillAll] = await timeToFill(input, 'all');
  const hireMonths = await timeToHire(input, 'month');
  const fillMonths = await timeToFill(input, 'month');
  const hireDepts = await timeToHire(input, 'department');
  const fillDepts = await timeToFill(input, 'department');
  const stages = await stageDays(input);
  const stuck = await stuckByStage(input);
  const stuckJobs = await stuckByJob(input);
  const asOf = await pipelineAsOf(input);

  const months = [...new Set([...hireMonths, ...fillMonths].map((m) => m.label))].sort();
  const depts = [...new Set([...hireDepts, ...fillDepts].map((m) => m.label))].sort((a, b) => a.localeCompare(b));
  const find = (xs: readonly DurationStats[], l: string) => xs.find((x) => x.label === l);
  const monthRows = months.map((m) => [label(m), ...statCells(cells, find(hireMonths, m)), ...statCells(cells, find(fillMonths, m))]);
  const deptRows = depts.map((d) => [label(d), ...statCells(cells, find(hireDepts, d)), ...statCells(cells, find(fillDepts, d))]);
  const foot = [label('All'), ...statCells(cells, hireAll), ...statCells(cells, fillAll)];
  const head = (first: string) => [first, 'Hires', 'Median days to hire', 'P90 days to hire', 'Openings filled', 'Median days to fill', 'P90 days to fill'];
  const trend =
    months.length === 0
      ? undefined
      : lineChart(
          months,
          [
            { name: 'Median days to hire', cells: monthRows.map((r) => r[2]!), color: '#4e79a7' },
            { name: 'P90 days to hire', cells: monthRows.map((r) => r[3]!), color: '#a0cbe8' },
            { name: 'Median days to fill', cells: monthRows.map((r) => r[5]!), color: '#f28e2b' },
            { name: 'P90 days to fill', cells: monthRows.map((r) => r[6]!), color: '#ffbe7d' },
          ],
          `Median and 90th percentile days to hire and to fill, by month, ${f.period.label}`,
          { yName: 'days' },
        );
  const stageRows = stages.map((s) => [label(s.label), cells.count(s.n), cells.days(s.median, s.n), cells.days(s.p90, s.n)]);
  const stageChart =
    stages.length === 0
      ? undefined
      : barChart(
          stages.map((s) => s.label),
          [
            { name: 'Median days', cells: stageRows.map((r) => r[2]!), color: '#4e79a7' },
            { name: 'P90 days', cells: stageRows.map((r) => r[3]!), color: '#a0cbe8' },
          ],
          `Median and 90th percentile days in each stage, visits that ended in ${f.period.label}`,
          { yName: 'days' },
        );
  const stuckLine = (r: StuckRow) => [label(r.label), cells.count(r.open), cells.count(r.stuck)];
  const asOfText = asOf ? asOf.toISOString().slice(0, 10) : 'the last activity';
  return {
    id: 'speed',
    title: 'Speed',
    lede: `Days to hire (application to hire) for hires made in ${f.period.label}; days to fill (opening opened to filled) for openings filled in it; days in each stage for stage visits that ended in it. Calendar days; medians and 90th percentiles.`,
    sections: [
      { id: 'speed-month', title: 'Trend by month', ...(trend ? { chart: trend } : {}), tables: [{ id: 'speed-month', caption: `Days to hire and to fill by month, ${f.period.label}`, head: head('Month'), rows: monthRows, foot }] },
      { id: 'speed-department', title: 'By department', tables: [{ id: 'speed-department', caption: `Days to hire and to fill by department, ${f.period.label}`, head: head('Department'), rows: deptRows, foot }] },
      {
        id: 'speed-stages',
        title: 'Days in each stage',
        ...(stageChart ? { chart: stageChart } : {}),
        tables: [{ id: 'speed-stages', caption: `Days in each stage, visits that ended in ${f.period.label}`, head: ['Stage', 'Applications', 'Median days', 'P90 days'], rows: stageRows }],
      },
      {
        id: 'speed-stuck',
        title: `Stuck: open for more than ${f.stuckDays} days`,
        note: `Applications in a stage now (as of ${asOfText}, the data's last activity) and those that entered it more than ${f.stuckDays} days before.`,
        tables: [
          { id: 'speed-stuck', caption: `Open applications by stage, as of ${asOfText}`, head: ['Stage', 'Open', `Open > ${f.stuckDays} days`], rows: stuck.map(stuckLine) },
          { id: 'speed-stuck-jobs', caption: `Jobs with the most applications open > ${f.stuckDays} days (top ${STUCK_JOBS})`, head: ['Job', 'Open', `Open > ${f.stuckDays} days`], rows: stuckJobs.map(stuckLine), empty: 'No application has been open that long.' },
        ],
      },
    ],
  };
}
