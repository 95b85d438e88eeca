import type { Row } from './truth.ts';

/** One microsecond, in days: how close every day figure must be. */
export const MICROSECOND_IN_DAYS = 1 / 86_400_000_000;

export interface CompareOptions {
  key: readonly string[];
  /** columns compared within MICROSECOND_IN_DAYS (day figures) */
  days?: readonly string[];
  /** columns compared within a relative 1e-12 (rates) */
  rates?: readonly string[];
}

/**
 * Differences between two row sets matched by key: missing and extra keys, then every column that
 * differs. Counts and everything else must be exactly equal. Empty when they agree.
 */
export function diffRows(actual: readonly Row[], expected: readonly Row[], opts: CompareOptions): string[] {
  const keyOf = (r: Row) => opts.key.map((k) => String(r[k])).join('|');
  const problems: string[] = [];
  const index = (rows: readonly Row[], what: string) => {
    const m = new Map<string, Row>();
    for (const r of rows) {
      const k = keyOf(r);
      if (m.has(k)) problems.push(`${what} has key ${k} twice`);
      m.set(k, r);
    }
    return m;
  };
  const a = index(actual, 'warehouse');
  const e = index(expected, 'truth');
  for (const k of e.keys()) if (!a.has(k)) problems.push(`missing ${k}: ${JSON.stringify(e.get(k))}`);
  for (const k of a.keys()) if (!e.has(k)) problems.push(`unexpected ${k}: ${JSON.stringify(a.get(k))}`);
  const days = new Set(opts.days ?? []);
  const rates = new Set(opts.rates ?? []);
  for (const [k, exp] of e) {
    const act = a.get(k);
    if (!act) continue;
    for (const col of Object.keys(exp)) {
      const x = act[col];
      const y = exp[col];
      let same: boolean;
      if (typeof x === 'number' && typeof y === 'number' && days.has(col)) same = Math.abs(x - y) <= MICROSECOND_IN_DAYS;
      else if (typeof x === 'number' && typeof y === 'number' && rates.has(col)) same = Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y));
      else same = Object.is(x, y) || x === y;
      if (!same) problems.push(`${k} ${col}: warehouse ${JSON.stringify(x)}, truth ${JSON.stringify(y)}`);
    }
    for (const col of Object.keys(act)) if (!(col in exp)) problems.push(`${k}: column ${col} is not in the truth`);
  }
  return problems;
}
