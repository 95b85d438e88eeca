import type { BulkColumn, Engine, TableRef } from '../engine/engine.ts';
import { CATALOG_LOCK, ensureSchema } from '../engine/ensure-schema.ts';
import { assertIdentifier, qualified, quoteIdent } from '../engine/identifiers.ts';

/**
 * The raw zone: one append-only table per vendor stream (`raw.<source>__<stream>`), each row one
 * version of a source record exactly as the API sent it, plus the metadata needed to rebuild
 * history. Nothing here is ever updated or deleted.
 */
export const RAW_COLUMNS: readonly BulkColumn[] = [
  { name: '_connection', type: 'text' },
  { name: '_record_id', type: 'text' },
  { name: '_updated_at', type: 'timestamptz' },
  { name: '_extracted_at', type: 'timestamptz' },
  { name: '_run_id', type: 'text' },
  { name: '_deleted', type: 'boolean' },
  { name: '_payload', type: 'json' },
];

export function rawTableRef(engine: Engine, source: string, stream: string): TableRef {
  return {
    schema: engine.schemas.raw,
    table: `${assertIdentifier(source, 'source name')}__${assertIdentifier(stream, 'stream name')}`,
  };
}

/** The view staging models read: the newest version of each record (tombstones included, flagged). */
export function latestViewRef(table: TableRef): TableRef {
  return { schema: table.schema, table: `${table.table}__latest` };
}

/** Raw tables this engine has already ensured: each process pays the catalog work once per table. */
const ensured = new WeakMap<Engine, Map<string, Promise<void>>>();

/**
 * Creates the raw table and its latest view when missing (and refreshes the view's definition).
 * Safe under any number of concurrent connections and processes: the statements run in one
 * transaction holding the `catalog` lock, since Postgres's `create … if not exists` checks before it
 * locks and two racing creators fail on pg_type's unique index, and two `create or replace view`s
 * fail with "tuple concurrently updated".
 */
export function ensureRawTable(engine: Engine, table: TableRef): Promise<void> {
  let done = ensured.get(engine);
  if (!done) ensured.set(engine, (done = new Map()));
  const key = `${table.schema}.${table.table}`;
  let p = done.get(key);
  if (!p) {
    p = createRawTable(engine, table);
    done.set(key, p);
    p.catch(() => done.delete(key));
  }
  return p;
}

async function createRawTable(engine: Engine, table: TableRef): Promise<void> {
  const cols = RAW_COLUMNS.map((c) => {
    const type = c.type === 'json' ? engine.types.json : c.type;
    const nullable = c.name === '_updated_at' ? '' : ' not null';
    return `${quoteIdent(c.name)} ${type}${nullable}`;
  }).join(',\n  ');
  const view = latestViewRef(table);
  await engine.transaction(async (tx) => {
    await tx.lock(CATALOG_LOCK);
    await ensureSchema(tx, table.schema);
    await tx.exec(`create table if not exists ${qualified(table.schema, table.table)} (\n  ${cols}\n)`);
    // Pages land in time order, so a block-range index on the landing time is tiny and cheap to keep,
    // and lets a build read only the versions landed since the last one.
    if (engine.landingTimeIndex) {
      await tx.exec(`create index if not exists ${quoteIdent(`${table.table}__extracted_at`)} on ${qualified(table.schema, table.table)} using brin (_extracted_at)`);
    }
    await tx.exec(`create or replace view ${qualified(view.schema, view.table)} as
select ${RAW_COLUMNS.map((c) => c.name).join(', ')}
from ${rankedVersions(qualified(table.schema, table.table))} versions
where _version_rank = 1`);
  });
}

/**
 * `<columns>` of `table` (which must include the metadata columns the ranking reads) plus
 * `_version_rank`: each record's versions ranked newest first (1 = the latest), as a parenthesised
 * derived table. The latest-version view and the transforms'
 * DuckDB reader both rank with it, so they always agree.
 *
 * The source's own updated time decides first, so an older version re-read later (lookback
 * windows, resumed runs) never wins; the landing sequence (`_extracted_at`) breaks ties, and a
 * tombstone wins a tie with its live twin. But when any version of a record has no usable updated
 * time (absent, or a value that is no timestamp), comparing updated times would rank those
 * versions below every dated one forever, however new; such a record's versions are ranked by
 * landing sequence alone.
 */
export function rankedVersions(table: string, columns = '*'): string {
  return `(select r.*, row_number() over (
    partition by _connection, _record_id
    order by case when _all_dated then _updated_at end desc nulls last, _extracted_at desc, _deleted desc
  ) as _version_rank
  from (select ${columns}, bool_and(_updated_at is not null) over (partition by _connection, _record_id) as _all_dated from ${table}) r)`;
}
