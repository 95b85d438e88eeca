import type pg from 'pg';
import { qualified } from '../../src/engine/identifiers.ts';

/** What the target knows of each table's last export: the merge path checks it before merging. */
export interface TargetTableState {
  table_name: string;
  source: string;
  mode: 'swap' | 'merge';
  run_id: string;
  exported_at: Date;
  rows: number;
  changed_rows: number | null;
  deleted_rows: number | null;
  columns: string;
  merge_key: string | null;
}

export const STATE_TABLE = '_hirelake_exports';

export async function ensureStateTable(client: pg.Client, schema: string): Promise<void> {
  await client.query(`create table if not exists ${qualified(schema, STATE_TABLE)} (
    table_name text primary key,
    source text not null,
    mode text not null,
    run_id text not null,
    exported_at timestamptz not null,
    rows bigint not null,
    changed_rows bigint,
    deleted_rows bigint,
    columns text not null,
    merge_key text
  )`);
  await client.query(`comment on table ${qualified(schema, STATE_TABLE)} is 'hirelake: the last export of each table in this schema (written in the same transaction as the table)'`);
}

export async function readState(client: pg.Client, schema: string, table: string): Promise<TargetTableState | null> {
  const { rows } = await client.query<TargetTableState>(`select * from ${qualified(schema, STATE_TABLE)} where table_name = $1`, [table]);
  return rows[0] ?? null;
}

/** Runs inside the table's load transaction, so the state can never claim a load that rolled back. */
export async function writeState(client: pg.Client, schema: string, s: Omit<TargetTableState, 'exported_at'>): Promise<void> {
  await client.query(
    `insert into ${qualified(schema, STATE_TABLE)} (table_name, source, mode, run_id, exported_at, rows, changed_rows, deleted_rows, columns, merge_key)
     values ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9)
     on conflict (table_name) do update set source = excluded.source, mode = excluded.mode, run_id = excluded.run_id,
       exported_at = excluded.exported_at, rows = excluded.rows, changed_rows = excluded.changed_rows,
       deleted_rows = excluded.deleted_rows, columns = excluded.columns, merge_key = excluded.merge_key`,
    [s.table_name, s.source, s.mode, s.run_id, s.rows, s.changed_rows, s.deleted_rows, s.columns, s.merge_key],
  );
}
