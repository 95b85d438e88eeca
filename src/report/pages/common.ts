import { CANONICAL_STAGES, type CanonicalStage } from '../../config/schema.ts';
import { qualified } from '../../engine/identifiers.ts';
import type { SmallCells } from '../cells.ts';
import type { Filters, Split } from '../filters.ts';
import type { ReportDb } from '../warehouse.ts';

export const STAGES: readonly CanonicalStage[] = CANONICAL_STAGES;

/** What a page is built from. */
export interface PageInput {
  readonly db: ReportDb;
  readonly filters: Filters;
  readonly cells: SmallCells;
}

export function mart(db: ReportDb, table: string): string {
  return qualified(db.schemas.marts, table);
}

/** Engines hand sums back as numbers, or as strings beyond 2^53; a page counts in numbers. */
export function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export const NO_JOB = 'No job';
export const NO_DEPARTMENT = 'No department';
export const NO_OFFICE = 'No office';
export const NO_SOURCE = 'No source';

export function jobLabel(jobId: unknown, jobName: unknown): string {
  if (jobId === null || jobId === undefined) return NO_JOB;
  return `${jobName ?? 'Unnamed job'} (${String(jobId)})`;
}

/** The grouping key and label columns of a split, for a mart carrying the job dimensions. */
export function splitColumns(split: Split): { key: string; label: (row: Record<string, unknown>) => string; group: string } {
  switch (split) {
    case 'department':
      return { key: 'department_name as grp', group: 'department_name', label: (r) => (r['grp'] as string | null) ?? NO_DEPARTMENT };
    case 'office':
      return { key: 'office_name as grp', group: 'office_name', label: (r) => (r['grp'] as string | null) ?? NO_OFFICE };
    case 'job':
      return { key: 'job_id as grp, job_name as grp_name', group: 'job_id, job_name', label: (r) => jobLabel(r['grp'], r['grp_name']) };
  }
}

export const SPLIT_TITLES: Readonly<Record<Split, string>> = { department: 'Department', office: 'Office', job: 'Job' };

export function titleCase(stage: string): string {
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}
