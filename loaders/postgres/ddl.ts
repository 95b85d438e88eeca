import type pg from 'pg';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import type { ExportColumn } from '../model/column.ts';

export async function createTable(client: pg.Client, schema: string, table: string, columns: readonly ExportColumn[]): Promise<void> {
  const cols = columns.map((c) => `${quoteIdent(c.name)} ${c.pgType}`).join(',\n  ');
  await client.query(`create table ${qualified(schema, table)} (\n  ${cols}\n)`);
}

export interface ExistingColumn {
  name: string;
  comment: string | null;
}

export async function existingColumns(client: pg.Client, schema: string, table: string): Promise<ExistingColumn[] | null> {
  const { rows } = await client.query<{ name: string; comment: string | null }>(
    `select a.attname as name, col_description(a.attrelid, a.attnum) as comment
     from pg_attribute a where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [qualified(schema, table)],
  );
  const { rows: exists } = await client.query(`select to_regclass($1) is not null as ok`, [qualified(schema, table)]);
  return exists[0]?.ok ? rows : null;
}

/**
 * Comments from the model docs; where a model documents nothing, a comment someone wrote in the
 * warehouse (`carried`) is kept rather than wiped by the nightly swap.
 */
export async function writeComments(
  client: pg.Client,
  schema: string,
  table: string,
  tableComment: string | null,
  columns: readonly ExportColumn[],
  carried: { table: string | null; columns: ReadonlyMap<string, string | null> },
): Promise<void> {
  const target = qualified(schema, table);
  const tc = tableComment ?? carried.table;
  if (tc) await client.query(`comment on table ${target} is ${client.escapeLiteral(tc)}`);
  for (const c of columns) {
    const text = c.comment ?? carried.columns.get(c.name) ?? null;
    if (text) await client.query(`comment on column ${target}.${quoteIdent(c.name)} is ${client.escapeLiteral(text)}`);
  }
}

export async function tableCommentOf(client: pg.Client, schema: string, table: string): Promise<string | null> {
  const { rows } = await client.query<{ c: string | null }>(`select obj_description(to_regclass($1), 'pg_class') as c`, [qualified(schema, table)]);
  return rows[0]?.c ?? null;
}

/** Re-issues the old table's grants on its replacement; a swap must not lock BI users out. */
export async function copyGrants(client: pg.Client, schema: string, from: string, to: string): Promise<void> {
  const { rows } = await client.query<{ grantee: string | null; privilege: string; grantable: boolean }>(
    `select case when a.grantee = 0 then null else r.rolname end as grantee, a.privilege_type as privilege, a.is_grantable as grantable
     from pg_class c cross join lateral aclexplode(c.relacl) a left join pg_roles r on r.oid = a.grantee
     where c.oid = to_regclass($1) and a.grantee <> c.relowner`,
    [qualified(schema, from)],
  );
  for (const g of rows) {
    const grantee = g.grantee === null ? 'public' : quoteIdent(g.grantee);
    // privilege_type is one of Postgres's fixed keywords (SELECT, INSERT, …).
    await client.query(`grant ${g.privilege} on ${qualified(schema, to)} to ${grantee}${g.grantable ? ' with grant option' : ''}`);
  }
}

/** Views and foreign keys on a table stop a DROP; such a table is refilled in place instead. */
export async function hasDependents(client: pg.Client, schema: string, table: string): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `select (select count(*) from pg_depend d join pg_rewrite r on r.oid = d.objid
             where d.classid = 'pg_rewrite'::regclass and d.refobjid = to_regclass($1) and r.ev_class <> d.refobjid)
          + (select count(*) from pg_constraint where confrelid = to_regclass($1) and conrelid <> confrelid) as n`,
    [qualified(schema, table)],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}
