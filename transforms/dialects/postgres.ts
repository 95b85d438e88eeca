import { quoteIdent } from '../../src/engine/identifiers.ts';
import { RAW_COLUMN_LIST, RAW_META_COLUMNS, rankedVersions, sharedSql, zonedDate, type JsonField, type SqlDialect } from './dialect.ts';

function jsonAccess(column: string, path: readonly (string | number)[]): string {
  return path.map((p, i) => `${i === path.length - 1 ? '->>' : '->'}${typeof p === 'number' ? p : `'${p}'`}`).reduce((acc, op) => acc + op, column);
}

/** ISO-8601 as vendors write it: a date, an optional time, an optional offset, each field in range. */
const ISO_8601 =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' +
  '([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?)?' +
  ' *(Z|z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$';

/** Postgres stores payloads as jsonb, already parsed, so per-field `->>` costs little. */
export const postgresDialect: SqlDialect = {
  ...sharedSql,
  kind: 'postgres',
  latestVersions: (_rawTable: string, latestView: string) => latestView,
  payloadFields(relation: string, fields: readonly JsonField[], keep: readonly string[] = []): string {
    const cols = fields.map((f) => `${jsonAccess('_payload', f.path)} as ${quoteIdent(f.alias)}`);
    return `(select ${[...RAW_META_COLUMNS, ...keep, ...cols].join(', ')} from ${relation} _r)`;
  },
  latestDated: (rawTable: string) => `(select ${[...RAW_COLUMN_LIST, '_all_dated'].join(', ')} from ${rankedVersions(rawTable)} v where _version_rank = 1)`,
  lateLandingMs: 10 * 60_000,
  index: (table: string, name: string, columns: readonly string[]) => `create index if not exists ${quoteIdent(name)} on ${table} (${columns.map(quoteIdent).join(', ')})`,
  analyze: (table: string) => `analyze ${table}`,
  // Postgres has no 64-bit row hash; EXCEPT ALL's hashed set operation is quick there.
  sameRows: (old: string, next: string) => `select true as same where (select count(*) from ${old}) = $1 and not exists (select * from ${next} except all select * from ${old})`,
  transactionMarker: {
    now: 'select cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as marker, cast(pg_snapshot_xmax(pg_current_snapshot()) as text) as next',
    // age() counts back from one reference for both sides, so the 32-bit ids compare across a wrap
    // (the marker's age is checked to be under 2^31 first: usableMarker).
    since: (param: string) => `age(xmin) <= age(cast(cast(cast(${param} as bigint) % 4294967296 as text) as xid))`,
  },
  // extract(epoch) is exact numeric seconds; as whole microseconds the division matches DuckDB's bit for bit.
  daysBetween: (start: string, end: string) =>
    `(cast(round((extract(epoch from ${end}) - extract(epoch from ${start})) * 1000000) as bigint) / 86400000000.0::double precision)`,
  microsBetween: (start: string, end: string) => `cast(round((extract(epoch from ${end}) - extract(epoch from ${start})) * 1000000) as bigint)`,
  // Postgres has no try_cast: only text shaped like ISO-8601 (fields in range) reaches the cast.
  // A shaped but impossible day (Feb 30) would still fail; vendors' own clocks never produce one.
  parseTimestamp: (text: string) => `(case when ${text} ~ '${ISO_8601}' then cast(${zonedDate(text)} as timestamptz) end)`,
  asJson: (text: string) => `cast(${text} as jsonb)`,
  parseNumber: (text: string) => `(case when ${text} ~ '^ *-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)? *$' then cast(${text} as double precision) end)`,
  epochMs: (text: string) => `(case when ${text} ~ '^-?[0-9]{1,16}(\\.[0-9]+)?$' then to_timestamp(cast(${text} as double precision) / 1000.0) end)`,
};
