// What every table of every dashboard page must show, computed from the marts' rows with plain
// loops: the mart rows are read with `select *` and filtered, summed and ranked here, sharing no
// code with the pages (only the standard library's number formatting). The ground-truth tests
// already tie every mart to the simulated world, so a page equal to this equals the world.
import { percentileCont } from '../models/truth.ts';

export type R = Record<string, any>;
export type Marts = Record<'funnel' | 'time_to_hire' | 'job_fill' | 'pipeline_daily' | 'source_funnel' | 'offers_monthly' | 'stage_durations', R[]>;

export interface Ask {
  connection: string;
  department?: string;
  office?: string;
  job?: string;
  /** [from, to) */
  from: Date;
  to: Date;
  split: 'department' | 'office' | 'job';
  stuck: number;
}

const NONE = '(none)';
const STAGES = ['applied', 'screen', 'interview', 'offer', 'hired'] as const;
const DAY = 86_400_000;
const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const ms = (d: unknown) => (d instanceof Date ? d.getTime() : Date.parse(String(d)));
const month = (d: unknown) => new Date(ms(d)).toISOString().slice(0, 7);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const jobName = (r: R) => (r['job_id'] === null ? 'No job' : `${r['job_name'] ?? 'Unnamed job'} (${r['job_id']})`);
const deptName = (v: unknown) => (v === null ? 'No department' : String(v));
const byLocale = (a: string, b: string) => a.localeCompare(b);

export class Expect {
  readonly pct = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  readonly d1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  constructor(
    readonly marts: Marts,
    readonly ask: Ask,
    readonly min: number,
  ) {}

  /** 1 … min-1 is small; 0 is shown. */
  small = (n: number) => n > 0 && n < this.min;
  count = (n: number) => (this.small(n) ? `<${this.min}` : n.toLocaleString('en-US'));
  /** a rate also shows b − a (beside b), so that must not be small either */
  rate = (a: number, b: number) => (b === 0 ? '–' : this.small(a) || this.small(b) || this.small(b - a) ? `<${this.min}` : this.pct.format(a / b));
  days = (v: number | null, n: number) => (n === 0 || v === null ? '–' : this.small(n) ? `<${this.min}` : this.d1.format(v));

  /** The job, department and office filters and the connection. */
  dims(r: R): boolean {
    const eq = (col: string, v: string | undefined) => v === undefined || (v === NONE ? r[col] === null : r[col] === v);
    return r['connection'] === this.ask.connection && eq('department_name', this.ask.department) && eq('office_name', this.ask.office) && eq('job_id', this.ask.job);
  }

  within(v: unknown): boolean {
    const t = ms(v);
    return v !== null && t >= this.ask.from.getTime() && t < this.ask.to.getTime();
  }

  rows(mart: keyof Marts, at?: string): R[] {
    return this.marts[mart].filter((r) => this.dims(r) && (at === undefined || this.within(r[at])));
  }

  funnelTotals(): { reached: number; visited: number }[] {
    const rows = this.rows('funnel', 'applied_month');
    return STAGES.map((s) => ({
      reached: rows.filter((r) => r['canonical_stage'] === s).reduce((t, r) => t + Number(r['reached']), 0),
      visited: rows.filter((r) => r['canonical_stage'] === s).reduce((t, r) => t + Number(r['visited']), 0),
    }));
  }

  funnelStages(): string[][] {
    const t = this.funnelTotals();
    return t.map((x, i) => [title(STAGES[i]!), this.count(x.reached), this.count(x.visited), i === 0 ? '' : this.rate(x.reached, t[i - 1]!.reached), i === 0 ? '' : this.rate(x.reached, t[0]!.reached)]);
  }

  funnelSplit(): string[][] {
    const key = (r: R) => (this.ask.split === 'job' ? jobName(r) : this.ask.split === 'department' ? deptName(r['department_name']) : r['office_name'] === null ? 'No office' : String(r['office_name']));
    const groups = new Map<string, number[]>();
    for (const r of this.rows('funnel', 'applied_month')) {
      const g = groups.get(key(r)) ?? [0, 0, 0, 0, 0];
      g[STAGES.indexOf(r['canonical_stage'])]! += Number(r['reached']);
      groups.set(key(r), g);
    }
    return [...groups]
      .sort((a, b) => b[1][0]! - a[1][0]! || byLocale(a[0], b[0]))
      .map(([l, g]) => [l, ...g.map(this.count), this.rate(g[4]!, g[0]!)]);
  }

