import { DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api';
import { jsonText, timestampMillis } from '../bulk-values.ts';
import type { BulkColumn } from '../engine.ts';

/** Appends one value; returns the characters it appended (text and JSON), 0 for other types. */
type Append = (a: DuckDBAppender, v: unknown) => number;

/** The last instant appended: every row of a page carries the same landing time, so its value is made once. */
let lastMs = NaN;
let lastTimestamp = new DuckDBTimestampValue(0n);

/**
 * A timestamptz as the appender's plain TIMESTAMP: DuckDB casts timestamp_t to timestamp_tz_t by
 * reinterpreting the microseconds (its core cast, which no session TimeZone enters), so the stored
 * instant is the same. appendTimestampTZ would build a native DuckDB value per call, freed only by
 * the garbage collector: two per row made it the appender's largest cost.
 */
function timestamp(v: unknown): DuckDBTimestampValue {
  const ms = timestampMillis(v);
  if (ms !== lastMs) {
    lastMs = ms;
    lastTimestamp = new DuckDBTimestampValue(BigInt(ms) * 1000n);
  }
  return lastTimestamp;
}

const appenders: Record<BulkColumn['type'], Append> = {
  text: (a, v) => {
    const s = String(v);
    a.appendVarchar(s);
    return s.length;
  },
  json: (a, v) => {
    const s = jsonText(v);
    a.appendVarchar(s);
    return s.length;
  },
  timestamptz: (a, v) => (a.appendTimestamp(timestamp(v)), 0),
  boolean: (a, v) => (a.appendBoolean(Boolean(v)), 0),
  bigint: (a, v) => (a.appendBigInt(BigInt(v as number | string | bigint)), 0),
  integer: (a, v) => (a.appendInteger(Number(v)), 0),
  double: (a, v) => (a.appendDouble(Number(v)), 0),
};

/** What an append wrote: rows, and the characters of their text and JSON values (most of what the appender holds). */
export interface Appended {
  readonly rows: number;
  readonly chars: number;
}

/** Appends rows column by column type; the appender writes inside the connection's open transaction. */
export function appendRows(appender: DuckDBAppender, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): Appended {
  const fns = columns.map((c) => appenders[c.type]);
  let n = 0;
  let chars = 0;
  for (const row of rows) {
    for (let i = 0; i < fns.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) appender.appendNull();
      else chars += fns[i]!(appender, v);
    }
    appender.endRow();
    n++;
  }
  return { rows: n, chars };
}
