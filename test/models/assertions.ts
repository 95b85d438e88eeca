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

/** Every data test passes, warnings included. */
export async function expectDataTestsPass(engine: Engine, config: HirelakeConfig): Promise<void> {
  const run = await runDataTests({ engine, config, log: silentLogger });
  expect(run.tests.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${JSON.stringify(r.rows)}${r.error ?? ''}`)).toEqual([]);
}
