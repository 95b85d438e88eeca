import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportConfig } from '../../src/config/schema.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';
import { listFiles } from '../files/list-files.ts';
import { publishDir } from '../files/atomic-dir.ts';
import { newManifest, writeManifest, type ManifestTable } from '../files/manifest.ts';
import { modelKey } from '../model/select.ts';
import { sqlString } from '../model/sql.ts';
import { secondsSince, type TableExportResult } from '../result.ts';
import type { DuckSql, ExportSource, SourceTable } from '../source/source.ts';

export type ParquetExportConfig = Extract<ExportConfig, { type: 'parquet' }>;

export interface FileRunOptions {
  readonly runId: string;
  /** Absolute export folder (the config's path, resolved against the config file). */
  readonly path: string;
}

/** Hive's name for the partition of rows whose partition value is null. */
const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

/**
 * The Parquet lake: one folder per table, hive-partitioned by connection where the table has that
 * column, typed columns and zstd by default, published as a whole with its manifest.
 */
export async function exportToParquet(cfg: ParquetExportConfig, source: ExportSource, tables: readonly SourceTable[], opts: FileRunOptions): Promise<TableExportResult[]> {
  return publishDir(opts.path, opts.runId, async (stage) => {
    const results: TableExportResult[] = [];
    const entries: ManifestTable[] = [];
    for (const table of tables) {
      const started = performance.now();
      const dir = join(stage, table.name);
      const partition = cfg.partition_by && table.columns.some((c) => c.name === cfg.partition_by) ? cfg.partition_by : null;
      const rows = await source.withDuckRelation(table, (duck, relation) => writeTable(duck, relation, table, dir, partition, cfg));
      const { files, bytes } = listFiles(stage, dir);
      entries.push({
        model: modelKey(table),
        name: table.name,
        path: table.name,
        rows,
        bytes,
        partition_by: partition ? [partition] : [],
        files,
        description: table.comment,
        columns: table.columns.map((c) => ({ name: c.name, type: c.duckType, description: c.comment })),
      });
      results.push({ model: modelKey(table), target: `${table.name}/`, mode: 'file', rows, bytes, seconds: secondsSince(started) });
    }
    await writeManifest(
      stage,
      newManifest({
        format: 'parquet',
        export: cfg.name,
        run_id: opts.runId,
        exported_at: new Date().toISOString(),
        engine: source.engine.kind,
        options: { compression: cfg.compression, row_group_size: cfg.row_group_size, partition_by: cfg.partition_by },
        tables: entries,
      }),
    );
    return results;
  });
}

async function writeTable(duck: DuckSql, relation: string, table: SourceTable, dir: string, partition: string | null, cfg: ParquetExportConfig): Promise<number> {
  const cols = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const options = `format parquet, compression ${cfg.compression}, row_group_size ${cfg.row_group_size}`;
  if (!partition) {
    await mkdir(dir, { recursive: true });
    return copyCount(duck, `copy (select ${cols} from ${relation}) to ${sqlString(join(dir, 'data_0.parquet'))} (${options})`);
  }
  const rows = await copyCount(duck, `copy (select ${cols} from ${relation}) to ${sqlString(dir)} (${options}, partition_by (${quoteIdent(partition)}))`);
  if (rows === 0) {
    // DuckDB writes no file for no rows; an empty file still tells readers the table's schema.
    const others = table.columns.filter((c) => c.name !== partition).map((c) => quoteIdent(c.name)).join(', ');
    const empty = join(dir, `${partition}=${NULL_PARTITION}`);
    await mkdir(empty, { recursive: true });
    await duck.exec(`copy (select ${others} from ${relation} limit 0) to ${sqlString(join(empty, 'data_0.parquet'))} (${options})`);
  }
  return rows;
}

/** COPY answers with the number of rows it wrote. */
export async function copyCount(duck: DuckSql, sql: string): Promise<number> {
  const [row] = await duck.query<{ Count: number | string }>(sql);
  return Number(row?.Count ?? 0);
}
