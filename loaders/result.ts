/** How one table went out. */
export interface TableExportResult {
  /** `core.applications` */
  readonly model: string;
  /** Where it landed: `schema.table` in Postgres, a folder or file under the export path. */
  readonly target: string;
  /**
   * swap: reloaded whole and swapped in; in_place: refilled where it stands (things depend on it);
   * merge: changed rows merged by key; file: written into the new export folder.
   */
  readonly mode: 'swap' | 'in_place' | 'merge' | 'file';
  /** Rows in the table after the export. */
  readonly rows: number;
  /** merge: rows sent (new or changed) and keys deleted. */
  readonly changed?: number;
  readonly deleted?: number;
  /** files: bytes written. */
  readonly bytes?: number;
  readonly seconds: number;
}

export interface ExportResult {
  readonly name: string;
  readonly type: 'postgres' | 'parquet' | 'csv';
  /** Safe to print (never a password). */
  readonly location: string;
  readonly ok: boolean;
  readonly tables: readonly TableExportResult[];
  readonly seconds: number;
  readonly error?: string;
}

/** Wall seconds since a performance.now() mark, to the millisecond (reports, not benchmarks). */
export function secondsSince(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}
