import { UsageError } from '../core/errors.ts';
import type { Period } from './period.ts';

/** The value that picks rows whose dimension is null: applications without a job, jobs without a department. */
export const NONE = '(none)';

export const SPLITS = ['department', 'job', 'office'] as const;
export type Split = (typeof SPLITS)[number];

/**
 * What every page is filtered by. Exactly one connection: with several, a page never adds up
 * companies silently. Unset dimensions mean all.
 */
export interface Filters {
  readonly connection: string;
  readonly department?: string;
  readonly office?: string;
  /** A job_id, or NONE. */
  readonly job?: string;
  readonly period: Period;
  /** How the funnel's table is split. */
  readonly split: Split;
  /** An open visit older than this many days is "stuck" (Speed). */
  readonly stuckDays: number;
}

export const DEFAULT_STUCK_DAYS = 30;

/** Where-clause parts with $n parameters, numbered after those already in `params`. */
export class Where {
  readonly #parts: string[] = [];
  constructor(readonly params: unknown[] = []) {}

  add(sqlWithPlaceholder: string, value: unknown): this {
    this.params.push(value);
    this.#parts.push(sqlWithPlaceholder.replace('?', `$${this.params.length}`));
    return this;
  }

  raw(sql: string): this {
    this.#parts.push(sql);
    return this;
  }

  get sql(): string {
    return this.#parts.length === 0 ? 'true' : this.#parts.join(' and ');
  }
}

function dim(w: Where, column: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value === NONE) w.raw(`${column} is null`);
  else w.add(`${column} = ?`, value);
}

/**
 * The connection and the job, department and office filters on a mart that carries job_id,
 * department_name and office_name (every mart a page reads does).
 */
export function dimensionWhere(f: Filters, alias = ''): Where {
  const c = (name: string) => (alias ? `${alias}.${name}` : name);
  const w = new Where().add(`${c('connection')} = ?`, f.connection);
  dim(w, c('department_name'), f.department);
  dim(w, c('office_name'), f.office);
  dim(w, c('job_id'), f.job);
  return w;
}

/** `column` within the period: a month column for cohorts, a timestamp or date for events. */
export function periodWhere(w: Where, column: string, p: Period): Where {
  return w.add(`${column} >= ?`, p.from).add(`${column} < ?`, p.to);
}

export function parseStuckDays(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_STUCK_DAYS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new UsageError(`stuck ${value}: expected a whole number of days between 1 and 3650`);
  return n;
}

export function parseSplit(value: string | undefined): Split {
  if (value === undefined || value === '') return 'department';
  if (!(SPLITS as readonly string[]).includes(value)) throw new UsageError(`split ${value}: expected one of ${SPLITS.join(', ')}`);
  return value as Split;
}
