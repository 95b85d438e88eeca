import { ensureSchema } from '../src/engine/ensure-schema.ts';
import type { BulkColumn, Engine, SqlRunner } from '../src/engine/engine.ts';
import { assertIdentifier, qualified, quoteIdent } from '../src/engine/identifiers.ts';
import { analyzeTable, dialectFor } from './dialects/index.ts';

/** A model's SQL as a statement body: trailing semicolons would end the CREATE early. */
export function body(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

/** swapIn's fill for a model: the new table made from its SQL. */
const createAs = (engine: Engine, sql: string) => (tmp: string) => engine.execCount(`create table ${tmp} as\n${body(sql)}\n`);

/**
 * What each relation in the schemas we build is (table or view), read once per build and kept up
 * to date as models are swapped in, so replacing a relation needs no catalog query each time.
 */
export class RelationKinds {
  readonly #kinds = new Map<string, 'table' | 'view'>();

  static async load(db: SqlRunner, schemas: readonly string[]): Promise<RelationKinds> {
    const out = new RelationKinds();
    const rows = await db.query<{ table_schema: string; table_name: string; table_type: string }>(
      `select table_schema, table_name, table_type from information_schema.tables where table_schema in (${schemas.map((_, i) => `$${i + 1}`).join(', ')})`,
      schemas,
    );
    for (const r of rows) out.set(r.table_schema, r.table_name, r.table_type === 'VIEW' ? 'view' : 'table');
    return out;
  }

  get(schema: string, name: string): 'table' | 'view' | undefined {
    return this.#kinds.get(`${schema}.${name}`);
  }

  set(schema: string, name: string, kind: 'table' | 'view' | undefined): void {
    if (kind) this.#kinds.set(`${schema}.${name}`, kind);
    else this.#kinds.delete(`${schema}.${name}`);
  }
}

/** Drops whatever `schema.name` is (a view or a table), so a model may change materialisation. */
async function dropRelation(db: SqlRunner, kinds: RelationKinds, schema: string, name: string): Promise<void> {
  const kind = kinds.get(schema, name);
  // cascade: Postgres refuses to drop a view other views read; those are rebuilt later in the same run.
  if (kind) await db.exec(`drop ${kind} if exists ${qualified(schema, name)} cascade`);
}

export async function ensureSchemas(engine: Engine, schemas: readonly string[]): Promise<void> {
  for (const s of new Set(schemas)) await ensureSchema(engine, s);
}

/** Replaces a view in one transaction. */
export async function buildView(engine: Engine, kinds: RelationKinds, schema: string, name: string, sql: string): Promise<void> {
  await engine.transaction(async (tx) => {
    await dropRelation(tx, kinds, schema, name);
    await tx.exec(`create view ${qualified(schema, name)} as\n${body(sql)}\n`);
  });
  kinds.set(schema, name, 'view');
}

/**
 * Builds the table under a temporary name, then drops the old one and renames the new one in one
 * transaction: readers see the old table or the new one, never a half-built one, and a failing
 * build leaves the old table untouched. Returns the row count.
 */
export async function buildTable(engine: Engine, kinds: RelationKinds, schema: string, name: string, sql: string): Promise<number> {
  return (await swapIn(engine, kinds, schema, name, createAs(engine, sql))).rows;
}

/** Tables up to this size are compared with what they replace (see buildTableUnlessSame): a few milliseconds. */
const SAME_CHECK_MAX_ROWS = 10_000;

/**
 * buildTable for a model rebuilt from the same SQL: a small table whose new rows equal the old ones
 * (as a multiset) is left as it was and reported `same`, so the build can tell the models downstream
 * that nothing they read changed (early cutoff). `int_connection_activity`, one row per connection,
 * is rebuilt whenever any visit or application changes, and the connection-wide marts that read it
 * as their "now" were rebuilt with it although their "now" had not moved.
 */
export async function buildTableUnlessSame(engine: Engine, kinds: RelationKinds, schema: string, name: string, sql: string): Promise<{ rows: number; same: boolean }> {
  return swapIn(engine, kinds, schema, name, createAs(engine, sql), async (tmp, rows) => {
    if (kinds.get(schema, name) !== 'table' || rows > SAME_CHECK_MAX_ROWS) return false;
    const old = qualified(schema, name);
    // Equal as multisets: as many rows, and none of the new ones missing from the old. An error (a
    // column type without equality, a shape that changed) only means "not known to be the same".
    const same = await engine.query<{ same: boolean }>(dialectFor(engine.kind).sameRows(old, tmp), [rows]).catch(() => []);
    return same[0]?.same === true;
  });
}

/** A table's columns and types, in order. */
async function columnsOf(db: SqlRunner, schema: string, name: string): Promise<string> {
  const rows = await db.query<{ column_name: string; data_type: string }>(
    `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`,
    [schema, name],
  );
  return rows.map((r) => `${r.column_name} ${r.data_type}`).join(', ');
}

/**
 * Rebuilds only the rows of `connections` (whose raw data changed): their rows of the model are
 * built aside, then deleted and re-inserted in the live table in one transaction. Every core table
 * and mart is per connection (each starts with `connection`, none mixes two), so the result equals
 * a full rebuild. A table that does not exist yet, has no `connection` column, or whose columns
 * changed since it was built is built whole instead. Returns the rows rebuilt, or null when it
 * fell back to a full build (whose row count is then returned by buildTable).
 */
export async function buildTablePartition(
  engine: Engine,
  kinds: RelationKinds,
  schema: string,
  name: string,
  sql: string,
  connections: readonly string[],
): Promise<number> {
  if (kinds.get(schema, name) !== 'table') return buildTable(engine, kinds, schema, name, sql);
  // Connection names are validated identifiers, so they can be SQL literals (CREATE TABLE AS takes no parameters).
  const list = connections.map((c) => `'${assertIdentifier(c, 'connection name')}'`).join(', ');
  const partName = `${name}__hl_part`;
  const part = qualified(schema, partName);
  await engine.exec(`drop table if exists ${part}`);
  try {
    const target = await columnsOf(engine, schema, name);
    if (!/^connection /.test(target)) return await buildTable(engine, kinds, schema, name, sql);
    await engine.exec(`create table ${part} as\nselect * from (\n${body(sql)}\n) hl_model where connection in (${list})\n`);
    if ((await columnsOf(engine, schema, partName)) !== target) return await buildTable(engine, kinds, schema, name, sql);
    return await engine.transaction(async (tx) => {
      await tx.exec(`delete from ${qualified(schema, name)} where connection in (${list})`);
      return tx.execCount(`insert into ${qualified(schema, name)} select * from ${part}`);
    });
  } finally {
    await engine.exec(`drop table if exists ${part}`).catch(() => undefined);
  }
}

/** Same swap for tables filled from JS rows (seeds, config inputs). */
export async function loadTable(
  engine: Engine,
  kinds: RelationKinds,
  schema: string,
  name: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
): Promise<number> {
  return (await swapIn(engine, kinds, schema, name, async (tmp, tmpName) => {
    await engine.exec(`create table ${tmp} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type === 'json' ? engine.types.json : c.type}`).join(', ')})`);
    if (rows.length > 0) await engine.transaction((tx) => tx.bulkInsert({ schema, table: tmpName }, columns, rows));
    return rows.length;
  })).rows;
}

/**
 * Fills `name__hl_new` (`fill` returns its row count) and swaps it in; unless `same` finds it equal
 * to the table it would replace, which then stays.
 */
async function swapIn(
  engine: Engine,
  kinds: RelationKinds,
  schema: string,
  name: string,
  fill: (tmp: string, tmpName: string) => Promise<number>,
  same?: (tmp: string, rows: number) => Promise<boolean>,
): Promise<{ rows: number; same: boolean }> {
  const tmpName = `${name}__hl_new`;
  const tmp = qualified(schema, tmpName);
  await engine.exec(`drop table if exists ${tmp}`);
  let rows: number;
  try {
    rows = await fill(tmp, tmpName);
    await analyzeTable(engine, dialectFor(engine.kind), tmp);
    if (same && (await same(tmp, rows))) {
      await engine.exec(`drop table if exists ${tmp}`);
      return { rows, same: true };
    }
  } catch (err) {
    await engine.exec(`drop table if exists ${tmp}`).catch(() => undefined);
    throw err;
  }
  await engine.transaction(async (tx) => {
    await dropRelation(tx, kinds, schema, name);
    await tx.exec(`alter table ${tmp} rename to ${quoteIdent(name)}`);
  });
  kinds.set(schema, name, 'table');
  return { rows, same: false };
}
