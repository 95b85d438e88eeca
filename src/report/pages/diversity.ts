// Diversity: the funnel per voluntary self-identification answer (gender, race, veteran and
// disability status), for connections with `demographics: true`. It reads marts.diversity_funnel and
// nothing else: that mart is the only form in which demographic answers leave the warehouse, already
// small-cell suppressed with complementary suppression (sql/README.md, Demographics). So the page
// adds no number of its own: no totals, no sums across quarters, no rate the mart did not publish,
// and it does not apply the dashboards' own small-cell rule on top (hiding one more cell of a row
// would leave it alone, to be worked out from the row's public total on the Funnel page).
import { tableExists } from '../../engine/table-exists.ts';
import { EMPTY, label, type Cell } from '../cells.ts';
import { barChart, STAGE_COLORS } from '../charts.ts';
import type { Filters } from '../filters.ts';
import type { PageModel, Section, Table } from '../html.ts';
import type { Period } from '../period.ts';
import type { ReportDb } from '../warehouse.ts';
import { mart, numOrNull, STAGES, titleCase, type PageInput } from './common.ts';

export const DIVERSITY_MART = 'diversity_funnel';
export const SUPPRESSED = 'suppressed';
export const DECLINED = 'Declined to answer';
export const NO_RESPONSE = 'No response';

/** The questions in the order of the seed `demographic_categories`; others follow by name. */
const CATEGORY_TITLES: Readonly<Record<string, string>> = {
  gender: 'Gender',
  race: 'Race / ethnicity',
  veteran_status: 'Veteran status',
  disability_status: 'Disability status',
};
const WHY_SUPPRESSED = 'hidden for privacy: fewer applications than privacy.min_cell, or hidden with such a cell so that it cannot be worked out';
const pct1 = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const counts = new Intl.NumberFormat('en-US');

/** Whether the connection has a diversity funnel: it set `demographics: true` and was transformed since. */
export async function hasDiversity(db: ReportDb, connection: string): Promise<boolean> {
  if (!(await tableExists(db, { schema: db.schemas.marts, table: DIVERSITY_MART }))) return false;
  const rows = await db.query(`select 1 as x from ${mart(db, DIVERSITY_MART)} where connection = $1 limit 1`, [connection]);
  return rows.length > 0;
}

/** One row of marts.diversity_funnel as the page reads it. */
export interface DiversityCell {
  readonly quarter: Date;
  readonly stage: string;
  readonly category: string;
  readonly answer: string;
  readonly reached: number | null;
  readonly conversion: number | null;
  readonly suppressed: boolean;
}

const quarterStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1));
export const quarterKey = (q: Date) => `${q.getUTCFullYear()}Q${Math.floor(q.getUTCMonth() / 3) + 1}`;
const quarterLabel = (q: Date) => `${q.getUTCFullYear()} Q${Math.floor(q.getUTCMonth() / 3) + 1}`;

/** Whether the period is made of whole quarters, so the quarters shown are exactly the period. */
function wholeQuarters(p: Period): boolean {
  return p.key === 'all' || (quarterStart(p.from).getTime() === p.from.getTime() && quarterStart(p.to).getTime() === p.to.getTime());
}

