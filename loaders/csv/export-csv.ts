import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportConfig } from '../../src/config/schema.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';
import { publishDir } from '../files/atomic-dir.ts';
import { newManifest, writeManifest, type ManifestTable } from '../files/manifest.ts';
import { duckExprForCsv } from '../model/duckdb-types.ts';
import { modelKey } from '../model/select.ts';
import { col, sqlString } from '../model/sql.ts';
import { copyCount, type FileRunOptions } from '../parquet/export-parquet.ts';
import { secondsSince, type TableExportResult } from '../result.ts';
import type { ExportSource, SourceTable } from '../source/source.ts';

export type CsvExportConfig = Extract<ExportConfig, { type: 'csv' }>;

/**
 * One CSV file per table for the simplest consumers: UTF-8, a header row, RFC 4180 quoting
 * (fields with a comma, quote or line break are quoted, quotes doubled) and CRLF line ends. An
 * empty string is `""` and a null is an empty field, so the two stay apart.
 */
export async function exportToCsv(cfg: CsvExportConfig, source: ExportSource, tables: readonly SourceTable[], opts: FileRunOptions): Promise<TableExportResult[]> {
  return publishDir(opts.path, opts.runId, async (stage) => {
    const results: TableExportResult[] = [];
    const entries: ManifestTable[] = [];
    for (const table of tables) {
      const started = performance.now();
      const file = join(stage, `${table.name}.csv`);
      const exprs = table.columns.map((c) => `${duckExprForCsv(col('s', c.name), c.duckType)} as ${quoteIdent(c.name)}`).join(', ');
      const rows = await source.withDuckRelation(table, (duck, relation) =>
        copyCount(duck, `copy (select ${exprs} from ${relation} s) to ${sqlString(file)} (format csv, header true, delimiter ',', quote '"', escape '"', new_line '\\r\\n')`),
      );
      const bytes = statSync(file).size;
      entries.push({
        model: modelKey(table),
        name: table.name,
        path: `${table.name}.csv`,
        rows,
        bytes,
        partition_by: [],
        files: [`${table.name}.csv`],
        description: table.comment,
        columns: table.columns.map((c) => ({ name: c.name, type: c.duckType, description: c.comment })),
      });
      results.push({ model: modelKey(table), target: `${table.name}.csv`, mode: 'file', rows, bytes, seconds: secondsSince(started) });
    }
    await writeManifest(
      stage,
      newManifest({ format: 'csv', export: cfg.name, run_id: opts.runId, exported_at: new Date().toISOString(), engine: source.engine.kind, options: {}, tables: entries }),
    );
    return results;
  });
}
