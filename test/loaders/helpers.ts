import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { exportsSchema } from '../../src/config/schema.ts';
import { newRunId } from '../../src/core/ids.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runExports, type ExportResult } from '../../loaders/index.ts';
import { loadModelCatalog, type ModelCatalog } from '../../loaders/model/catalog.ts';
import { pgWarehouse } from '../helpers/postgres.ts';
import { TEST_PG_URL } from './pg.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildFixtureModels } from './fixtures.ts';

export interface RunOpts {
  fullRefresh?: boolean;
  runId?: string;
  catalog?: ModelCatalog;
}

/** Runs exports as `hirelake export` does, from a config list validated by the real schema. */
export async function runExport(engine: Engine, dir: string, exports: unknown[], opts: RunOpts = {}): Promise<ExportResult[]> {
  return runExports({
    engine,
    warehouse: engine.kind === 'duckdb' ? { engine: 'duckdb', path: ':memory:', memory_limit: '512MB' } : { engine: 'postgres', url: TEST_PG_URL, schema_prefix: '', pool_size: 2 },
    exports: exportsSchema.parse(exports),
    configFile: join(dir, 'hirelake.yml'),
    runId: opts.runId ?? newRunId(),
    fullRefresh: opts.fullRefresh ?? false,
    log: silentLogger,
    catalog: opts.catalog ?? loadModelCatalog(),
  });
}

/** Throws with the export's own error when it failed, so a test shows why. */
export function ok(results: ExportResult[]): ExportResult[] {
  for (const r of results) if (!r.ok) throw new Error(`export ${r.name} failed: ${r.error}`);
  return results;
}

export type SourceKind = 'duckdb' | 'postgres';

/** An engine with nothing in it: an in-memory DuckDB, or schemas with a fresh prefix on the test server. */
export async function openSourceEngine(kind: SourceKind, dir: string): Promise<{ engine: Engine; cleanup: () => Promise<void> }> {
  if (kind === 'duckdb') {
    const engine = await DuckDbEngine.open({ path: join(dir, 'warehouse.duckdb') });
    return { engine, cleanup: () => engine.close() };
  }
  const wh = await pgWarehouse();
  return { engine: wh.engine, cleanup: () => wh.dispose() };
}

export interface FixtureSource {
  readonly dir: string;
  readonly engine: Engine;
  /** An in-memory DuckDB to read exported files back with. */
  readonly reader: DuckDbEngine;
}

/**
 * For one describe block: a temp dir, a source engine of `kind` holding the fixture models, and
 * a reader; opened before the block's tests and torn down after them.
 */
export function fixtureSource(kind: SourceKind): FixtureSource {
  const tmp = tempDir();
  let engine: Engine | undefined;
  let reader: DuckDbEngine | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ engine, cleanup } = await openSourceEngine(kind, tmp.dir));
    await buildFixtureModels(engine);
    reader = await DuckDbEngine.open({ path: ':memory:' });
  });
  afterAll(async () => {
    await reader?.close();
    await cleanup?.();
    tmp.cleanup();
  });
  return {
    dir: tmp.dir,
    get engine() {
      return engine!;
    },
    get reader() {
      return reader!;
    },
  };
}
