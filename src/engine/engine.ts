import type { Kysely } from 'kysely';
import type { MetaDatabase } from './meta-schema.ts';

export type EngineKind = 'duckdb' | 'postgres';

/** A row as returned by {@link Engine.query}. */
export type Row = Record<string, unknown>;

/**
 * Column types for bulk loading. Each engine maps them to its own type
 * (e.g. `json` is DuckDB JSON and Postgres jsonb).
 */
export type BulkColumnType = 'text' | 'json' | 'timestamptz' | 'boolean' | 'bigint' | 'integer' | 'double';

export interface BulkColumn {
  readonly name: string;
  readonly type: BulkColumnType;
}

/** The schemas hirelake writes, by role. */
export interface SchemaNames {
  readonly raw: string;
  readonly staging: string;
  readonly core: string;
  readonly marts: string;
  readonly meta: string;
}

export function schemaNames(prefix = ''): SchemaNames {
  return { raw: `${prefix}raw`, staging: `${prefix}staging`, core: `${prefix}core`, marts: `${prefix}marts`, meta: `${prefix}hirelake` };
}

/** `schema.table`, both parts already validated as identifiers. */
export interface TableRef {
  readonly schema: string;
  readonly table: string;
}

export interface LockOptions {
  /** Wait for another holder instead of failing at once. */
  readonly wait: boolean;
  /** Called once when the lock is busy and the caller starts waiting, so a wait never looks like a hang. */
  readonly onWait?: () => void;
}

/** Statements that can run either on the engine or inside one of its transactions. */
export interface SqlRunner {
  /** Typed metadata queries (Kysely), bound to this runner's connection. */
  readonly db: Kysely<MetaDatabase>;
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  /**
   * Runs a statement that writes rows (CREATE TABLE AS, INSERT, DELETE) and returns how many it
   * wrote: a table just filled needs no count(*) scan after it.
   */
  execCount(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Rows normalised the same way on every engine: integers as numbers (strings only when beyond
   * 2^53), decimals and doubles as numbers, timestamps and dates as Date (UTC), JSON as text.
   */
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A transaction: everything it runs commits or rolls back together. */
export interface EngineTx extends SqlRunner {
  /** Bulk append (DuckDB appender, Postgres COPY): never row-by-row INSERTs. */
  bulkInsert(table: TableRef, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): Promise<number>;
  /**
   * Holds the lock named `key` until this transaction ends, against every other hirelake session
   * (Postgres: a transaction-level advisory lock; DuckDB: one process, one transaction at a time).
   */
  lock(key: string): Promise<void>;
  /**
   * Whether other work is queued behind this transaction (DuckDB's one connection serves one
   * transaction at a time): a transaction kept open for more pages commits rather than keep it waiting.
   */
  othersWaiting(): boolean;
}

/**
 * The one face of a warehouse engine. What differs between DuckDB and Postgres lives behind it,
 * so landing, state, the run log, transforms and data tests never branch on the engine kind.
 */
export interface Engine extends SqlRunner {
  readonly kind: EngineKind;
  /** SQL type names that differ between engines. */
  readonly types: { readonly json: string };
  /**
   * Whether the engine gains from a BRIN index on a raw table's landing time (Postgres: builds find
   * the versions landed since the last one without a full scan). DuckDB's zone maps do it already.
   */
  readonly landingTimeIndex: boolean;
  /** Physical schema names (a Postgres warehouse may prefix them). */
  readonly schemas: SchemaNames;
  /** Where it points, safe to print (never a password). */
  readonly location: string;
  /** Runs `fn` in one transaction; rolls back and rethrows if it throws. */
  transaction<T>(fn: (tx: EngineTx) => Promise<T>): Promise<T>;
  /**
   * Takes a lock named `key` for as long as `fn` runs, so two runs of one connection never
   * interleave. `lost` aborts if the lock is lost underneath (the Postgres session holding it died):
   * the holder should stop, since another process may now take the lock.
   */
  withLock<T>(key: string, opts: LockOptions, fn: (lost: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` (a model build, data tests, an export, erasures after landing or on request) with the
   * engine tuned for queries over whole tables instead of landing: DuckDB takes its transform
   * memory limit, since landing holds the pages in the same process and these do not, all its
   * threads (landing uses one), and drops insertion order, which none of them reads and which
   * costs a table-sized buffer.
   */
  withQueryMemory<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
