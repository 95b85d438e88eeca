// What each bench section measured last, with when and on what load, kept in bench/results.json:
// the README's performance tables are rendered from it (bench/readme.ts), so a partial run
// (BENCH_ONLY=…) replaces its own sections and leaves the others' figures, and their dates, as they were.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { ROOT } from './lib.ts';

export type SectionValue = Record<string, unknown> | Record<string, unknown>[];

export interface SectionResult {
  readonly title: string;
  /** ISO time the section finished. */
  readonly measuredAt: string;
  /** The machine as the section ended: the load average says how much the figures were shared. */
  readonly machine: { readonly cpus: number; readonly memoryGb: number; readonly loadAverage: readonly number[]; readonly node: string };
  readonly result: SectionValue;
}

export type BenchResults = Record<string, SectionResult>;

export const RESULTS_FILE = `${ROOT}bench/results.json`;

export function readResults(file = RESULTS_FILE): BenchResults {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file}: not an object of bench sections`);
  return parsed as BenchResults;
}

export function sectionResult(title: string, result: SectionValue, at = new Date()): SectionResult {
  return {
    title,
    measuredAt: at.toISOString(),
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadAverage: loadavg().map((l) => Number(l.toFixed(1))), node: process.version },
    result,
  };
}

/** Records one section's figures, keeping every other section's. */
export function recordSection(name: string, section: SectionResult, file = RESULTS_FILE): BenchResults {
  const all = { ...readResults(file), [name]: section };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  return all;
}
