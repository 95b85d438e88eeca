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
    const extract = fields.length === 0 ? '' : `, json_extract_string(_e, [${fields.map((f) => `'${duckPath(f.path)}'`).join(', ')}]) as _j`;
    const plain = [...RAW_META_COLUMNS, ...keep];
    // The array read straight into a LIST and unnested beside its subscripts: json_each's lateral
    // join took 13–15× as long (900k elements of 200k payloads: 5.9–7.9 s vs 0.4–0.5 s; a script).
    return `(select ${[...plain, '_index', ...cols].join(', ')} from (
  select ${plain.join(', ')}, cast(_i - 1 as integer) as _index${extract}
  from (
    select ${plain.join(', ')}, unnest(_a) as _e, generate_subscripts(_a, 1) as _i
    from (select ${meta.join(', ')}, ${duckJsonAt('_r._payload', array, 'JSON[]')} as _a from ${relation} _r) _l
  ) _u
) _x)`;
  }
  const list = pgAccess('_r._payload', array, false);
  const cols = fields.map((f) => `${f.path.length === 0 ? '_e.value #>> \'{}\'' : pgAccess('_e.value', f.path, true)} as ${quoteIdent(f.alias)}`);
  return `(select ${[...meta, 'cast(_e.ord - 1 as integer) as _index', ...cols].join(', ')}
  from ${relation} _r
  cross join lateral jsonb_array_elements(case when jsonb_typeof(${list}) = 'array' then ${list} else '[]'::jsonb end) with ordinality as _e(value, ord))`;
}

/**
 * A JSON value's type, from the first character of its text as DuckDB writes it (minified: the
 * values of a JSON object read into a MAP), in one spelling on both engines: object, array,
 * string, number, boolean, null. Reading the text instead of parsing it again (json_type) took a
 * sixth off the entries of 106k applications' custom fields (850k entries; a script).
 */
function duckJsonType(text: string): string {
  // JSON null is a SQL null there.
  return `(case coalesce(left(${text}, 1), 'n') when '{' then 'object' when '[' then 'array' when '"' then 'string' when 't' then 'boolean' when 'f' then 'boolean' when 'n' then 'null' else 'number' end)`;
}

/**
 * The value at `path` of each payload read as `type` (a MAP(VARCHAR, JSON) for an object, a JSON[]
 * for an array): null where it is missing or of another JSON type. from_json reads it straight into
 * that type, several times faster than extracting its text and casting it (106k applications'
 * custom fields into a MAP: 230 vs 680–840 ms; a script). A path through an array index takes
 * json_extract.
 */
function duckJsonAt(payload: string, path: readonly (string | number)[], type: 'MAP(VARCHAR, JSON)' | 'JSON[]'): string {
  if (path.some((p) => typeof p === 'number')) {
    const jsonType = type === 'JSON[]' ? 'ARRAY' : 'OBJECT';
    return `(case when json_type(${payload}, '${duckPath(path)}') = '${jsonType}' then cast(json_extract(${payload}, '${duckPath(path)}') as ${type}) end)`;
  }
  const keys = path as readonly string[];
  const spec = keys.reduceRight<string>((inner, key) => `{"${key}":${inner}}`, `"${type}"`);
  return keys.reduce((acc, key) => `struct_extract(${acc}, '${key}')`, `from_json(${payload}, '${spec}')`);
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
    // Each value parsed once: `_value` is the first path of one multi-path extraction.
    const cols = fields.map((f, i) => `_j[${i + 2}] as ${quoteIdent(f.alias)}`);
    const paths = ["'$'", ...fields.map((f) => `'${duckPath(f.path)}'`)].join(', ');
    return `(select ${[...RAW_META_COLUMNS, '_key', `${duckJsonType('_text')} as _type`, '_j[1] as _value', ...cols].join(', ')} from (
  select ${RAW_META_COLUMNS.join(', ')}, (_e).key as _key, cast((_e).value as varchar) as _text, json_extract_string((_e).value, [${paths}]) as _j
  from (
    select ${meta.join(', ')}, unnest(map_entries(${duckJsonAt('_r._payload', object, 'MAP(VARCHAR, JSON)')})) as _e
    from ${relation} _r
  ) _u
) _v)`;
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
