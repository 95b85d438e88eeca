/**
 * Postgres types (as `format_type` prints them) → the DuckDB types used to write Parquet and CSV
 * when the engine is Postgres, and the text each is staged through.
 */
const SCALARS: Record<string, string> = {
  boolean: 'BOOLEAN',
  smallint: 'SMALLINT',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  real: 'FLOAT',
  'double precision': 'DOUBLE',
  text: 'VARCHAR',
  json: 'JSON',
  jsonb: 'JSON',
  date: 'DATE',
  'time without time zone': 'TIME',
  'time with time zone': 'TIME WITH TIME ZONE',
  'timestamp without time zone': 'TIMESTAMP',
  'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  interval: 'INTERVAL',
  uuid: 'UUID',
  bytea: 'BLOB',
};

export function duckTypeForPg(t: string, isArray: boolean): string {
  if (isArray) return 'JSON';
  // `timestamp(3) with time zone` is still a timestamptz; only numeric's typmod changes the DuckDB type.
  const base = t.startsWith('numeric') ? t : t.replace(/\(\d+\)/, '');
  if (SCALARS[base]) return SCALARS[base]!;
  const num = /^numeric\((\d+),(\d+)\)$/.exec(t);
  // DuckDB decimals stop at 38 digits; an unconstrained numeric (a computed rate, say) becomes a
  // double, which is also what the same model gives on DuckDB.
  if (num && Number(num[1]) <= 38) return `DECIMAL(${num[1]},${num[2]})`;
  if (t.startsWith('numeric')) return 'DOUBLE';
  return 'VARCHAR';
}

/** How a Postgres column is written into the CSV DuckDB stages from (arrays as JSON, odd types as text). */
export function pgExprForStage(col: string, t: string, isArray: boolean): string {
  if (isArray) return `array_to_json(${col})`;
  return duckTypeForPg(t, false) === 'VARCHAR' && !t.startsWith('character') && t !== 'text' ? `${col}::text` : col;
}

/** How DuckDB reads that staged text back: bytea arrives as `\x…` hex. */
export function duckReadForPg(col: string, duckType: string): { readAs: string; expr: string } {
  if (duckType === 'BLOB') return { readAs: 'VARCHAR', expr: `unhex(substr(${col}, 3))` };
  return { readAs: duckType, expr: col };
}
