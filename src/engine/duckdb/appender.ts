import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { BulkColumn } from '../engine.ts';

type Append = (a: DuckDBAppender, v: unknown) => void;

function micros(v: unknown): bigint {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v));
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${String(v)}`);
  return BigInt(ms) * 1000n;
}

const appenders: Record<BulkColumn['type'], Append> = {
  text: (a, v) => a.appendVarchar(String(v)),
  json: (a, v) => a.appendVarchar(typeof v === 'string' ? v : JSON.stringify(v)),
  timestamptz: (a, v) => a.appendTimestampTZ(new DuckDBTimestampTZValue(micros(v))),
  boolean: (a, v) => a.appendBoolean(Boolean(v)),
  bigint: (a, v) => a.appendBigInt(BigInt(v as number | string | bigint)),
  integer: (a, v) => a.appendInteger(Number(v)),
  double: (a, v) => a.appendDouble(Number(v)),
};

/** Appends rows column by column type; the appender writes inside the connection's open transaction. */
export function appendRows(appender: DuckDBAppender, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): number {
  const fns = columns.map((c) => appenders[c.type]);
  let n = 0;
  for (const row of rows) {
    for (let i = 0; i < fns.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) appender.appendNull();
      else fns[i]!(appender, v);
    }
    appender.endRow();
    n++;
  }
  return n;
}
