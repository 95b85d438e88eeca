// Issue 16's goals as figures next to their ceilings, from the sections' last results: printed at the
// end of every bench run and rendered at the top of the README's performance section. A goal whose
// section has not been run yet says so rather than showing an old number as new.
import type { BenchResults, SectionResult } from './results.ts';

export interface Goal {
  readonly goal: string;
  readonly target: string;
  /** What was measured, with its unit. */
  readonly figure: string;
  /** What it is measured against, measured in the same run. */
  readonly against: string;
  readonly ratio: string;
  readonly met: 'yes' | 'no' | 'not measured';
  /** The day of the section's run, and the machine's load then. */
  readonly measured: string;
}

type Row = Record<string, unknown>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const rowsOf = (s: SectionResult | undefined): Row[] => (s === undefined ? [] : Array.isArray(s.result) ? s.result : [s.result]);
const when = (s: SectionResult) => `${s.measuredAt.slice(0, 10)}, load ${s.machine.loadAverage[0]} on ${s.machine.cpus} cores`;
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

function notMeasured(goal: string, target: string, how: string): Goal {
  return { goal, target, figure: '–', against: '–', ratio: '–', met: 'not measured', measured: how };
}

interface Measured {
  readonly figure: string;
  readonly against: string;
  readonly value: number;
  readonly ceiling: number;
}

/** A ratio goal: value / ceiling at least (or at most) the bound. */
function ratioGoal(goal: string, bound: number, atLeast: boolean, section: SectionResult | undefined, pick: (s: SectionResult) => Measured | undefined, how: string): Goal {
  const target = `${atLeast ? '≥' : '≤'} ${bound}×`;
  const m = section && pick(section);
  if (!section || !m) return notMeasured(goal, target, how);
  const r = m.value / m.ceiling;
  return { goal, target, figure: m.figure, against: m.against, ratio: `${r.toFixed(2)}×`, met: (atLeast ? r >= bound : r <= bound) ? 'yes' : 'no', measured: when(section) };
}

export function goals(results: BenchResults): Goal[] {
  const extract = results['extract'];
  const engines = results['engines'];
  const transform = results['transform'];
  const million = results['million'];
  const out: Goal[] = [];

  out.push(
    ratioGoal('Landing, Greenhouse emulator → DuckDB (the CLI, checkpoint per page)', 0.8, true, extract, (s) => {
      const r = rowsOf(s)[0]!;
      const v = num(r['records_per_s']);
      const c = num(r['spool_ceiling_records_per_s']);
      return v && c ? { value: v, ceiling: c, figure: `${thousands(v)} records/s (${thousands(num(r['records']) ?? 0)} records)`, against: `${thousands(c)}/s: the same pages as NDJSON files parsed by DuckDB` } : undefined;
    }, 'BENCH_ONLY=extract'),
  );
  out.push(
    ratioGoal('Landing into Postgres: 500-record pages through the group committer, each with its checkpoint', 0.9, true, engines, (s) => {
      const r = rowsOf(s).find((x) => x['engine'] === 'postgres');
      const v = num(r?.['land_records_per_s']);
      const c = num(r?.['ceiling_records_per_s']);
      return v && c ? { value: v, ceiling: c, figure: `${thousands(v)} records/s`, against: `${thousands(c)}/s: a bare COPY of the same rows` } : undefined;
    }, 'BENCH_ONLY=engines'),
  );
  out.push(
    ratioGoal('Full build vs one JSON parse of the raw zone (DuckDB)', 10, false, transform, (s) => {
      const r = rowsOf(s)[0]!;
      const v = num(r['transformSeconds']);
      const c = num(r['rawParseSeconds']);
      return v && c ? { value: v, ceiling: c, figure: `${v.toFixed(1)} s (${thousands(num(r['applications']) ?? 0)} applications, ${thousands(num(r['rawRecords']) ?? 0)} raw records)`, against: `${c.toFixed(2)} s: one parse` } : undefined;
    }, 'BENCH_ONLY=transform'),
  );
  out.push(
    ratioGoal('Incremental build after under 1% changed vs a full rebuild', 0.1, false, transform, (s) => {
      const r = rowsOf(s)[0]!;
      const v = num(r['incrementalSeconds']);
      const c = num(r['fullRefreshSeconds']);
      return v && c ? { value: v, ceiling: c, figure: `${v.toFixed(2)} s after ${thousands(num(r['changedRecords']) ?? 0)} changed versions (${String(r['changedShare'])})`, against: `${c.toFixed(1)} s: --full-refresh` } : undefined;
    }, 'BENCH_ONLY=transform'),
  );

  const legs = rowsOf(million);
  const duck = legs.find((r) => r['engine'] === 'duckdb');
  const rss = num(duck?.['extract_peak_rss_mb']);
  out.push(
    million && rss !== undefined
      ? { goal: 'Peak RSS of a 1M-application extract (DuckDB)', target: '< 512 MB', figure: `${rss} MB`, against: `${thousands(num(duck?.['served_records']) ?? 0)} records`, ratio: `${(rss / 512).toFixed(2)}×`, met: rss < 512 ? 'yes' : 'no', measured: when(million) }
      : notMeasured('Peak RSS of a 1M-application extract (DuckDB)', '< 512 MB', 'BENCH_1M=1 BENCH_ONLY=million'),
  );
  for (const engine of ['duckdb', 'postgres']) {
    const leg = legs.find((r) => r['engine'] === engine);
    const goal = `1M applications end to end on ${engine === 'duckdb' ? 'DuckDB' : 'Postgres'}: extract → transform → test`;
    const phases = ['extract_s', 'transform_s', 'test_s'].map((k) => num(leg?.[k]));
    if (!million || !leg || phases.some((p) => p === undefined)) {
      out.push(notMeasured(goal, 'runs', 'BENCH_1M=1 BENCH_ONLY=million'));
      continue;
    }
    const [e, t, x] = phases as number[];
    const next = (num(leg['hourly_extract_s']) ?? 0) + (num(leg['hourly_transform_s']) ?? 0);
    // A scheduled run re-reads the lookback window and rebuilds marts over the whole account, so its
    // cost grows with the account: linearly, the largest account whose next run fits in an hour.
    const apps = num(leg['applications']);
    const fits = apps && next > 0 ? `; if the next run grows linearly with the account, an hourly one has room for ≈${thousands(Math.floor((apps * 3600) / next / 1_000_000))}M applications (measured at ${thousands(Math.round(apps / 1000))}k only)` : '';
    const size = num(leg['warehouse_mb']);
    out.push({
      goal,
      target: 'runs; the next run within an hour',
      figure: `${e} + ${t} + ${x} s${size ? `, ${thousands(size)} MB on disk` : ''}; next run ${next.toFixed(0)} s (raw zone +${thousands(num(leg['hourly_raw_growth_records']) ?? 0)} versions, ${thousands(num(leg['hourly_unchanged_not_landed']) ?? 0)} unchanged not landed)${fits}`,
      against: '3,600 s: an hourly schedule',
      ratio: `${(next / 3600).toFixed(2)}×`,
      met: next < 3600 ? 'yes' : 'no',
      measured: when(million),
    });
  }
  return out;
}
