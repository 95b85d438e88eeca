/**
 * The small-cell rule, the privacy habit of recruiting reports: a number, rate or duration built
 * from fewer than `min` applications is shown as "<min", never as its value, in tables and charts
 * alike (a chart's bar would give the number away). Every figure on a page passes through here.
 * Zero is shown: it is built from no application, so there is nobody in it to single out.
 */
export interface Cell {
  /** The figure as a page may show it: null when suppressed or undefined (no denominator, no data). */
  readonly value: number | null;
  /** What a table shows. */
  readonly text: string;
  readonly suppressed: boolean;
  /** Why it is hidden, when not the dashboards' own small-cell rule (a tooltip). */
  readonly why?: string;
}

const counts = new Intl.NumberFormat('en-US');
const days1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct1 = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const EMPTY = '–';

export class SmallCells {
  readonly marker: string;

  constructor(readonly min: number) {
    this.marker = `<${min}`;
  }

  #hidden(): Cell {
    return { value: null, text: this.marker, suppressed: true };
  }

  /** Applications (or hires, offers, visits: each made of applications) counted: hidden below min. */
  count(n: number): Cell {
    return this.#small(n) ? this.#hidden() : { value: n, text: counts.format(n), suppressed: false };
  }

  #small(n: number): boolean {
    return n > 0 && n < this.min;
  }

  /**
   * num / den. A rate gives away what it divides, and, beside its denominator, the rest (den − num:
   * the declined beside an acceptance rate), so it is hidden when any of the three is small. A zero
   * denominator has no rate.
   */
  rate(num: number, den: number): Cell {
    if (den === 0) return { value: null, text: EMPTY, suppressed: false };
    if (this.#small(num) || this.#small(den) || this.#small(den - num)) return this.#hidden();
    return { value: num / den, text: pct1.format(num / den), suppressed: false };
  }

  /** A duration (median, p90 days) over `n` applications' figures. */
  days(value: number | null, n: number): Cell {
    if (n === 0 || value === null) return { value: null, text: EMPTY, suppressed: false };
    if (this.#small(n)) return this.#hidden();
    return { value, text: days1.format(value), suppressed: false };
  }
}

/** A plain label cell (a stage, a month, a department). */
export function label(text: string): Cell {
  return { value: null, text, suppressed: false };
}
