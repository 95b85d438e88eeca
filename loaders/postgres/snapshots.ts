import { createHash } from 'node:crypto';
import { HirelakeError } from '../../src/core/errors.ts';
import type { Engine, TableRef } from '../../src/engine/engine.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import { tableExists } from '../../src/engine/table-exists.ts';
import type { ExportColumn } from '../model/column.ts';
import { modelKey } from '../model/select.ts';
import { col, columnList } from '../model/sql.ts';
import type { ExportSource, RowSelection, SourceTable } from '../source/source.ts';

const HASH = '_hl_hash';
const STATE = 'export_merge_state';

/**
 * Change detection for merged tables, kept in the engine's metadata schema: a snapshot of
 * (key, row hash) as of the last export to this target. Comparing it with the model finds the
 * rows that changed and the keys that disappeared, whatever the model's columns are, without
 * asking models for an "updated at" they may not have.
 *
 * The snapshot is promoted only after the target committed. If that step is lost, the run ids of
 * the two sides disagree next time and the table is reloaded whole, so a lost step costs time,
 * never correctness.
 */
export class MergeSnapshots {
  constructor(
    private readonly engine: Engine,
    private readonly source: ExportSource,
    private readonly exportName: string,
  ) {}

  #refs(table: SourceTable): { current: TableRef; next: TableRef } {
    const id = createHash('sha1').update(`${this.exportName}\0${modelKey(table)}`).digest('hex').slice(0, 12);
    const schema = this.engine.schemas.meta;
    return { current: { schema, table: `export_hashes_${id}` }, next: { schema, table: `export_hashes_${id}_next` } };
  }

  async #ensureState(): Promise<void> {
    const meta = quoteIdent(this.engine.schemas.meta);
    await this.engine.exec(`create schema if not exists ${meta}`);
    await this.engine.exec(`create table if not exists ${meta}.${STATE} (
      export_name text not null,
      table_name text not null,
      run_id text not null,
      key_columns text not null,
      hash_table text not null,
      updated_at timestamptz not null,
      primary key (export_name, table_name)
    )`);
  }

  /** The run whose export the current snapshot describes, if it describes this key. */
  async lastRun(table: SourceTable, key: readonly string[]): Promise<string | null> {
    await this.#ensureState();
    const [row] = await this.engine.query<{ run_id: string; key_columns: string }>(
      `select run_id, key_columns from ${qualified(this.engine.schemas.meta, STATE)} where export_name = $1 and table_name = $2`,
      [this.exportName, modelKey(table)],
    );
    if (!row || row.key_columns !== key.join(',')) return null;
    const { current } = this.#refs(table);
    return (await tableExists(this.engine, current)) ? row.run_id : null;
  }

  /** Hashes the model as it is now; fails on a key that is not unique or has nulls. */
  async snapshot(table: SourceTable, key: readonly string[]): Promise<void> {
    const { next } = this.#refs(table);
    const keys = key.map((k) => col('s', k)).join(', ');
    await this.engine.exec(`drop table if exists ${qualified(next.schema, next.table)}`);
    await this.engine.exec(
      `create table ${qualified(next.schema, next.table)} as
       select ${keys}, ${this.source.rowHashExpr(table, 's')} as ${HASH} from ${qualified(table.ref.schema, table.ref.table)} s`,
    );
    const [bad] = await this.engine.query<{ dups: number; nulls: number }>(
      `select (select count(*) from (select 1 from ${qualified(next.schema, next.table)} group by ${columnList(key)} having count(*) > 1) d) as dups,
              (select count(*) from ${qualified(next.schema, next.table)} where ${key.map((k) => `${quoteIdent(k)} is null`).join(' or ')}) as nulls`,
    );
    if (Number(bad?.dups) > 0 || Number(bad?.nulls) > 0) {
      await this.discard(table);
      throw new HirelakeError(
        'export',
        `${modelKey(table)}: the merge key (${key.join(', ')}) is not a key: ${Number(bad?.dups)} values repeat and ${Number(bad?.nulls)} rows have nulls in it`,
        'fix the key under exports[].merge, or drop the table from merge so it is swapped whole',
      );
    }
  }

  /** How many of the snapshot's rows are new or changed, and how many it has. */
  async countChanged(table: SourceTable, key: readonly string[]): Promise<{ changed: number; total: number }> {
    const { current, next } = this.#refs(table);
    const on = key.map((k) => `${col('p', k)} = ${col('n', k)}`).join(' and ');
    const [row] = await this.engine.query<{ changed: number; total: number }>(
      `select count(*) filter (where not exists (select 1 from ${qualified(current.schema, current.table)} p where ${on} and p.${HASH} = n.${HASH})) as changed,
              count(*) as total
       from ${qualified(next.schema, next.table)} n`,
    );
    return { changed: Number(row?.changed ?? 0), total: Number(row?.total ?? 0) };
  }

  /** Rows whose (key, hash) is not in the last export's snapshot: new or changed. */
  changedRows(table: SourceTable, key: readonly string[]): RowSelection {
    const { current, next } = this.#refs(table);
    const on = (a: string, b: string) => key.map((k) => `${col(a, k)} = ${col(b, k)}`).join(' and ');
    return {
      from: `${qualified(table.ref.schema, table.ref.table)} s join ${qualified(next.schema, next.table)} n on ${on('s', 'n')}`,
      where: `not exists (select 1 from ${qualified(current.schema, current.table)} p where ${on('p', 'n')} and p.${HASH} = n.${HASH})`,
    };
  }

  /** Keys in the last export's snapshot that the model no longer has. */
  deletedKeys(table: SourceTable, key: readonly string[]): RowSelection {
    const { current, next } = this.#refs(table);
    const columns = key.map((k) => table.columns.find((c) => c.name === k)!) as ExportColumn[];
    return {
      from: `${qualified(current.schema, current.table)} s`,
      where: `not exists (select 1 from ${qualified(next.schema, next.table)} n where ${key.map((k) => `${col('n', k)} = ${col('s', k)}`).join(' and ')})`,
      columns,
    };
  }

  /** After the target committed: the new snapshot becomes the one the next export compares with. */
  async promote(table: SourceTable, key: readonly string[], runId: string): Promise<void> {
    const { current, next } = this.#refs(table);
    await this.engine.transaction(async (tx) => {
      await tx.exec(`drop table if exists ${qualified(current.schema, current.table)}`);
      await tx.exec(`alter table ${qualified(next.schema, next.table)} rename to ${quoteIdent(current.table)}`);
      await tx.exec(`delete from ${qualified(this.engine.schemas.meta, STATE)} where export_name = $1 and table_name = $2`, [this.exportName, modelKey(table)]);
      await tx.exec(
        `insert into ${qualified(this.engine.schemas.meta, STATE)} (export_name, table_name, run_id, key_columns, hash_table, updated_at) values ($1, $2, $3, $4, $5, $6)`,
        [this.exportName, modelKey(table), runId, key.join(','), current.table, new Date()],
      );
    });
  }

  async discard(table: SourceTable): Promise<void> {
    const { next } = this.#refs(table);
    await this.engine.exec(`drop table if exists ${qualified(next.schema, next.table)}`);
  }
}
