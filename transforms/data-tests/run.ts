import type { Engine, Row } from '../../src/engine/engine.ts';
import type { Logger } from '../../src/log/logger.ts';
import { compileInPlay, type ModelsConfig } from '../build.ts';
import type { CompiledProject } from '../compile.ts';
import { selectNodes } from '../dag.ts';
import { compileDataTests, type DataTest } from './compile.ts';
import { declaredTests, type Severity } from './declare.ts';

export interface DataTestResult {
  readonly name: string;
  readonly model: string | null;
  readonly file: string;
  readonly severity: Severity;
  /** pass; fail (rows found); error (the test's SQL itself failed, e.g. a missing table). */
  readonly status: 'pass' | 'fail' | 'error';
  readonly failures: number;
  /** The first few failing rows. */
  readonly rows: readonly Row[];
  readonly error?: string;
  readonly sql: string;
}

export interface DataTestRun {
  /** False when an error-severity test failed or could not run; warnings never fail a run. */
  readonly ok: boolean;
  readonly seconds: number;
  readonly tests: readonly DataTestResult[];
}

export interface DataTestOptions {
  readonly engine: Engine;
  readonly config: ModelsConfig;
  readonly log: Logger;
  readonly sqlDir?: string;
  /** Same selectors as buildModels: tests of the selected models (singular tests always run). */
  readonly select?: readonly string[];
  /** Failing rows kept per test (default 5). */
  readonly sampleRows?: number;
}

/** All data tests of the project, compiled for this engine. */
export function projectDataTests(project: CompiledProject, select?: readonly string[]): DataTest[] {
  const tests = compileDataTests(project, declaredTests(project.project.testFiles));
  if (!select?.length) return tests;
  const chosen = selectNodes(project.models, select);
  return tests.filter((t) => t.model === null || chosen.has(t.model));
}

async function runOne(engine: Engine, t: DataTest, sample: number): Promise<DataTestResult> {
  const base = { name: t.name, model: t.model, file: t.file, severity: t.severity, sql: t.sql };
  try {
    const [count] = await engine.query<{ n: number }>(`select count(*) as n from (\n${t.sql}\n) failing`);
    const failures = Number(count?.n ?? 0);
    const rows = failures > 0 ? await engine.query(`select * from (\n${t.sql}\n) failing limit ${sample}`) : [];
    return { ...base, status: failures > 0 ? 'fail' : 'pass', failures, rows };
  } catch (err) {
    return { ...base, status: 'error', failures: 0, rows: [], error: `${t.file}: ${(err as Error).message}` };
  }
}

/** Runs every data test; each failing one is logged in one line (its rows are in the result). */
export async function runDataTests(opts: DataTestOptions): Promise<DataTestRun> {
  const started = performance.now();
  // The models the build made: only the staging of the vendors in play exists.
  const { compiled } = await compileInPlay(opts.engine, opts.config, opts.sqlDir);
  const tests = projectDataTests(compiled, opts.select);
  const results: DataTestResult[] = [];
  for (const t of tests) {
    const r = await runOne(opts.engine, t, opts.sampleRows ?? 5);
    results.push(r);
    if (r.status === 'pass') continue;
    const what = r.status === 'error' ? `could not run: ${r.error}` : `${r.failures} failing row${r.failures === 1 ? '' : 's'} (${r.file})`;
    const level = r.severity === 'warn' ? 'warn' : 'error';
    opts.log[level](`data test ${r.name} ${what}`);
  }
  const ok = results.every((r) => r.status === 'pass' || r.severity === 'warn');
  return { ok, seconds: (performance.now() - started) / 1000, tests: results };
}
