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

/** A JSON value's type in one spelling on both engines: object, array, string, number, boolean, null. */
function duckJsonType(value: string): string {
  return `(case json_type(${value}) when 'VARCHAR' then 'string' when 'BIGINT' then 'number' when 'UBIGINT' then 'number' when 'DOUBLE' then 'number' when 'BOOLEAN' then 'boolean' else lower(json_type(${value})) end)`;
}

/**
 * One row per key of a JSON object inside each raw payload (Greenhouse's custom_fields, keyed by
 * each field's name_key): the raw metadata columns, `_key`, `_type` (the value's JSON type:
 * object, array, string, number, boolean, null), `_value` (scalars as text, objects and arrays as
 * JSON text) and each field of the value as text. Payloads where it is missing or not an object
 * contribute no rows.
 */
export function payloadEntriesSql(kind: EngineKind, relation: string, object: readonly (string | number)[], fields: readonly JsonField[]): string {
  const meta = RAW_META_COLUMNS.map((c) => `_r.${c}`);
  if (kind === 'duckdb') {
    // The object cast to a MAP and its entries unnested: about 2.5x faster than json_each's lateral join.
    const cols = fields.map((f, i) => `_j[${i + 1}] as ${quoteIdent(f.alias)}`);
    const extract = fields.length === 0 ? '' : `, json_extract_string((_e).value, [${fields.map((f) => `'${duckPath(f.path)}'`).join(', ')}]) as _j`;
    return `(select ${[...RAW_META_COLUMNS, '_key', '_type', '_value', ...cols].join(', ')} from (
  select ${RAW_META_COLUMNS.join(', ')}, (_e).key as _key, coalesce(${duckJsonType('(_e).value')}, 'null') as _type, json_extract_string((_e).value, '$') as _value${extract}
  from (
    select ${meta.join(', ')}, unnest(map_entries(cast(json_extract(_r._payload, '${duckPath(object)}') as map(varchar, json)))) as _e
    from ${relation} _r
    where json_type(_r._payload, '${duckPath(object)}') = 'OBJECT'
  ) _u
) _x)`;
  }
  const obj = pgAccess('_r._payload', object, false);
  const cols = fields.map((f) => `${f.path.length === 0 ? '_e.value #>> \'{}\'' : `case when jsonb_typeof(_e.value) = 'object' then ${pgAccess('_e.value', f.path, true)} end`} as ${quoteIdent(f.alias)}`);
  return `(select ${[...meta, '_e.key as _key', 'jsonb_typeof(_e.value) as _type', '_e.value #>> \'{}\' as _value', ...cols].join(', ')}
  from ${relation} _r
  cross join lateral jsonb_each(case when jsonb_typeof(${obj}) = 'object' then ${obj} else '{}'::jsonb end) as _e(key, value))`;
}

/**
 * The elements of a JSON array held as text (payload_entries' `_value` of an array), joined with
 * "; " in order; null for anything that is no JSON array (plain text is never parsed).
 */
export function jsonListTextSql(kind: EngineKind, text: string): string {
  if (kind === 'duckdb') {
    return `(case when ltrim(${text}) like '[%' and json_valid(${text}) then nullif(array_to_string(json_extract_string(${text}, '$[*]'), '; '), '') end)`;
  }
  return `(case when ${text} ~ '^\\s*\\[' then (select string_agg(_x.e, '; ' order by _x.o) from jsonb_array_elements_text(cast(${text} as jsonb)) with ordinality as _x(e, o)) end)`;
}
