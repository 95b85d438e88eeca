// Funnel: pass-through applied → screen → interview → offer → hired for the cohort of applications
// made in the period (marts.funnel), as a whole and split by department, office or job.
import { label, type Cell } from '../cells.ts';
import { funnelChart } from '../charts.ts';
import { dimensionWhere, periodWhere } from '../filters.ts';
import type { PageModel } from '../html.ts';
import { mart, num, SPLIT_TITLES, splitColumns, STAGES, titleCase, type PageInput } from './common.ts';

export interface StageCounts {
  readonly reached: number;
  readonly visited: number;
}

/** Sums of reached and visited per stage over the filtered cohort rows, every stage present. */
export async function funnelTotals(input: PageInput): Promise<StageCounts[]> {
  const { db, filters: f } = input;
  const w = periodWhere(dimensionWhere(f), 'applied_month', f.period);
  const rows = await db.query<{ canonical_stage: string; reached: unknown; visited: unknown }>(
    `select canonical_stage, sum(reached) as reached, sum(visited) as visited from ${mart(db, 'funnel')} where ${w.sql} group by canonical_stage`,
    w.params,
  );
  const by = new Map(rows.map((r) => [r.canonical_stage, r]));
  return STAGES.map((s) => ({ reached: num(by.get(s)?.reached), visited: num(by.get(s)?.visited) }));
}

export interface SplitRow {
  readonly label: string;
  /** reached per stage, in STAGES order */
  readonly reached: number[];
}

export async function funnelSplit(input: PageInput): Promise<SplitRow[]> {
  const { db, filters: f } = input;
  const split = splitColumns(f.split);
  const w = periodWhere(dimensionWhere(f), 'applied_month', f.period);
  const rows = await db.query<Record<string, unknown>>(
    `select ${split.key}, canonical_stage, sum(reached) as reached from ${mart(db, 'funnel')} where ${w.sql} group by ${split.group}, canonical_stage`,
    w.params,
  );
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = split.label(r);
    const counts = groups.get(key) ?? STAGES.map(() => 0);
    counts[STAGES.indexOf(r['canonical_stage'] as (typeof STAGES)[number])]! += num(r['reached']);
    groups.set(key, counts);
  }
  return [...groups]
    .map(([l, reached]) => ({ label: l, reached }))
    .sort((a, b) => b.reached[0]! - a.reached[0]! || a.label.localeCompare(b.label));
}

export async function funnelPage(input: PageInput): Promise<PageModel> {
  const { cells, filters: f } = input;
  const totals = await funnelTotals(input);
  const split = await funnelSplit(input);
  const applied = totals[0]!.reached;
  const stageRows: Cell[][] = totals.map((t, i) => [
    label(titleCase(STAGES[i]!)),
    cells.count(t.reached),
    cells.count(t.visited),
    i === 0 ? label('') : cells.rate(t.reached, totals[i - 1]!.reached),
    i === 0 ? label('') : cells.rate(t.reached, applied),
  ]);
  const chart = funnelChart(
    STAGES.map((s, i) => ({ name: s, cell: stageRows[i]![1]! })),
    `Funnel of the applications made in ${f.period.label}: applications that reached each stage`,
  );
  const splitTitle = SPLIT_TITLES[f.split];
  return {
    id: 'funnel',
    title: 'Funnel',
    lede: `Applications made in ${f.period.label} (the cohort), and how far they have got since. Reached: got to the stage or beyond (skipped stages count as passed); visited: spent time in it. Conversion is reached at a stage over reached at the one before.`,
    sections: [
      {
        id: 'funnel-stages',
        title: 'Pass-through by stage',
        chart,
        tables: [{ id: 'funnel-stages', caption: `Applications made in ${f.period.label}`, head: ['Stage', 'Reached', 'Visited', 'Conversion from previous', 'Conversion from applied'], rows: stageRows }],
      },
      {
        id: 'funnel-split',
        title: `By ${splitTitle.toLowerCase()}`,
        tables: [
          {
            id: 'funnel-split',
            caption: `Applications made in ${f.period.label} that reached each stage, by ${splitTitle.toLowerCase()}`,
            head: [splitTitle, ...STAGES.map(titleCase), 'Hire rate'],
            rows: split.map((r) => [label(r.label), ...r.reached.map((n) => cells.count(n)), cells.rate(r.reached[4]!, r.reached[0]!)]),
            foot: [label('All'), ...totals.map((t) => cells.count(t.reached)), cells.rate(totals[4]!.reached, applied)],
          },
        ],
      },
    ],
  };
}
