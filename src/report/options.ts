// What the filters can be set to for one connection, read from the marts, and turning what a user
// asked for (URL query, CLI options) into validated Filters: a value not in the data is an error
// naming it, never silently ignored.
import { UsageError } from '../core/errors.ts';
import { DEFAULT_STUCK_DAYS, NONE, parseSplit, parseStuckDays, type Filters } from './filters.ts';
import { lastFullQuarter, parsePeriod } from './period.ts';
import { jobLabel, mart, NO_DEPARTMENT, NO_OFFICE } from './pages/common.ts';
import type { ReportDb } from './warehouse.ts';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface FilterOptions {
  readonly departments: readonly Choice[];
  readonly offices: readonly Choice[];
  readonly jobs: readonly Choice[];
  /** First and last application month of the connection, for the period picker. */
  readonly firstMonth: Date | null;
  readonly lastMonth: Date | null;
}

const byLabel = (a: Choice, b: Choice) => (a.value === NONE ? 1 : b.value === NONE ? -1 : a.label.localeCompare(b.label));

export async function loadOptions(db: ReportDb, connection: string): Promise<FilterOptions> {
  // Jobs with applications (funnel) or openings (job_fill): every job a page can show.
  const rows = await db.query<{ job_id: string | null; job_name: string | null; department_name: string | null; office_name: string | null }>(
    `select distinct job_id, job_name, department_name, office_name from ${mart(db, 'funnel')} where connection = $1
     union
     select distinct job_id, job_name, department_name, office_name from ${mart(db, 'job_fill')} where connection = $1`,
    [connection],
  );
  const departments = new Map<string, Choice>();
  const offices = new Map<string, Choice>();
  const jobs = new Map<string, Choice>();
  for (const r of rows) {
    departments.set(r.department_name ?? NONE, { value: r.department_name ?? NONE, label: r.department_name ?? NO_DEPARTMENT });
    offices.set(r.office_name ?? NONE, { value: r.office_name ?? NONE, label: r.office_name ?? NO_OFFICE });
    jobs.set(r.job_id ?? NONE, { value: r.job_id ?? NONE, label: jobLabel(r.job_id, r.job_name) });
  }
  const [span] = await db.query<{ first: Date | null; last: Date | null }>(
    `select min(applied_month) as first, max(applied_month) as last from ${mart(db, 'funnel')} where connection = $1`,
    [connection],
  );
  return {
    departments: [...departments.values()].sort(byLabel),
    offices: [...offices.values()].sort(byLabel),
    jobs: [...jobs.values()].sort(byLabel),
    firstMonth: span?.first ?? null,
    lastMonth: span?.last ?? null,
  };
}

/** Filters as given by a person: every field optional, '' meaning "all". */
export interface FilterRequest {
  connection?: string | undefined;
  department?: string | undefined;
  office?: string | undefined;
  job?: string | undefined;
  period?: string | undefined;
  split?: string | undefined;
  stuck?: string | undefined;
}

/** The connection asked for, or the first configured one; never one that is not configured. */
export function pickConnection(asked: string | undefined, configured: readonly string[]): string {
  if (asked === undefined || asked === '') return configured[0]!;
  if (!configured.includes(asked)) throw new UsageError(`connection ${asked}: not a configured connection; expected one of ${configured.join(', ')}`);
  return asked;
}

function pick(kind: string, asked: string | undefined, choices: readonly Choice[], connection: string): string | undefined {
  if (asked === undefined || asked === '') return undefined;
  if (!choices.some((c) => c.value === asked)) throw new UsageError(`${kind} ${asked}: no such ${kind} in connection ${connection}`);
  return asked;
}

export function resolveFilters(req: FilterRequest, connection: string, options: FilterOptions, today: Date): Filters {
  const department = pick('department', req.department, options.departments, connection);
  const office = pick('office', req.office, options.offices, connection);
  const job = pick('job', req.job, options.jobs, connection);
  return {
    connection,
    ...(department !== undefined ? { department } : {}),
    ...(office !== undefined ? { office } : {}),
    ...(job !== undefined ? { job } : {}),
    period: req.period ? parsePeriod(req.period) : lastFullQuarter(today),
    split: parseSplit(req.split),
    stuckDays: req.stuck ? parseStuckDays(req.stuck) : DEFAULT_STUCK_DAYS,
  };
}
