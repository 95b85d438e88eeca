import type pg from 'pg';
import { HirelakeError } from '../../src/core/errors.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import type { ExportColumn } from '../model/column.ts';
import { columnList } from '../model/sql.ts';
import type { CsvStream, SourceTable } from '../source/source.ts';
import { copyIn } from './copy-in.ts';
import { copyGrants, createTable, existingColumns, hasDependents, tableCommentOf, writeComments } from './ddl.ts';
import { keyIndexName, loadingKeyIndexName, loadingTableName } from './names.ts';

export interface SwapOptions {
  readonly schema: string;
  /** Merged tables keep a unique index on their key. */
  readonly key?: readonly string[];
  readonly rows: () => Promise<CsvStream>;
}

export interface SwapResult {
  rows: number;
  /** Dependent views or foreign keys kept the table, so it was refilled where it stands. */
  inPlace: boolean;
}

/**
 * Full reload of one table, inside the caller's transaction: load a new table, then drop the old
 * one and rename the new into its place. The new table's shape is the model's, so a new column
 * arrives with no manual step.
 */
export async function swapTable(client: pg.Client, table: SourceTable, opts: SwapOptions): Promise<SwapResult> {
  const { schema } = opts;
  const loading = loadingTableName(table.name);
  await client.query(`drop table if exists ${qualified(schema, loading)}`);
  await createTable(client, schema, loading, table.columns);
  const rows = await copyIn(client, qualified(schema, loading), table.columns.map((c) => c.name), await opts.rows());
  if (opts.key) await client.query(`create unique index ${quoteIdent(loadingKeyIndexName(table.name))} on ${qualified(schema, loading)} (${columnList(opts.key)})`);
  await client.query(`analyze ${qualified(schema, loading)}`);

  const old = await existingColumns(client, schema, table.name);
  const carried = {
    table: old ? await tableCommentOf(client, schema, table.name) : null,
    columns: new Map((old ?? []).map((c) => [c.name, c.comment])),
  };
  if (old && (await hasDependents(client, schema, table.name))) {
    await refillInPlace(client, schema, table, loading);
    await writeComments(client, schema, table.name, table.comment, table.columns, carried);
    return { rows, inPlace: true };
  }
  await writeComments(client, schema, loading, table.comment, table.columns, carried);
  if (old) {
    await copyGrants(client, schema, table.name, loading);
    await client.query(`drop table ${qualified(schema, table.name)}`);
  }
  await client.query(`alter table ${qualified(schema, loading)} rename to ${quoteIdent(table.name)}`);
  if (opts.key) await client.query(`alter index ${qualified(schema, loadingKeyIndexName(table.name))} rename to ${quoteIdent(keyIndexName(table.name))}`);
  return { rows, inPlace: false };
}

/**
 * A table other objects depend on cannot be dropped without dropping them too, which would break
 * whatever someone built on it. Its rows are replaced instead (DELETE, not TRUNCATE, so readers
 * with older snapshots still see the old rows); new columns are added, other shape changes stop.
 */
async function refillInPlace(client: pg.Client, schema: string, table: SourceTable, loading: string): Promise<void> {
  const types = async (name: string) =>
    new Map(
      (
        await client.query<{ name: string; type: string }>(
          `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`,
          [qualified(schema, name)],
        )
      ).rows.map((r) => [r.name, r.type]),
    );
  const [current, next] = [await types(table.name), await types(loading)];
  const gone = [...current.keys()].filter((c) => !next.has(c));
  const retyped = [...next].filter(([c, t]) => current.has(c) && current.get(c) !== t).map(([c]) => c);
  if (gone.length > 0 || retyped.length > 0) {
    const what = [...gone.map((c) => `column ${c} is gone`), ...retyped.map((c) => `column ${c} changed type to ${next.get(c)}`)].join(', ');
    throw new HirelakeError('export', `${schema}.${table.name} has views or foreign keys depending on it and ${what}; it cannot be swapped without dropping them`, `drop or update the dependent views in ${schema}, then export again`);
  }
  for (const c of table.columns as readonly ExportColumn[]) {
    if (!current.has(c.name)) await client.query(`alter table ${qualified(schema, table.name)} add column ${quoteIdent(c.name)} ${c.pgType}`);
  }
  const cols = columnList(table.columns.map((c) => c.name));
  await client.query(`delete from ${qualified(schema, table.name)}`);
  await client.query(`insert into ${qualified(schema, table.name)} (${cols}) select ${cols} from ${qualified(schema, loading)}`);
  await client.query(`drop table ${qualified(schema, loading)}`);
}
