import { dirname, resolve } from 'node:path';
import { exportsSchema, type ExportConfig, type WarehouseConfig } from '../src/config/schema.ts';
import { HirelakeError, UsageError } from '../src/core/errors.ts';
import type { Engine } from '../src/engine/engine.ts';
import type { Logger } from '../src/log/logger.ts';
import { exportToCsv } from './csv/export-csv.ts';
import { loadModelCatalog, type ModelCatalog } from './model/catalog.ts';
import { modelKey, selectModels, type ModelId } from './model/select.ts';
import { exportToParquet } from './parquet/export-parquet.ts';
import { exportToPostgres, postgresLocation } from './postgres/export-postgres.ts';
import { secondsSince, type ExportResult, type TableExportResult } from './result.ts';
import { DuckDbSource } from './source/duckdb-source.ts';
import { PostgresSource } from './source/postgres-source.ts';
import type { ExportSource, SourceTable } from './source/source.ts';

export type { ExportResult, TableExportResult } from './result.ts';

export interface RunExportsOptions {
  readonly engine: Engine;
  readonly warehouse: WarehouseConfig;
  /** As validated by the config schema. */
  readonly exports: readonly ExportConfig[];
  /** The config file, against whose folder relative export paths are resolved. */
  readonly configFile: string;
  readonly runId: string;
  /** Only the export with this name. */
  readonly target?: string;
  readonly fullRefresh?: boolean;
  readonly wait?: boolean;
  readonly log: Logger;
  /** Model docs and keys; default: read from the shipped sql/ project. */
  readonly catalog?: ModelCatalog;
}

/** The exports of a loaded config, typed (load.ts validated them with the same schema). */
export function exportConfigs(raw: readonly unknown[]): ExportConfig[] {
  return exportsSchema.parse(raw);
}

export function pickExports(all: readonly ExportConfig[], target: string | undefined): ExportConfig[] {
  if (target === undefined) return [...all];
  const hit = all.filter((e) => e.name === target);
  if (hit.length === 0) {
    throw new UsageError(`--target ${target}: no such export`, all.length ? `expected one of ${all.map((e) => e.name).join(', ')}` : 'the config has no exports');
  }
  return hit;
}

export function exportLocation(e: ExportConfig, configFile: string): string {
  return e.type === 'postgres' ? postgresLocation(e) : resolve(dirname(configFile), e.path);
}

async function openSource(o: RunExportsOptions, catalog: ModelCatalog): Promise<ExportSource> {
  const docs = catalog.docs;
  if (o.engine.kind === 'duckdb') return DuckDbSource.open(o.engine, docs);
  if (o.warehouse.engine !== 'postgres') throw new HirelakeError('export', 'the engine is Postgres but the warehouse config is not');
  return PostgresSource.open(o.engine, o.warehouse.url, docs);
}

/**
 * Runs every chosen export in turn. Exports are independent: one that fails is reported and
 * the next still runs (its target keeps its previous export, see each loader).
 */
export async function runExports(o: RunExportsOptions): Promise<ExportResult[]> {
  const chosen = pickExports(o.exports, o.target);
  if (chosen.length === 0) return [];
  const catalog = o.catalog ?? loadModelCatalog();
  const source = await openSource(o, catalog);
  const described = new Map<string, SourceTable>();
  const describe = async (m: ModelId) => {
    const hit = described.get(modelKey(m));
    if (hit) return hit;
    const t = await source.describe(m);
    described.set(modelKey(m), t);
    return t;
  };
  const results: ExportResult[] = [];
  try {
    const available = await source.listModels();
    for (const e of chosen) {
      const started = performance.now();
      const location = exportLocation(e, o.configFile);
      let tables: TableExportResult[] = [];
      try {
        const models = selectModels(available, e.tables, e.name);
        // Publishing nothing would replace a good export with an empty one (a wrong warehouse path, say).
        if (models.length === 0) {
          throw new HirelakeError('export', `export ${e.name}: no core or marts tables to send in ${o.engine.location}; the target keeps its last export`, 'run `hirelake transform` first, or check warehouse and exports[].tables');
        }
        const sourceTables: SourceTable[] = [];
        for (const m of models) sourceTables.push(await describe(m));
        o.log.info(`export ${e.name}: ${sourceTables.length} tables → ${e.type} ${location}`);
        const run = { runId: o.runId, fullRefresh: o.fullRefresh ?? false, wait: o.wait ?? false, log: o.log, path: location, uniqueKeys: catalog.uniqueKeys };
        if (e.type === 'postgres') tables = await exportToPostgres(e, source, sourceTables, run);
        else if (e.type === 'parquet') tables = await exportToParquet(e, source, sourceTables, run);
        else tables = await exportToCsv(e, source, sourceTables, run);
        results.push({ name: e.name, type: e.type, location, ok: true, tables, seconds: secondsSince(started) });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        o.log.error(`export ${e.name} failed: ${message}`);
        results.push({ name: e.name, type: e.type, location, ok: false, tables, seconds: secondsSince(started), error: message });
      }
    }
  } finally {
    await source.close();
  }
  return results;
}
