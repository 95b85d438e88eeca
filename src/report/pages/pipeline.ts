// Pipeline: active applications per job and stage on the data's last day, and the daily pipeline
// over the period as stacked areas (marts.pipeline_daily; a missing row is 0).
import { label, type Cell } from '../cells.ts';
import { stackedArea, STAGE_COLORS } from '../charts.ts';
import { dimensionWhere, periodWhere } from '../filters.ts';
import type { PageModel } from '../html.ts';
import { jobLabel, mart, num, STAGES, titleCase, type PageInput } from './common.ts';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface JobStages {
  readonly label: string;
  /** active applications per stage, in STAGES order */
  readonly active: number[];
}

/** The last day of the connection's pipeline: "today" as far as the data knows. */
export async function pipelineAsOf(input: PageInput): Promise<Date | null> {
  const { db, filters: f } = input;
  const [row] = await db.query<{ d: Date | null }>(`select max(day) as d from ${mart(db, 'pipeline_daily')} where connection = $1`, [f.connection]);
  return row?.d ?? null;
}

export async function pipelineNow(input: PageInput, asOf: Date): Promise<JobStages[]> {
  const { db, filters: f } = input;
  const w = dimensionWhere(f).add('day = ?', asOf);
  const rows = await db.query<Record<string, unknown>>(
    `select job_id, job_name, canonical_stage, sum(active_applications) as active from ${mart(db, 'pipeline_daily')} where ${w.sql} group by job_id, job_name, canonical_stage`,
    w.params,
  );
  const jobs = new Map<string, number[]>();
  for (const r of rows) {
    const key = jobLabel(r['job_id'], r['job_name']);
    const counts = jobs.get(key) ?? STAGES.map(() => 0);
    counts[STAGES.indexOf(r['canonical_stage'] as (typeof STAGES)[number])]! += num(r['active']);
    jobs.set(key, counts);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return [...jobs].map(([l, active]) => ({ label: l, active })).sort((a, b) => sum(b.active) - sum(a.active) || a.label.localeCompare(b.label));
}

export interface DailyPipeline {
  /** every day of the period up to the data's last day */
  readonly days: string[];
  /** per stage (STAGES order), active applications per day */
  readonly byStage: number[][];
}

export async function pipelineDaily(input: PageInput, asOf: Date): Promise<DailyPipeline> {
  const { db, filters: f } = input;
  const w = periodWhere(dimensionWhere(f), 'day', f.period);
  const rows = await db.query<{ day: Date; canonical_stage: string; active: unknown }>(
    `select day, canonical_stage, sum(active_applications) as active from ${mart(db, 'pipeline_daily')} where ${w.sql} group by day, canonical_stage`,
    w.params,
  );
  if (rows.length === 0) return { days: [], byStage: STAGES.map(() => []) };
  // From the period's first day, or the data's when it starts later (a period of "all").
  const first = rows.reduce((m, r) => Math.min(m, r.day.getTime()), Number.POSITIVE_INFINITY);
  const start = Math.max(f.period.from.getTime(), first);
  const end = Math.min(f.period.to.getTime() - DAY, asOf.getTime());
  const days: string[] = [];
  for (let d = start; d <= end; d += DAY) days.push(isoDay(new Date(d)));
  const index = new Map(days.map((d, i) => [d, i]));
  const byStage = STAGES.map(() => days.map(() => 0));
  for (const r of rows) {
    const i = index.get(isoDay(r.day));
    if (i !== undefined) byStage[STAGES.indexOf(r.canonical_stage as (typeof STAGES)[number])]![i]! += num(r.active);
  }
  return { days, byStage };
}

export async function pipelinePage(input: PageInput): Promise<PageModel> {
  const { cells, filters: f } = input;
  const asOf = await pipelineAsOf(input);
  const now = asOf ? await pipelineNow(input, asOf) : [];
  const daily = asOf ? await pipelineDaily(input, asOf) : { days: [], byStage: STAGES.map(() => []) };
  // A hired stage exists only where a vendor keeps hires in a stage; show it only then.
  const shown = STAGES.map((s, i) => ({ s, i })).filter(({ s, i }) => s !== 'hired' || now.some((j) => j.active[i]! > 0) || daily.byStage[i]!.some((n) => n > 0));
  const total = STAGES.map((_, i) => now.reduce((t, j) => t + j.active[i]!, 0));
  const line = (l: string, active: number[]): Cell[] => [label(l), ...shown.map(({ i }) => cells.count(active[i]!)), cells.count(active.reduce((a, b) => a + b, 0))];
  const asOfText = asOf ? isoDay(asOf) : 'no data';
  // The table beside the daily chart samples every 7th day back from the last one, to stay readable.
  const last = daily.days.length - 1;
  const sampled = daily.days.map((d, i) => ({ d, i })).filter(({ i }) => (last - i) % 7 === 0);
  const dailyCells = shown.map(({ i }) => daily.byStage[i]!.map((n) => cells.count(n)));
  const chart =
    daily.days.length === 0
      ? undefined
      : stackedArea(
          daily.days,
          shown.map(({ s }, k) => ({ name: titleCase(s), cells: dailyCells[k]!, color: STAGE_COLORS[s]! })),
          `Active applications at the end of each day by stage, ${f.period.label}`,
        );
  return {
    id: 'pipeline',
    title: 'Pipeline',
    lede: `Applications active in each stage at the end of a day. Now is ${asOfText}, the last day with activity in the data.`,
    sections: [
      {
        id: 'pipeline-now',
        title: `Now (${asOfText})`,
        tables: [
          {
            id: 'pipeline-now',
            caption: `Active applications per job and stage on ${asOfText}`,
            head: ['Job', ...shown.map(({ s }) => titleCase(s)), 'Total'],
            rows: now.map((j) => line(j.label, j.active)),
            foot: line('All jobs', total),
            empty: 'No active applications.',
          },
        ],
      },
      {
        id: 'pipeline-daily',
        title: `Over ${f.period.label}`,
        ...(chart ? { chart } : {}),
        tables: [
          {
            id: 'pipeline-daily',
            caption: `Active applications by stage, every 7th day back from ${daily.days[last] ?? asOfText}`,
            head: ['Day', ...shown.map(({ s }) => titleCase(s)), 'Total'],
            rows: sampled.map(({ d, i }) => line(d, STAGES.map((_, k) => daily.byStage[k]![i]!))),
          },
        ],
      },
    ],
  };
}
