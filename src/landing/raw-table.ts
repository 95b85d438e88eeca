import type { BulkColumn, Engine, TableRef } from '../engine/engine.ts';
import { ensureSchema } from '../engine/ensure-schema.ts';
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

export async function ensureRawTable(engine: Engine, table: TableRef): Promise<void> {
  await ensureSchema(engine, table.schema);
  const cols = RAW_COLUMNS.map((c) => {
    const type = c.type === 'json' ? engine.types.json : c.type;
    const nullable = c.name === '_updated_at' ? '' : ' not null';
    return `${quoteIdent(c.name)} ${type}${nullable}`;
  }).join(',\n  ');
  await engine.exec(`create table if not exists ${qualified(table.schema, table.table)} (\n  ${cols}\n)`);
  const view = latestViewRef(table);
  // Ordering by the source's own updated time first keeps the newest version even when an older
  // one is re-read later (lookback windows, resumed runs); extraction time breaks ties.
  await engine.exec(`create or replace view ${qualified(view.schema, view.table)} as
select _connection, _record_id, _updated_at, _extracted_at, _run_id, _deleted, _payload
from (
  select r.*, row_number() over (
    partition by _connection, _record_id
    order by _updated_at desc nulls last, _extracted_at desc, _deleted desc
  ) as _version_rank
  from ${qualified(table.schema, table.table)} r
) versions
where _version_rank = 1`);
}