/** The mart's rows of the connection for the quarters overlapping the period. */
export async function diversityCells(db: ReportDb, f: Filters): Promise<DiversityCell[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select applied_quarter, canonical_stage, category, answer, reached, conversion_from_previous, suppressed
     from ${mart(db, DIVERSITY_MART)}
     where connection = $1 and applied_quarter >= $2 and applied_quarter < $3`,
    [f.connection, quarterStart(f.period.from), f.period.to],
  );
  return rows.map((r) => ({
    quarter: r['applied_quarter'] as Date,
    stage: r['canonical_stage'] as string,
    category: r['category'] as string,
    answer: r['answer'] as string,
    // Read as the mart says, not as null-means-zero: a null count is hidden, not nothing.
    reached: numOrNull(r['reached']),
    conversion: numOrNull(r['conversion_from_previous']),
    suppressed: r['suppressed'] === true,
  }));
}

/** An account's own question (custom:<key>, the key made of its wording) reads as that wording. */
export function categoryTitle(category: string): string {
  return CATEGORY_TITLES[category] ?? titleCase(category.replace(/^custom:/, '').replaceAll('_', ' '));
}

/** The category as part of an element id: custom:<key> without the colon, which a CSS selector would need escaped. */
export const categoryId = (category: string) => category.replace(/[^A-Za-z0-9_-]+/g, '-');

function byCategory(a: string, b: string): number {
  const known = Object.keys(CATEGORY_TITLES);
  const ia = known.indexOf(a);
  const ib = known.indexOf(b);
  return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || a.localeCompare(b);
}

/** Answers by name, the two non-answers last: the same order in every quarter's table. */
export function byAnswer(a: string, b: string): number {
  const rank = (x: string) => (x === DECLINED ? 1 : x === NO_RESPONSE ? 2 : 0);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function hidden(): Cell {
  return { value: null, text: SUPPRESSED, suppressed: true, why: WHY_SUPPRESSED };
}

/** A count as the mart publishes it; suppressed (or, defensively, null) never shows a number. */
export function reachedCell(c: DiversityCell | undefined): Cell {
  if (!c) return { value: null, text: EMPTY, suppressed: false };
  if (c.suppressed || c.reached === null) return hidden();
  return { value: c.reached, text: counts.format(c.reached), suppressed: false };
}

/**
 * Conversion from the previous stage of the same answer, as the mart publishes it; hidden beside a
 * hidden count whatever the mart says, since the rate and the shown count would give the other away.
 */
export function conversionCell(c: DiversityCell | undefined, previous: DiversityCell | undefined): Cell {
  if (!c || !previous) return { value: null, text: EMPTY, suppressed: false };
  if (c.suppressed || previous.suppressed || c.reached === null || previous.reached === null) return hidden();
  if (c.conversion === null) return { value: null, text: EMPTY, suppressed: false };
  return { value: c.conversion, text: pct1.format(c.conversion), suppressed: false };
}

const CONVERSION_HEADS = STAGES.slice(1).map((s, i) => `${titleCase(STAGES[i]!)} → ${titleCase(s)}`);

/** One quarter of one question: answers (rows) by reached per stage, then stage-to-stage conversion. */
function quarterTable(category: string, quarter: Date, cells: readonly DiversityCell[]): { table: Table; rows: Cell[][] } {
  const at = new Map(cells.map((c) => [`${c.answer}|${c.stage}`, c]));
  const answers = [...new Set(cells.map((c) => c.answer))].sort(byAnswer);
  const rows = answers.map((a) => {
    const stage = STAGES.map((s) => at.get(`${a}|${s}`));
    return [label(a), ...stage.map(reachedCell), ...stage.slice(1).map((c, i) => conversionCell(c, stage[i]))];
  });
  return {
    rows,
    table: {
      id: `diversity-${categoryId(category)}-${quarterKey(quarter)}`,
      caption: `${categoryTitle(category)}: applications made in ${quarterLabel(quarter)} that reached each stage, and conversion from the stage before, by answer`,
      head: ['Answer', ...STAGES.map(titleCase), ...CONVERSION_HEADS],
      rows,
    },
  };
}

function categorySection(category: string, cells: readonly DiversityCell[]): Section {
  const quarters = [...new Set(cells.map((c) => c.quarter.getTime()))].sort((a, b) => a - b).map((t) => new Date(t));
  const tables = quarters.map((q) => quarterTable(category, q, cells.filter((c) => c.quarter.getTime() === q.getTime())));
  // The newest quarter as a chart: answers down the side, one bar per stage, hidden cells left out.
  const newest = tables[tables.length - 1]!;
  // Long answers are cut short on the chart's axis (its labels would run off the picture); the table has them whole.
  const short = (a: string) => (a.length > 32 ? `${a.slice(0, 31)}…` : a);
  const chart = barChart(
    newest.rows.map((r) => short(r[0]!.text)),
    STAGES.map((s, i) => ({ name: titleCase(s), cells: newest.rows.map((r) => r[1 + i]!), color: STAGE_COLORS[s]! })),
    `${categoryTitle(category)}, applications made in ${quarterLabel(quarters[quarters.length - 1]!)}: reached per stage by answer (suppressed cells left out)`,
    { horizontal: true, yName: 'applications' },
  );
  const anyHidden = cells.some((c) => c.suppressed);
  return {
    id: `diversity-${categoryId(category)}`,
    title: categoryTitle(category),
    ...(anyHidden ? { note: `"${SUPPRESSED}": hidden for privacy, with enough other cells that none can be worked out from the totals; a count after a suppressed one, and a conversion beside one, are hidden too.` } : {}),
    chart,
    // Ten columns and answers as long as a veteran-status wording: the table needs the full width.
    stacked: true,
    tables: tables.map((t) => t.table),
  };
}

/** What a person filtering by department, office or job must be told: those filters do not apply here. */
function unappliedFilters(f: Filters): string[] {
  return [f.department !== undefined ? 'department' : null, f.office !== undefined ? 'office' : null, f.job !== undefined ? 'job' : null].filter((x): x is string => x !== null);
}

export async function diversityPage(input: PageInput): Promise<PageModel> {
  const { db, filters: f } = input;
  if (!(await hasDiversity(db, f.connection))) {
    return {
      id: 'diversity',
      title: 'Diversity',
      lede: `Connection ${f.connection} has no demographic data. To see the funnel by voluntary self-identification answer (gender, race, veteran and disability status), set demographics: true on the connection in hirelake.yml (where the vendor's API has the answers) and run hirelake run; the answers are then counted only in marts.diversity_funnel, with small cells suppressed.`,
      sections: [],
    };
  }
  const cells = await diversityCells(db, f);
  const categories = [...new Set(cells.map((c) => c.category))].sort(byCategory);
  const ignored = unappliedFilters(f);
  const lede = [
    `Applications made in ${f.period.label}, by their answers to the voluntary self-identification questions (marts.diversity_funnel). Reached: got to the stage or beyond; conversion: reached at a stage over reached at the stage before, for the same answer. "${DECLINED}" is an answer of its own; "${NO_RESPONSE}" counts applications without one.`,
    `The diversity view is connection-wide: it counts every application of ${f.connection}, whatever the department, office or job.`,
    ignored.length > 0 ? `The ${ignored.join(', ')} filter${ignored.length > 1 ? 's' : ''} set on the other pages ${ignored.length > 1 ? 'do' : 'does'} not apply here.` : '',
    wholeQuarters(f.period) ? '' : `The answers are counted by quarter of application, so the quarters overlapping ${f.period.label} are shown whole.`,
    'Each quarter stands on its own: quarters are never added up, since a sum would let a suppressed cell be worked out.',
  ];
  return {
    id: 'diversity',
    title: 'Diversity',
    lede: lede.filter(Boolean).join(' '),
    sections:
      categories.length === 0
        ? [{ id: 'diversity-none', title: 'No applications', tables: [{ id: 'diversity-none', caption: `Applications made in ${f.period.label}`, head: ['Answer', ...STAGES.map(titleCase)], rows: [], empty: `No applications of ${f.connection} in the quarters of ${f.period.label}.` }] }]
        : categories.map((c) => categorySection(c, cells.filter((x) => x.category === c))),
  };
}

