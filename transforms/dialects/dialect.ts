import type { EngineKind } from '../../src/engine/engine.ts';

/** One field pulled out of a JSON payload: a path of keys and array indexes, and its column name. */
export interface JsonField {
  readonly path: readonly (string | number)[];
  readonly alias: string;
}

/**
 * The SQL that differs between engines, as functions producing SQL text. Models call these through
 * the template helpers (see ../helpers.ts), so one .sql file runs unchanged on every engine and
 * each engine's differences live in exactly one file beside this one.
 */
export interface SqlDialect {
  readonly kind: EngineKind;
  /**
   * The newest version of every record of a raw table: the same rows as its `__latest` view (see
   * src/landing/raw-table.ts), in whatever form the engine reads fastest.
   */
  latestVersions(rawTable: string, latestView: string): string;
  /**
   * A parenthesised derived table: the raw zone's metadata columns of `relation` plus each field of
   * its `_payload` as text. Each payload is parsed once per row however many fields are read.
   */
  payloadFields(relation: string, fields: readonly JsonField[], keep?: readonly string[]): string;
  /**
   * Every column of a raw table's latest version of each record plus `_all_dated` (see
   * rankedVersions), as a parenthesised derived table.
   */
  latestDated(rawTable: string): string;
  /**
   * How far behind the newest landing time the last build saw a version may still land (and so is
   * read again by the next build, idempotently): Postgres takes pages from processes on several
   * machines at once, whose clocks differ and whose transactions may still be open; a DuckDB file
   * has one writing process at a time, whose pages commit in landing order.
   */
  readonly lateLandingMs: number;
  /** DDL for an index on `table`'s columns where the engine gains from one (Postgres), else null. */
  index(table: string, name: string, columns: readonly string[]): string | null;
  /**
   * Statistics for a table just filled, where the planner needs them at once (Postgres: a table made
   * by CREATE TABLE AS has none until autovacuum comes by, and without them a 1M-row join was planned
   * as a merge on the connection alone, a join filter over 10^10 pairs); else null (DuckDB keeps its own).
   */
  analyze(table: string): string | null;
  /**
   * A query returning one row with `same` true when table `next` holds exactly the rows of table
   * `old` (as multisets; `$1` is next's row count), else false or no row.
   */
  sameRows(old: string, next: string): string;
  /**
   * Where landings commit concurrently and the engine numbers transactions (Postgres): `now`, a query
   * returning `marker` (the oldest transaction still running in a snapshot taken now) and `next` (the
   * id the next transaction gets), both as text; `since(param)`, true for a raw row written by a
   * transaction at or after the marker in `param`. See transforms/extracted/unread.ts. Else null.
   */
  readonly transactionMarker: { readonly now: string; since(param: string): string } | null;
  /**
   * A vendor's ISO-8601 text (any offset, or a bare date) as timestamptz; null when it is not one,
   * so one malformed value leaves a null (counted where it matters) instead of failing the build.
   */
  parseTimestamp(text: string): string;
  /** A vendor's epoch-milliseconds text (Lever) as timestamptz; null when it is not a number. */
  epochMs(text: string): string;
  /** A decimal number's text as double precision; null when it is not one. */
  parseNumber(text: string): string;
  /** JSON text as the engine's JSON type (what raw payloads are), so payload_array can expand it. */
  asJson(text: string): string;
  /** Fractional calendar days from `start` to `end` (both timestamptz), as double precision. */
  daysBetween(start: string, end: string): string;
  /** Whole microseconds from `start` to `end` (both timestamptz), as a bigint: exact, so sums are too. */
  microsBetween(start: string, end: string): string;
  /** The UTC calendar date of a timestamptz. */
  utcDate(ts: string): string;
  /** The first day (a date) of the UTC month of a timestamptz. */
  monthStart(ts: string): string;
  /** The Monday (a date) of the UTC ISO week of a timestamptz. */
  weekStart(ts: string): string;
  /** The first day (a date) of the UTC calendar quarter of a timestamptz. */
  quarterStart(ts: string): string;
  /** A FROM item yielding one row per day from `first` to `last` (dates, inclusive), column `day` (date). */
  daySeries(first: string, last: string, alias: string): string;
  /** A comparable key for a stage name: lowercase with whitespace, `_` and `-` removed. */
  stageKey(name: string): string;
  /** `num / den` as double precision, null when den is 0 (never integer division). */
  ratio(num: string, den: string): string;
}

