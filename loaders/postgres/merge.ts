import type pg from 'pg';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import type { ExportColumn } from '../model/column.ts';
import { columnList } from '../model/sql.ts';
import type { CsvStream, SourceTable } from '../source/source.ts';
import { copyIn } from './copy-in.ts';
import { existingColumns, tableCommentOf, writeComments } from './ddl.ts';

export interface MergeOptions {
  readonly schema: string;
  readonly key: readonly string[];
  /** Rows that are new or changed since the last export. */
  readonly changed: () => Promise<CsvStream>;
  /** Keys that were exported last time and are gone now. */
  readonly deleted: () => Promise<CsvStream>;
  /** Rows the table held after the last export (its state row). */
  readonly rowsBefore: number;
}

export interface MergeResult {
  rows: number;
  changed: number;
  deleted: number;
}

const CHANGED = '_hl_changed';
const DELETED = '_hl_deleted';

function tempTable(client: pg.Client, name: string, columns: readonly ExportColumn[]): Promise<unknown> {
  return client.query(`create temp table ${quoteIdent(name)} (${columns.map((c) => `${quoteIdent(c.name)} ${c.pgType}`).join(', ')}) on commit drop`);
}

/**
 * Applies one export's changes to a table by key, inside the caller's transaction: readers see
 * the table before or after, never between (MVCC), and only the changed rows travel.
 */
export async function mergeTable(client: pg.Client, table: SourceTable, opts: MergeOptions): Promise<MergeResult> {
  const target = qualified(opts.schema, table.name);
  const keyCols = opts.key.map((k) => table.columns.find((c) => c.name === k)!);
  const match = (alias: string) => opts.key.map((k) => `t.${quoteIdent(k)} = ${alias}.${quoteIdent(k)}`).join(' and ');
  await tempTable(client, CHANGED, table.columns);
  const changed = await copyIn(client, quoteIdent(CHANGED), table.columns.map((c) => c.name), await opts.changed());
  await tempTable(client, DELETED, keyCols);
  const deleted = await copyIn(client, quoteIdent(DELETED), opts.key, await opts.deleted());
  const replaced = await client.query(`delete from ${target} t using ${quoteIdent(CHANGED)} c where ${match('c')}`);
  const removed = await client.query(`delete from ${target} t using ${quoteIdent(DELETED)} d where ${match('d')}`);
  const cols = columnList(table.columns.map((c) => c.name));
  await client.query(`insert into ${target} (${cols}) select ${cols} from ${quoteIdent(CHANGED)}`);
  // Docs may have changed even when the rows did not; comments written in the warehouse stay.
  const old = (await existingColumns(client, opts.schema, table.name)) ?? [];
  await writeComments(client, opts.schema, table.name, table.comment, table.columns, {
    table: await tableCommentOf(client, opts.schema, table.name),
    columns: new Map(old.map((c) => [c.name, c.comment])),
  });
  // Counted from what the statements did, not with a count(*) over the whole table.
  return { rows: opts.rowsBefore - (replaced.rowCount ?? 0) - (removed.rowCount ?? 0) + changed, changed, deleted };
}
