import { createHash } from 'node:crypto';
import type { JsonField } from '../dialects/index.ts';

/**
 * Materialized typed staging: the payload fields that models read, extracted once per raw version
 * into tables in the staging schema and kept up to date from the versions landed since the last
 * build. Staging views then read typed columns instead of parsing JSON on every reference.
 *
 * - `latest`: one row per record, its latest version (tombstones included, flagged), what
 *   `payload_fields(source(…), …)` reads;
 * - `versions`: every version, what `payload_fields(source_versions(…), …)` reads;
 * - `array`: one row per element of an array in each record's latest version, what
 *   `payload_array(source(…), …)` reads;
 * - `entries`: one row per key of an object in each record's latest version, what
 *   `payload_entries(source(…), …)` reads (custom fields: read from typed rows, not re-parsed
 *   payloads, and brought up to date with their stream like the rest).
 *
 * Columns are named after a digest of their JSON path (`_f_…`), so every model asking for the
 * same path shares one column and aliases stay the models' business.
 */
export type ExtractedKind = 'latest' | 'versions' | 'array' | 'entries';

/** Kinds with one row per element of something nested in each record's latest version. */
export const NESTED_KINDS: readonly ExtractedKind[] = ['array', 'entries'];

export interface ExtractedTable {
  readonly kind: ExtractedKind;
  readonly vendor: string;
  readonly stream: string;
  /** The array's or object's path (kinds `array` and `entries` only). */
  readonly array?: readonly (string | number)[];
  /** Table name in the staging schema. */
  readonly name: string;
  /** Fields by column name: each field's path, the column its own name. */
  readonly fields: Map<string, readonly (string | number)[]>;
}

const digest = (s: string, n: number) => createHash('sha1').update(s).digest('hex').slice(0, n);

export const pathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

export function fieldColumn(path: readonly (string | number)[]): string {
  return `_f_${digest(pathKey(path), 12)}`;
}

export function extractedName(kind: ExtractedKind, vendor: string, stream: string, array?: readonly (string | number)[]): string {
  return NESTED_KINDS.includes(kind) ? `_hl_${kind}__${vendor}__${stream}__${digest(pathKey(array ?? []), 8)}` : `_hl_${kind}__${vendor}__${stream}`;
}

/** The fields a table must hold, as one string: a table built for another set is rebuilt. */
export function signature(t: ExtractedTable): string {
  return [t.kind, pathKey(t.array ?? []), ...[...t.fields.keys()].sort()].join('|');
}

/** The fields of `t` as JsonFields whose alias is the column name. */
export function columnFields(t: ExtractedTable): JsonField[] {
  return [...t.fields].sort(([a], [b]) => (a < b ? -1 : 1)).map(([alias, path]) => ({ alias, path }));
}

/** Collects, while models compile, which tables they read and which fields of each. */
export class ExtractedRegistry {
  readonly #tables = new Map<string, ExtractedTable>();

  use(kind: ExtractedKind, vendor: string, stream: string, fields: readonly JsonField[], array?: readonly (string | number)[]): ExtractedTable {
    const name = extractedName(kind, vendor, stream, array);
    let t = this.#tables.get(name);
    if (!t) this.#tables.set(name, (t = { kind, vendor, stream, name, fields: new Map(), ...(array ? { array } : {}) }));
    for (const f of fields) t.fields.set(fieldColumn(f.path), f.path);
    // A nested table is kept up to date from its stream's latest table, which then must exist.
    if (NESTED_KINDS.includes(kind)) this.use('latest', vendor, stream, []);
    return t;
  }

  get tables(): ExtractedTable[] {
    return [...this.#tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