/** Every column of a raw table (src/landing/raw-table.ts RAW_COLUMNS). */
export const RAW_COLUMN_LIST = ['_connection', '_record_id', '_updated_at', '_extracted_at', '_run_id', '_deleted', '_payload'] as const;

/** The latest view's ranking of versions: one definition (src/landing/raw-table.ts) for the view and the dialects. */
export { rankedVersions } from '../../src/landing/raw-table.ts';

/** The raw-zone columns every payloadFields relation keeps beside the extracted fields. */
export const RAW_META_COLUMNS = ['_connection', '_record_id', '_updated_at', '_extracted_at', '_run_id', '_deleted'] as const;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Parses `a.b[0].c` or `a.b[0].c as alias`. The alias defaults to the path in snake_case joined
 * with `_` (`stageChanges[0].toStageId` → `stage_changes_0_to_stage_id`), since vendors spell keys
 * in camelCase and columns are lowercase.
 */
export function parseJsonField(spec: string): JsonField {
  const m = /^\s*(.+?)(?:\s+as\s+([a-z_][a-z0-9_]*))?\s*$/i.exec(spec);
  if (!m) throw new Error(`bad JSON field "${spec}"`);
  // `$ as alias`: the whole value (an array element as JSON text), e.g. to expand a nested array.
  if (m[1] === '$') {
    if (!m[2]) throw new Error(`bad JSON field "${spec}": the whole value needs a column name ($ as name)`);
    return { path: [], alias: m[2] };
  }
  const path: (string | number)[] = [];
  for (const part of m[1]!.split('.')) {
    const seg = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/.exec(part);
    if (!seg || !KEY.test(seg[1]!)) throw new Error(`bad JSON field "${spec}": expected keys such as a.b[0].c`);
    path.push(seg[1]!);
    for (const idx of seg[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(idx[1]));
  }
  const alias = m[2] ?? path.map((p) => snake(String(p))).join('_');
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad JSON field "${spec}": column name "${alias}" is not a lowercase identifier`);
  return { path, alias };
}

/** Features that are spelled the same on both engines; each dialect spreads these and overrides the rest. */
/**
 * An xsd:date with a zone (Workday's `2024-03-01-08:00`, or `2024-03-01Z`) as that day's midnight
 * in that zone; any other text unchanged. Plain SQL, the same on both engines.
 */
export function zonedDate(text: string): string {
  return `(case when length(${text}) > 10 and substr(${text}, 11, 1) not in ('T', ' ') ` +
    `then substr(${text}, 1, 10) || 'T00:00:00' || replace(substr(${text}, 11), 'Z', '+00:00') else ${text} end)`;
}

export const sharedSql = {
  utcDate: (ts: string) => `cast((${ts}) at time zone 'UTC' as date)`,
  monthStart: (ts: string) => `cast(date_trunc('month', (${ts}) at time zone 'UTC') as date)`,
  weekStart: (ts: string) => `cast(date_trunc('week', (${ts}) at time zone 'UTC') as date)`,
  quarterStart: (ts: string) => `cast(date_trunc('quarter', (${ts}) at time zone 'UTC') as date)`,
  daySeries: (first: string, last: string, alias: string) =>
    `generate_series(cast(${first} as timestamp), cast(${last} as timestamp), interval '1 day') as ${alias}(day)`,
  stageKey: (name: string) => `regexp_replace(lower(trim(${name})), '[\\s_-]+', '', 'g')`,
  ratio: (num: string, den: string) => `(cast(${num} as double precision) / nullif(cast(${den} as double precision), 0))`,
} satisfies Partial<SqlDialect>;
