import { expect } from 'vitest';
import type { HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runDataTests } from '../../transforms/index.ts';
import { diffRows, type CompareOptions } from './compare.ts';
import type { Row, Truth } from './truth.ts';

/** A model table compared with what the world says it should hold. */
export interface TruthCheck {
  schema: 'core' | 'marts';
  table: string;
  truth: (t: Truth) => Row[];
  compare: CompareOptions;
  /** core tables: only the columns the truth knows */
  columns?: readonly string[];
}

/** Row sets equal (per `compare`), and the truth is not vacuously empty. */
export function expectRowsEqual(label: string, actual: readonly Row[], expected: readonly Row[], compare: CompareOptions): void {
  const problems = diffRows(actual, expected, compare);
  expect(problems.slice(0, 10), `${label}: ${problems.length} differences`).toEqual([]);
  expect(actual.length).toBe(expected.length);
  expect(expected.length).toBeGreaterThan(0);
}

/**
 * A warning the world explains: a data test (by name) whose failing rows all satisfy `row`. Real
 * accounts legitimately reference records the ATS deleted, and stage names a mapping has to infer;
 * such tests warn, and a suite names exactly which of its world's untidy shapes it expects to see.
 */
export interface ExplainedWarning {
  readonly test: RegExp;
  readonly why: string;
  /** `match` is `test` matched against the test's name */
  readonly row: (r: Row, match: RegExpMatchArray) => boolean;
}

/** The rows of the world's deleted jobs and users, which records keep naming (ids as the vendor shows them). */
export function deletedReferences(deletedJobIds: ReadonlySet<string>, deletedUserIds: ReadonlySet<string>): ExplainedWarning[] {
  return [
    { test: /^relationships:\w+\.job_id->jobs\.job_id$/, why: 'references a deleted job', row: (r) => deletedJobIds.has(String(r['job_id'])) },
    { test: /^relationships:\w+\.(\w+)->users\.user_id$/, why: 'references a deleted user', row: (r, m) => deletedUserIds.has(String(r[m[1]!])) },
  ];
}

/** Stage names no mapping lists, inferred to the canonical stage the world gave them. */
export function inferredStages(canonicalByName: ReadonlyMap<string, string>): ExplainedWarning {
  return { test: /^inferred_stage_mappings$/, why: 'inferred stage mapping', row: (r) => canonicalByName.get(String(r['stage_name'])) === r['canonical_stage'] };
}

/**
 * No data test fails the run, and every warning is one of `explained` with every failing row
 * accounted for: a test that warns about anything else fails here.
 */
export async function expectDataTestsPass(engine: Engine, config: HirelakeConfig, explained: readonly ExplainedWarning[] = []): Promise<void> {
  const run = await runDataTests({ engine, config, log: silentLogger });
  const unexplained: string[] = [];
  for (const r of run.tests) {
    if (r.status === 'pass') continue;
    const rule = explained.map((e) => ({ e, m: r.name.match(e.test) })).find((x) => x.m !== null);
    const ok = r.status === 'fail' && r.severity === 'warn' && rule !== undefined && r.rows.every((row) => rule.e.row(row, rule.m!));
    if (!ok) unexplained.push(`${r.severity} ${r.name}: ${JSON.stringify(r.rows.slice(0, 3))}${r.error ?? ''}`);
  }
  expect(unexplained).toEqual([]);
  expect(run.ok).toBe(true);
}

/** Every raw record that did not reach core has a reason (marts.dropped_records has no remainder). */
export async function expectEveryDropExplained(engine: Engine): Promise<void> {
  const rows = await engine.query(
    `select connection, entity, records from ${engine.schemas.marts}.dropped_records where reason like 'not in core for no known reason%'`,
  );
  expect(rows).toEqual([]);
}
