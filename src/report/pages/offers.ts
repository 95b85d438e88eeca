// Offers: offers made in the period (the latest version of each application's offer, in the month
// it was made) and how they ended, per month and per department (marts.offers_monthly).
import { label, type Cell } from '../cells.ts';
import { barChart, STAGE_COLORS } from '../charts.ts';
import { dimensionWhere, periodWhere } from '../filters.ts';
import type { PageModel, Table } from '../html.ts';
import { monthKey } from '../period.ts';
import { mart, NO_DEPARTMENT, num, type PageInput } from './common.ts';

export interface OfferCounts {
  readonly label: string;
  readonly offers: number;
  readonly accepted: number;
  readonly declined: number;
  readonly pending: number;
}

async function offerCounts(input: PageInput, by: 'offer_month' | 'department_name'): Promise<OfferCounts[]> {
  const { db, filters: f } = input;
  const w = periodWhere(dimensionWhere(f), 'offer_month', f.period);
  const rows = await db.query<Record<string, unknown>>(
    `select ${by} as grp, sum(offers) as offers, sum(accepted) as accepted, sum(declined) as declined, sum(pending) as pending
     from ${mart(db, 'offers_monthly')} where ${w.sql} group by ${by}`,
    w.params,
  );
  const out = rows.map((r) => ({
    label: by === 'offer_month' ? monthKey(r['grp'] as Date) : ((r['grp'] as string | null) ?? NO_DEPARTMENT),
    offers: num(r['offers']),
    accepted: num(r['accepted']),
    declined: num(r['declined']),
    pending: num(r['pending']),
  }));
  return by === 'offer_month' ? out.sort((a, b) => a.label.localeCompare(b.label)) : out.sort((a, b) => b.offers - a.offers || a.label.localeCompare(b.label));
}

export const offersByMonth = (input: PageInput) => offerCounts(input, 'offer_month');
export const offersByDepartment = (input: PageInput) => offerCounts(input, 'department_name');

export async function offersPage(input: PageInput): Promise<PageModel> {
  const { cells, filters: f } = input;
  const [months, departments] = [await offersByMonth(input), await offersByDepartment(input)];
  const line = (r: OfferCounts): Cell[] => [
    label(r.label), cells.count(r.offers), cells.count(r.accepted), cells.count(r.declined), cells.count(r.pending), cells.rate(r.accepted, r.accepted + r.declined),
  ];
  const total = months.reduce((t, r) => ({ label: 'All', offers: t.offers + r.offers, accepted: t.accepted + r.accepted, declined: t.declined + r.declined, pending: t.pending + r.pending }), {
    label: 'All', offers: 0, accepted: 0, declined: 0, pending: 0,
  });
  const head = (first: string) => [first, 'Offers', 'Accepted', 'Declined', 'Pending', 'Acceptance rate'];
  const monthRows = months.map(line);
  const table = (id: string, caption: string, first: string, rows: Cell[][]): Table => ({ id, caption, head: head(first), rows, foot: line(total) });
  const chart =
    months.length === 0
      ? undefined
      : barChart(
          months.map((m) => m.label),
          [
            { name: 'Accepted', cells: monthRows.map((r) => r[2]!), color: STAGE_COLORS['hired']! },
            { name: 'Declined', cells: monthRows.map((r) => r[3]!), color: STAGE_COLORS['offer']! },
            { name: 'Pending', cells: monthRows.map((r) => r[4]!), color: '#bab0ac' },
          ],
          `Offers made per month in ${f.period.label}, by outcome`,
          { stack: true, yName: 'offers' },
        );
  return {
    id: 'offers',
    title: 'Offers',
    lede: `Offers made in ${f.period.label}: each application counts once, by its latest offer, in the month it was made. Acceptance rate is accepted over decided (accepted + declined); pending offers are not decided yet.`,
    sections: [
      { id: 'offers-month', title: 'By month', ...(chart ? { chart } : {}), tables: [table('offers-month', `Offers made in ${f.period.label} by month`, 'Month', monthRows)] },
      { id: 'offers-department', title: 'By department', tables: [table('offers-department', `Offers made in ${f.period.label} by department`, 'Department', departments.map(line))] },
    ],
  };
}
