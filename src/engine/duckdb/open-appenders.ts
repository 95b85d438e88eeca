import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { TableRef } from '../engine.ts';
import type { Appended } from './appender.ts';

/**
 * What an appender holds before it is flushed: 8 of DuckDB's vectors of rows, or 16M characters of
 * text and JSON (the rows of 1 KB payloads weigh about as much; wide ones, Lever's 10 KB
 * opportunities, reach it first, so an appender never holds much more than 16 MB). Each flush costs
 * about a millisecond however few rows it carries, on Node's main thread (it is synchronous):
 * 500-row pages flushed one by one spent 4.1 s flushing 500k rows, one flush per 20k rows 1.3 s (a
 * script on this machine, file-backed, memory_limit 64MB).
 */
export const FLUSH_AT = { rows: 16_384, chars: 16 * 1024 * 1024 } as const;

interface Open {
  readonly appender: DuckDBAppender;
  rows: number;
  chars: number;
}

/**
 * The appenders of the open transaction, one per table, kept open across bulk inserts so that
 * flushes are few and large. Appended rows are invisible to statements until flushed, so the
 * transaction flushes them before any statement runs and before it commits; on rollback they are
 * closed inside the failing transaction, so nothing they held can reach a later one.
 */
export class OpenAppenders {
  readonly #open = new Map<string, Open>();
  /**
   * An append that failed midway left its appender holding part of a row, and the rows before it
   * cannot be told apart from earlier inserts': this transaction must not commit.
   */
  #broken: unknown;

  /** Rows appended by `write` into `table`'s appender; flushed once it holds enough. */
  async append(conn: DuckDBConnection, table: TableRef, write: (appender: DuckDBAppender) => Appended): Promise<number> {
    const key = `${table.schema}.${table.table}`;
    let open = this.#open.get(key);
    if (!open) this.#open.set(key, (open = { appender: await conn.createAppender(table.table, table.schema), rows: 0, chars: 0 }));
    let appended: Appended;
    try {
      appended = write(open.appender);
    } catch (err) {
      this.#broken ??= err;
      throw err;
    }
    open.rows += appended.rows;
    open.chars += appended.chars;
    if (open.rows >= FLUSH_AT.rows || open.chars >= FLUSH_AT.chars) {
      this.#open.delete(key);
      open.appender.closeSync();
    }
    return appended.rows;
  }

  /** Every appended row into the transaction (closing an appender flushes it); the first failure is thrown once all are closed. */
  flush(): void {
    if (this.#broken !== undefined) {
      throw new Error(`a bulk insert in this transaction failed midway, so it cannot commit: ${(this.#broken as Error)?.message ?? String(this.#broken)}`);
    }
    if (this.#open.size === 0) return;
    const all = [...this.#open.values()];
    this.#open.clear();
    let failure: unknown;
    for (const { appender } of all) {
      try {
        appender.closeSync();
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** The transaction is rolling back: whatever the appenders still hold goes with it. */
  discard(): void {
    this.#broken = undefined;
    const all = [...this.#open.values()];
    this.#open.clear();
    for (const { appender } of all) {
      try {
        appender.closeSync();
      } catch {
        // The rollback that follows undoes it either way.
      }
    }
  }
}