  sources(): string[][] {
    const groups = new Map<string, number[]>();
    for (const r of this.rows('source_funnel', 'applied_month')) {
      const k = r['source_name'] ?? 'No source';
      const g = groups.get(k) ?? [0, 0, 0, 0];
      ['applications', 'reached_interview', 'reached_offer', 'hires'].forEach((c, i) => (g[i]! += Number(r[c])));
      groups.set(k, g);
    }
    return [...groups]
      .sort((a, b) => b[1][0]! - a[1][0]! || byLocale(a[0], b[0]))
      .map(([k, g]) => [k, ...g.map(this.count), this.rate(g[3]!, g[0]!)]);
  }

  offers(by: 'month' | 'department'): string[][] {
    const groups = new Map<string, number[]>();
    for (const r of this.rows('offers_monthly', 'offer_month')) {
      const k = by === 'month' ? month(r['offer_month']) : deptName(r['department_name']);
      const g = groups.get(k) ?? [0, 0, 0, 0];
      ['offers', 'accepted', 'declined', 'pending'].forEach((c, i) => (g[i]! += Number(r[c])));
      groups.set(k, g);
    }
    const sorted = [...groups].sort(by === 'month' ? (a, b) => byLocale(a[0], b[0]) : (a, b) => b[1][0]! - a[1][0]! || byLocale(a[0], b[0]));
    return sorted.map(([k, g]) => [k, ...g.map(this.count), this.rate(g[1]!, g[1]! + g[2]!)]);
  }

  /** n, median and p90 of a duration over rows, as the three cells of a speed table. */
  private stats(values: number[]): string[] {
    const s = [...values].sort((a, b) => a - b);
    return [this.count(s.length), this.days(percentileCont(s, 0.5), s.length), this.days(percentileCont(s, 0.9), s.length)];
  }

  speed(by: 'month' | 'department'): string[][] {
    const hires = this.rows('time_to_hire', 'hired_at');
    const fills = this.rows('job_fill', 'filled_at');
    const key = (r: R, at: string) => (by === 'month' ? month(r[at]) : deptName(r['department_name']));
    const keys = [...new Set([...hires.map((r) => key(r, 'hired_at')), ...fills.map((r) => key(r, 'filled_at'))])].sort(byLocale);
    return keys.map((k) => [
      k,
      ...this.stats(hires.filter((r) => key(r, 'hired_at') === k).map((r) => Number(r['days_to_hire']))),
      ...this.stats(fills.filter((r) => key(r, 'filled_at') === k).map((r) => Number(r['days_to_fill']))),
    ]);
  }

  speedTotal(): string[] {
    return ['All', ...this.stats(this.rows('time_to_hire', 'hired_at').map((r) => Number(r['days_to_hire']))), ...this.stats(this.rows('job_fill', 'filled_at').map((r) => Number(r['days_to_fill'])))];
  }

  stageDays(): string[][] {
    const rows = this.rows('stage_durations', 'exited_at');
    return STAGES.filter((s) => rows.some((r) => r['canonical_stage'] === s)).map((s) => {
      const mine = rows.filter((r) => r['canonical_stage'] === s);
      const apps = new Set(mine.map((r) => r['application_id'])).size;
      const d = mine.map((r) => Number(r['days'])).sort((a, b) => a - b);
      return [title(s), this.count(apps), this.days(percentileCont(d, 0.5), apps), this.days(percentileCont(d, 0.9), apps)];
    });
  }

  private open(): R[] {
    return this.marts.stage_durations.filter((r) => this.dims(r) && r['exited_at'] === null);
  }

  stuckByStage(): string[][] {
    const rows = this.open();
    return STAGES.filter((s) => rows.some((r) => r['canonical_stage'] === s)).map((s) => {
      const mine = rows.filter((r) => r['canonical_stage'] === s);
      return [title(s), this.count(mine.length), this.count(mine.filter((r) => Number(r['open_days']) > this.ask.stuck).length)];
    });
  }

  stuckByJob(): string[][] {
    const groups = new Map<string, { id: string; label: string; open: number; stuck: number }>();
    for (const r of this.open()) {
      const g = groups.get(String(r['job_id'])) ?? { id: String(r['job_id']), label: jobName(r), open: 0, stuck: 0 };
      g.open++;
      if (Number(r['open_days']) > this.ask.stuck) g.stuck++;
      groups.set(g.id, g);
    }
    return [...groups.values()]
      .filter((g) => g.stuck > 0)
      .sort((a, b) => b.stuck - a.stuck || b.open - a.open || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, 10)
      .map((g) => [g.label, this.count(g.open), this.count(g.stuck)]);
  }

