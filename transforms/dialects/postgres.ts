import { quoteIdent } from '../../src/engine/identifiers.ts';
import { RAW_META_COLUMNS, sharedSql, type JsonField, type SqlDialect } from './dialect.ts';

function jsonAccess(column: string, path: readonly (string | number)[]): string {
  return path.map((p, i) => `${i === path.length - 1 ? '->>' : '->'}${typeof p === 'number' ? p : `'${p}'`}`).reduce((acc, op) => acc + op, column);
}

/** Postgres stores payloads as jsonb, already parsed, so per-field `->>` costs little. */
export const postgresDialect: SqlDialect = {
  ...sharedSql,
  kind: 'postgres',
  latestVersions: (_rawTable: string, latestView: string) => latestView,
  payloadFields(relation: string, fields: readonly JsonField[]): string {
    const cols = fields.map((f) => `${jsonAccess('_payload', f.path)} as ${quoteIdent(f.alias)}`);
    return `(select ${[...RAW_META_COLUMNS, ...cols].join(', ')} from ${relation} _r)`;
  },
  // extract(epoch) is exact numeric seconds; as whole microseconds the division matches DuckDB's bit for bit.
  daysBetween: (start: string, end: string) =>
    `(cast(round((extract(epoch from ${end}) - extract(epoch from ${start})) * 1000000) as bigint) / 86400000000.0::double precision)`,
  microsBetween: (start: string, end: string) => `cast(round((extract(epoch from ${end}) - extract(epoch from ${start})) * 1000000) as bigint)`,
};
