// One row per element of a JSON array inside each raw payload, for vendors whose records nest a
// list the models need as rows (Lever's opportunity.stageChanges, offer.fields). Kept beside the
// dialects because expanding a JSON array is spelled differently on every engine.
import type { EngineKind } from '../../src/engine/engine.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';
import { RAW_META_COLUMNS, type JsonField } from './dialect.ts';

function duckPath(path: readonly (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

function pgAccess(column: string, path: readonly (string | number)[], text: boolean): string {
  return path.map((p, i) => `${text && i === path.length - 1 ? '->>' : '->'}${typeof p === 'number' ? p : `'${p}'`}`).reduce((acc, op) => acc + op, column);
}

/**
 * A parenthesised derived table: the raw metadata columns of `relation`, `_index` (the element's
 * 0-based position in the array) and each field of the element as text. Payloads where the array
 * is missing or not an array contribute no rows.
 */
export function payloadArraySql(kind: EngineKind, relation: string, array: readonly (string | number)[], fields: readonly JsonField[], keep: readonly string[] = []): string {
  const meta = [...RAW_META_COLUMNS, ...keep].map((c) => `_r.${c}`);
  if (kind === 'duckdb') {
    const cols = fields.map((f, i) => `_j[${i + 1}] as ${quoteIdent(f.alias)}`);
    const extract = fields.length === 0 ? '' : `, json_extract_string(_e.value, [${fields.map((f) => `'${duckPath(f.path)}'`).join(', ')}]) as _j`;
    return `(select ${[...RAW_META_COLUMNS, ...keep, '_index', ...cols].join(', ')} from (
  select ${meta.join(', ')}, cast(_e.key as integer) as _index${extract}
  from ${relation} _r, json_each(_r._payload, '${duckPath(array)}') _e
  where json_type(_r._payload, '${duckPath(array)}') = 'ARRAY'
) _x)`;
  }
  const list = pgAccess('_r._payload', array, false);
  const cols = fields.map((f) => `${f.path.length === 0 ? '_e.value #>> \'{}\'' : pgAccess('_e.value', f.path, true)} as ${quoteIdent(f.alias)}`);
  return `(select ${[...meta, 'cast(_e.ord - 1 as integer) as _index', ...cols].join(', ')}
  from ${relation} _r
  cross join lateral jsonb_array_elements(case when jsonb_typeof(${list}) = 'array' then ${list} else '[]'::jsonb end) with ordinality as _e(value, ord))`;
}