  /** The connection's last pipeline day (not filtered by job, department or office). */
  asOf(): number | null {
    const days = this.marts.pipeline_daily.filter((r) => r['connection'] === this.ask.connection).map((r) => ms(r['day']));
    return days.length === 0 ? null : Math.max(...days);
  }

  /** Stage columns the pipeline shows: hired only when some application sits in a hired stage. */
  private pipelineStages(rows: R[]): string[] {
    return STAGES.filter((s) => s !== 'hired' || rows.some((r) => r['canonical_stage'] === 'hired' && Number(r['active_applications']) > 0));
  }

  pipelineNow(): string[][] {
    const asOf = this.asOf();
    const rows = this.marts.pipeline_daily.filter((r) => this.dims(r) && ms(r['day']) === asOf);
    const shown = this.pipelineStages([...rows, ...this.pipelineDailyRows()]);
    const jobs = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const g = jobs.get(jobName(r)) ?? {};
      g[r['canonical_stage']] = (g[r['canonical_stage']] ?? 0) + Number(r['active_applications']);
      jobs.set(jobName(r), g);
    }
    const total = (g: Record<string, number>) => Object.values(g).reduce((a, b) => a + b, 0);
    return [...jobs]
      .sort((a, b) => total(b[1]) - total(a[1]) || byLocale(a[0], b[0]))
      .map(([l, g]) => [l, ...shown.map((s) => this.count(g[s] ?? 0)), this.count(total(g))]);
  }

  private pipelineDailyRows(): R[] {
    return this.marts.pipeline_daily.filter((r) => this.dims(r) && this.within(r['day']));
  }

  pipelineDaily(): string[][] {
    const asOf = this.asOf();
    const rows = this.pipelineDailyRows();
    if (asOf === null || rows.length === 0) return [];
    const shown = this.pipelineStages([...rows, ...this.marts.pipeline_daily.filter((r) => this.dims(r) && ms(r['day']) === asOf)]);
    const first = Math.max(this.ask.from.getTime(), Math.min(...rows.map((r) => ms(r['day']))));
    const last = Math.min(this.ask.to.getTime() - DAY, asOf);
    const out: string[][] = [];
    for (let d = last; d >= first; d -= 7 * DAY) {
      const mine = rows.filter((r) => ms(r['day']) === d);
      const per = shown.map((s) => mine.filter((r) => r['canonical_stage'] === s).reduce((t, r) => t + Number(r['active_applications']), 0));
      const all = mine.reduce((t, r) => t + Number(r['active_applications']), 0);
      out.unshift([isoDay(d), ...per.map(this.count), this.count(all)]);
    }
    return out;
  }
}

const quarterKey = (d: unknown) => {
  const t = new Date(ms(d));
  return `${t.getUTCFullYear()}Q${Math.floor(t.getUTCMonth() / 3) + 1}`;
};
const answerRank = (a: string) => (a === 'Declined to answer' ? 1 : a === 'No response' ? 2 : 0);

/**
 * The Diversity page's tables by id, from marts.diversity_funnel's rows: per category and quarter
 * overlapping [from, to), answers by name (declines and non-responses last), reached per stage and
 * the mart's conversion, "suppressed" for a hidden count and beside one.
 */
export function diversityTables(mart: readonly R[], connection: string, from: Date, to: Date): Map<string, string[][]> {
  const pct = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const firstQuarter = Date.UTC(from.getUTCFullYear(), Math.floor(from.getUTCMonth() / 3) * 3, 1);
  const groups = new Map<string, R[]>();
  for (const r of mart) {
    const q = ms(r['applied_quarter']);
    if (r['connection'] !== connection || q < firstQuarter || q >= to.getTime()) continue;
    const id = `diversity-${String(r['category']).replace(':', '-')}-${quarterKey(r['applied_quarter'])}`;
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  const out = new Map<string, string[][]>();
  for (const [id, g] of groups) {
    const answers = [...new Set(g.map((r) => r['answer'] as string))].sort((a, b) => answerRank(a) - answerRank(b) || a.localeCompare(b));
    out.set(
      id,
      answers.map((a) => {
        const at = STAGES.map((s) => g.find((r) => r['answer'] === a && r['canonical_stage'] === s)!);
        const reached = at.map((r) => (r['suppressed'] ? 'suppressed' : Number(r['reached']).toLocaleString('en-US')));
        const conv = at.slice(1).map((r, i) =>
          r['suppressed'] || at[i]!['suppressed'] ? 'suppressed' : r['conversion_from_previous'] === null ? '–' : pct.format(Number(r['conversion_from_previous'])),
        );
        return [a, ...reached, ...conv];
      }),
    );
  }
  return out;
}
