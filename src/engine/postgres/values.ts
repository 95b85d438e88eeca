import pg from 'pg';
import type { CustomTypesConfig } from 'pg';

/**
 * Type parsers that make Postgres rows look exactly like the DuckDB engine's (see SqlRunner.query
 * and duckdb/values.ts). They are handed to the pool as its `types`, so other pg users in the
 * same process keep pg's global defaults.
 */
type Parser = (text: string) => unknown;

function parseInt8(text: string): number | string {
  const n = Number(text);
  // DuckDB switches to strings past 2^53 too; a lossy number would silently corrupt ids.
  return Number.isSafeInteger(n) ? n : text;
}

/** DuckDB hands out a REAL widened to a double, so 0.1::real is 0.10000000149011612 there. */
const parseFloat4: Parser = (text) => Math.fround(parseFloat(text));

/**
 * jsonb prints `{"a": 1, "b": [1, 2]}`; drop the spaces it adds after `:` and `,` so text that
 * went in as JSON.stringify output comes back the same (jsonb may still reorder keys).
 */
export function compactJsonb(text: string): string {
  if (!text.includes(' ')) return text;
  let out = '';
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

// The session runs with TimeZone=UTC, so timestamptz always prints with `+00`.
const TIMESTAMPTZ_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)\+00$/;
const TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/;
const DATE = /^\d{4}-\d\d-\d\d$/;

// pg's own parsers cover the rare shapes (BC, infinity, a session that SET another TimeZone).
const fallbackTimestamptz = pg.types.getTypeParser(1184, 'text') as Parser;

function parseTimestamptz(text: string): unknown {
  const m = TIMESTAMPTZ_UTC.exec(text);
  return m ? new Date(`${m[1]}T${m[2]}Z`) : fallbackTimestamptz(text);
}

/** Timestamps without zone are read as UTC (pg's default would read them as local time). */
function parseTimestamp(text: string): unknown {
  const m = TIMESTAMP.exec(text);
  return m ? new Date(`${m[1]}T${m[2]}Z`) : fallbackTimestamptz(`${text}+00`);
}

/** UTC midnight, like DuckDB's DATE (pg's default would be local midnight). */
function parseDate(text: string): unknown {
  return DATE.test(text) ? new Date(`${text}T00:00:00Z`) : (pg.types.getTypeParser(1082, 'text') as Parser)(text);
}

const scalarParsers: Record<number, Parser> = {
  20: parseInt8,
  700: parseFloat4,
  1700: parseFloat,
  114: (text) => text,
  3802: compactJsonb,
  1082: parseDate,
  1114: parseTimestamp,
  1184: parseTimestamptz,
};

/** Array type oid → element type oid, for the element types parsed differently above. */
const arrayElements: Record<number, number> = { 1016: 20, 1021: 700, 1231: 1700, 199: 114, 3807: 3802, 1182: 1082, 1115: 1114, 1185: 1184 };

// pg-types exports its array parser at run time but not in its typings.
const arrayParser = (pg.types as unknown as { arrayParser: { create(src: string, fn: Parser): { parse(): unknown[] } } }).arrayParser;

function arrayOf(element: Parser): Parser {
  const entry: Parser = (v) => (v === null ? null : element(v));
  return (text) => arrayParser.create(text, entry).parse();
}

const parsers = new Map<number, Parser>(Object.entries(scalarParsers).map(([oid, p]) => [Number(oid), p]));
for (const [arrayOid, elementOid] of Object.entries(arrayElements)) parsers.set(Number(arrayOid), arrayOf(scalarParsers[elementOid]!));

export const typeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' ? (parsers.get(oid) ?? pg.types.getTypeParser(oid, 'text')) : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/**
 * Parameters bound by position, as the DuckDB engine binds them: Dates as UTC ISO instants (so a
 * timestamp-without-zone target gets UTC wall time, not the process's local time), objects and
 * arrays as JSON text, undefined as null.
 */
export function toPgParams(params: readonly unknown[] | undefined): unknown[] | undefined {
  if (!params || params.length === 0) return undefined;
  return params.map(toPgParam);
}

function toPgParam(p: unknown): unknown {
  if (p === undefined) return null;
  if (p instanceof Date) return p.toISOString();
  if (typeof p === 'bigint') return p.toString();
  if (typeof p === 'object' && p !== null && !(p instanceof Uint8Array)) return JSON.stringify(p);
  return p;
}
