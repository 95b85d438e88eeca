/**
 * One column of an exported table, described once so every loader writes the same shape: the
 * source engine's own type, the Postgres type it lands as, and the DuckDB type Parquet and CSV
 * files are written with.
 */
export interface ExportColumn {
  readonly name: string;
  /** As the source engine spells it (DuckDB `data_type`, Postgres `format_type`). */
  readonly sourceType: string;
  readonly pgType: string;
  readonly duckType: string;
  /** What the column means (model docs or the source's own comment); becomes COMMENT ON COLUMN. */
  readonly comment: string | null;
}

/** Identifies a table's shape, so a target can tell that a model gained, lost or retyped a column. */
export function columnSignature(columns: readonly ExportColumn[]): string {
  return columns.map((c) => `${c.name} ${c.pgType}`).join(', ');
}
