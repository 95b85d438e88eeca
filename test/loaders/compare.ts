import { expect } from 'vitest';

/** Column type families the comparison renders exactly (timestamps as epoch microseconds). */
export type Family = 'timestamptz' | 'date' | 'json' | 'other';

export interface Reader {
  readonly kind: 'duckdb' | 'postgres';
  query<T extends object = Record<string, unknown>>(sql: string): Promise<T[]>;
}

function familyOf(type: string): Family {
  const t = type.toLowerCase();
  if (t.startsWith('timestamp')) return 'timestamptz';
  if (t === 'date') return 'date';
  if (t === 'json' || t === 'jsonb') return 'json';
  return 'other';
}

function render(kind: Reader['kind'], col: string, family: Family): string {
  const c = `"${col}"`;
  if (family === 'timestamptz') return kind === 'duckdb' ? `epoch_us(${c})::VARCHAR` : `(extract(epoch from ${c}) * 1000000)::bigint::text`;
  if (family === 'date' || family === 'json') return kind === 'duckdb' ? `${c}::VARCHAR` : `${c}::text`;
  return c;
}

/** Rows of any relation as plain values, sorted, so two engines' copies compare with toEqual. */
export async function canonicalRows(reader: Reader, relation: string, columns: readonly { name: string; type: string }[]): Promise<unknown[]> {
  const exprs = columns.map((c) => `${render(reader.kind, c.name, familyOf(c.type))} as "${c.name}"`).join(', ');
  const rows = await reader.query(`select ${exprs} from ${relation}`);
  const out = rows.map((r) =>
    columns.map((c) => {
      const v = (r as Record<string, unknown>)[c.name];
      if (v === null || v === undefined) return null;
      if (familyOf(c.type) === 'json') return JSON.parse(String(v));
      if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
      return v;
    }),
  );
  return out.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export async function describeColumns(reader: Reader, relation: string): Promise<{ name: string; type: string }[]> {
  if (reader.kind === 'duckdb') {
    const rows = await reader.query<{ column_name: string; column_type: string }>(`describe select * from ${relation}`);
    return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
  }
  const [schema, table] = relation.split('.').map((s) => s.replaceAll('"', ''));
  const rows = await reader.query<{ name: string; type: string }>(
    `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = '${schema}.${table}'::regclass and attnum > 0 and not attisdropped order by attnum`,
  );
  return rows;
}

export function expectSameRows(actual: unknown[], expected: unknown[], what: string): void {
  expect(actual.length, `${what}: row count`).toBe(expected.length);
  expect(actual, what).toEqual(expected);
}
