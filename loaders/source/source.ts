import type { Readable } from 'node:stream';
import type { Engine, TableRef } from '../../src/engine/engine.ts';
import type { ExportColumn } from '../model/column.ts';
import type { ModelId } from '../model/select.ts';

/** A model as the source engine holds it. */
export interface SourceTable extends ModelId {
  /** Physical schema and table (a Postgres warehouse may prefix the schema). */
  readonly ref: TableRef;
  readonly columns: readonly ExportColumn[];
  readonly comment: string | null;
}

/** DuckDB SQL: the engine itself, or an in-memory DuckDB when the engine is Postgres. */
export interface DuckSql {
  exec(sql: string): Promise<void>;
  query<T extends object = Record<string, unknown>>(sql: string): Promise<T[]>;
}

/** Which rows (and columns) to read; the table is aliased `s` in `from` and `where`. */
export interface RowSelection {
  /** FROM clause; default is the table alone, aliased `s`. */
  readonly from?: string;
  readonly where?: string;
  /** Default: all of the table's columns. */
  readonly columns?: readonly ExportColumn[];
}

/** A stream of CSV in Postgres COPY's dialect, plus how to let go of whatever produces it. */
export interface CsvStream {
  readonly stream: Readable;
  /** Call once: `ok` false aborts the producer (a half-read COPY must not linger). */
  release(ok: boolean): Promise<void>;
}

/**
 * What every loader needs from the engine the models live in. The Engine face has no streaming
 * read, so each engine gets its own way out that never holds a table in JS memory.
 */
export interface ExportSource {
  readonly engine: Engine;
  listModels(): Promise<ModelId[]>;
  describe(model: ModelId): Promise<SourceTable>;
  /** Rows as CSV Postgres COPY reads into the columns' pgType (no header). */
  openPgCsv(table: SourceTable, rows?: RowSelection): Promise<CsvStream>;
  /** Runs `fn` with DuckDB able to read the table as `relation` (for Parquet and CSV files). */
  withDuckRelation<T>(table: SourceTable, fn: (duck: DuckSql, relation: string) => Promise<T>): Promise<T>;
  /** A hash of a row's exported columns, stable across runs on this engine (a change of engine version may change it: that only costs a reload). */
  rowHashExpr(table: SourceTable, alias: string): string;
  close(): Promise<void>;
}
