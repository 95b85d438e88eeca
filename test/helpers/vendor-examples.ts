import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';

/**
 * The vendors' documented example responses, one file per endpoint, under
 * test/fixtures/vendor-examples/<vendor>/ (each folder's README names the reference each file
 * comes from and how faithfully it could be transcribed).
 */
const DIR = fileURLToPath(new URL('../fixtures/vendor-examples/', import.meta.url));

export function exampleText(vendor: string, file: string): string {
  return readFileSync(`${DIR}${vendor}/${file}`, 'utf8');
}

export function exampleJson<T = unknown>(vendor: string, file: string): T {
  return JSON.parse(exampleText(vendor, file)) as T;
}

/** Rows of a model table as plain values (timestamps as ISO strings), ordered by `orderBy`. */
export async function rowsOf(engine: Engine, schema: string, table: string, columns: readonly string[], orderBy: string): Promise<Record<string, unknown>[]> {
  const rows = await engine.query(`select ${columns.join(', ')} from ${qualified(schema, table)} order by ${orderBy}`);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
}

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}
