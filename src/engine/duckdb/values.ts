import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';

/** Makes a DuckDB JS value match what the Postgres engine returns (see SqlRunner.query). */
export function normaliseValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Array.isArray(value)) return value.map(normaliseValue);
  return value;
}

export function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) row[key] = normaliseValue(row[key]);
  return row;
}

/** Parameters bound by position: Dates become TIMESTAMPTZ, everything else binds as itself. */
export function toDuckParams(params: readonly unknown[] | undefined): DuckDBValue[] | undefined {
  if (!params || params.length === 0) return undefined;
  return params.map((p) => {
    if (p instanceof Date) return new DuckDBTimestampTZValue(BigInt(p.getTime()) * 1000n);
    if (p === undefined) return null;
    if (typeof p === 'object' && p !== null && !(p instanceof Uint8Array)) return JSON.stringify(p);
    return p as DuckDBValue;
  });
}
