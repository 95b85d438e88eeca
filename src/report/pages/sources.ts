// Sources: per source, the applications made in the period and how far they got (marts.source_funnel).
import { label, type Cell } from '../cells.ts';
import { barChart, STAGE_COLORS } from '../charts.ts';
import { dimensionWhere, periodWhere } from '../filters.ts';
import type { PageModel } from '../html.ts';
import { mart, NO_SOURCE, num, type PageInput } from './common.ts';

export interface SourceRow {
  readonly source: string;
  readonly applications: number;
  readonly reachedInterview: number;
  readonly reachedOffer: number;
  readonly hires: number;
}

export async function sourceRows(input: PageInput): Promise<SourceRow[]> {
  const { db, filters: f } = input;
  const w = periodWhere(dimensionWhere(f), 'applied_month', f.period);
  const rows = await db.query<Record<string, unknown>>(
    `select source_name, sum(applications) as applications, sum(reached_interview) as reached_interview, sum(reached_offer) as reached_offer, sum(hires) as hires
     from ${mart(db, 'source_funnel')} where ${w.sql} group by source_name`,
    w.params,
  );
  return rows
    .map((r) => ({
      source: (r['source_name'] as string | null) ?? NO_SOURCE,
      applications: num(r['applications']),
      reachedInterview: num(r['reached_interview']),
      reachedOffer: num(r['reached_offer']),
      hires: num(r['hires']),
    }))
    .sort((a, b) => b.applications - a.applications || a.source.localeCompare(b.source));
}

export async function sourcesPage(input: PageInput): Promise<PageModel> {
  const { cells, filters: f } = input;
  const rows = await sourceRows(input);
  const line = (r: SourceRow): Cell[] => [
    cells.count(r.applications), cells.count(r.reachedInterview), cells.count(r.reachedOffer), cells.count(r.hires), cells.rate(r.hires, r.applications),
  ];
  const total = rows.reduce((t, r) => ({ source: 'All sources', applications: t.applications + r.applications, reachedInterview: t.reachedInterview + r.reachedInterview, reachedOffer: t.reachedOffer + r.reachedOffer, hires: t.hires + r.hires }), {
    source: 'All sources', applications: 0, reachedInterview: 0, reachedOffer: 0, hires: 0,
  });
  const tableRows = rows.map((r) => [label(r.source), ...line(r)]);
  const chart =
    rows.length === 0
      ? undefined
      : barChart(
          rows.map((r) => r.source),
          [
            { name: 'Applications', cells: tableRows.map((r) => r[1]!), color: STAGE_COLORS['applied']! },
            { name: 'Reached interview', cells: tableRows.map((r) => r[2]!), color: STAGE_COLORS['interview']! },
            { name: 'Reached offer', cells: tableRows.map((r) => r[3]!), color: STAGE_COLORS['offer']! },
            { name: 'Hires', cells: tableRows.map((r) => r[4]!), color: STAGE_COLORS['hired']! },
          ],
          `Applications made in ${f.period.label} by source, and how many reached interview, offer and hire`,
          { horizontal: true },
        );
  return {
    id: 'sources',
    title: 'Sources',
    lede: `Applications made in ${f.period.label}, by where they came from, and how far they have got since. Hire rate is hires over applications.`,
    sections: [
      {
        id: 'sources-table',
        title: 'By source',
        ...(chart ? { chart } : {}),
        tables: [
          {
            id: 'sources',
            caption: `Applications made in ${f.period.label} by source`,
            head: ['Source', 'Applications', 'Reached interview', 'Reached offer', 'Hires', 'Hire rate'],
            rows: tableRows,
            foot: [label(total.source), ...line(total)],
          },
        ],
      },
    ],
  };
}
