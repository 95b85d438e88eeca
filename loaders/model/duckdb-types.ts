/**
 * DuckDB types → Postgres types. Nested values (lists, structs, maps, unions) have no faithful
 * Postgres twin that every BI tool reads, so they travel as JSON and land as jsonb.
 */
const SCALARS: Record<string, string> = {
  BOOLEAN: 'boolean',
  TINYINT: 'smallint',
  SMALLINT: 'smallint',
  UTINYINT: 'smallint',
  INTEGER: 'integer',
  USMALLINT: 'integer',
  BIGINT: 'bigint',
  UINTEGER: 'bigint',
  UBIGINT: 'numeric(20,0)',
  HUGEINT: 'numeric(39,0)',
  UHUGEINT: 'numeric(39,0)',
  VARINT: 'numeric',
  BIGNUM: 'numeric',
  FLOAT: 'real',
  DOUBLE: 'double precision',
  VARCHAR: 'text',
  JSON: 'jsonb',
  BLOB: 'bytea',
  BIT: 'bit varying',
  DATE: 'date',
  TIME: 'time',
  'TIME WITH TIME ZONE': 'timetz',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  // Postgres keeps microseconds; the nanoseconds are cut (the value is cast on the way out).
  TIMESTAMP_NS: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamptz',
  INTERVAL: 'interval',
  UUID: 'uuid',
};

export function isNestedDuckType(t: string): boolean {
  return t.endsWith(']') || /^(STRUCT|MAP|UNION)\(/.test(t);
}

export function pgTypeForDuck(t: string): string {
  if (isNestedDuckType(t)) return 'jsonb';
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return `numeric(${dec[1]},${dec[2]})`;
  if (t.startsWith('ENUM(')) return 'text';
  return SCALARS[t] ?? 'text';
}

/**
 * The expression that renders one DuckDB column as text Postgres COPY (CSV) reads back into
 * pgTypeForDuck's type. Most types print in a form Postgres parses already; these do not.
 */
export function duckExprForPg(col: string, t: string): string {
  if (isNestedDuckType(t)) return `to_json(${col})`;
  if (t === 'BLOB') return `'\\x' || hex(${col})`;
  if (t === 'TIMESTAMP_NS') return `${col}::TIMESTAMP`;
  const known = SCALARS[t] !== undefined || t.startsWith('DECIMAL(') || t.startsWith('ENUM(');
  return known ? col : `${col}::VARCHAR`;
}

/** In CSV files nested values are written as JSON, the one text form every reader parses. */
export function duckExprForCsv(col: string, t: string): string {
  return isNestedDuckType(t) ? `to_json(${col})` : col;
}
