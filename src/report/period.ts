import { UsageError } from '../core/errors.ts';

/**
 * A reporting period: whole UTC months, half-open [from, to). Whole months because the cohort marts
 * (funnel, sources, offers) are monthly, so every page counts the same calendar span.
 */
export interface Period {
  /** What the user typed or picked, normalised: `2026Q3`, `2026`, `2026-07`, `2026-01..2026-06`, `all`. */
  readonly key: string;
  /** For people: `2026 Q3`, `July 2026`, `all time`. */
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** `all` spans every month a warehouse can hold; the bounds only have to enclose the data. */
const ALL_FROM = Date.UTC(1900, 0, 1);
const ALL_TO = Date.UTC(3000, 0, 1);

const month = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
const ym = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

function checkYear(y: number, text: string): void {
  if (y < 1900 || y > 2999) throw new UsageError(`period ${text}: the year must be between 1900 and 2999`);
}

function monthOf(text: string, part: string): { y: number; m: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(part);
  if (!m) throw new UsageError(`period ${text}: "${part}" is not a month such as 2026-07`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  checkYear(y, text);
  if (mo < 0 || mo > 11) throw new UsageError(`period ${text}: month ${m[2]} is not between 01 and 12`);
  return { y, m: mo };
}

/** Parses `2026Q3`, `2026`, `2026-07`, `2026-01..2026-06` (inclusive months) or `all`. */
export function parsePeriod(input: string): Period {
  const text = input.trim();
  let q: RegExpExecArray | null;
  if (text.toLowerCase() === 'all') return { key: 'all', label: 'all time', from: new Date(ALL_FROM), to: new Date(ALL_TO) };
  if ((q = /^(\d{4})\s*-?\s*[Qq]([1-4])$/.exec(text))) {
    const y = Number(q[1]);
    const n = Number(q[2]);
    checkYear(y, text);
    return { key: `${y}Q${n}`, label: `${y} Q${n}`, from: month(y, (n - 1) * 3), to: month(y, n * 3) };
  }
  if (/^\d{4}$/.test(text)) {
    const y = Number(text);
    checkYear(y, text);
    return { key: text, label: text, from: month(y, 0), to: month(y + 1, 0) };
  }
  if (text.includes('..')) {
    const [a, b, ...rest] = text.split('..');
    if (rest.length > 0) throw new UsageError(`period ${text}: expected one range FROM..TO such as 2026-01..2026-06`);
    const s = monthOf(text, a!.trim());
    const e = monthOf(text, b!.trim());
    const from = month(s.y, s.m);
    const to = month(e.y, e.m + 1);
    if (to <= from) throw new UsageError(`period ${text}: the range ends before it starts`);
    return { key: `${ym(from)}..${ym(month(e.y, e.m))}`, label: `${MONTHS[s.m]} ${s.y} – ${MONTHS[e.m]} ${e.y}`, from, to };
  }
  if (/^\d{4}-\d{2}$/.test(text)) {
    const { y, m } = monthOf(text, text);
    return { key: text, label: `${MONTHS[m]} ${y}`, from: month(y, m), to: month(y, m + 1) };
  }
  throw new UsageError(`period ${input}: expected a quarter (2026Q3), a year (2026), a month (2026-07), a range of months (2026-01..2026-06) or all`);
}

/** The last quarter that has fully ended before `today` (UTC): the default period. */
export function lastFullQuarter(today: Date): Period {
  const q = Math.floor(today.getUTCMonth() / 3); // the current quarter, 0-based
  const y = q === 0 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
  return parsePeriod(`${y}Q${q === 0 ? 4 : q}`);
}

/** Periods worth offering in a picker for data spanning [first, last] (month starts): years and quarters, newest first. */
export function periodChoices(first: Date | null, last: Date | null): Period[] {
  const out: Period[] = [];
  if (first && last) {
    for (let y = last.getUTCFullYear(); y >= first.getUTCFullYear(); y--) {
      out.push(parsePeriod(String(y)));
      for (let n = 4; n >= 1; n--) {
        const p = parsePeriod(`${y}Q${n}`);
        if (p.to > first && p.from <= last) out.push(p);
      }
    }
  }
  out.push(parsePeriod('all'));
  return out;
}

/** `2026-07` for a month start. */
export function monthKey(d: Date): string {
  return ym(d);
}
