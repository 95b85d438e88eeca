import { ensureSchema } from '../src/engine/ensure-schema.ts';
import type { BulkColumn, Engine, SqlRunner } from '../src/engine/engine.ts';
import { qualified, quoteIdent } from '../src/engine/identifiers.ts';

/** A model's SQL as a statement body: trailing semicolons would end the CREATE early. */
function body(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

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
  return swapIn(engine, kinds, schema, name, async (tmp) => {
    await engine.exec(`create table ${tmp} as\n${body(sql)}\n`);
  });
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
  return swapIn(engine, kinds, schema, name, async (tmp, tmpName) => {
    await engine.exec(`create table ${tmp} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type === 'json' ? engine.types.json : c.type}`).join(', ')})`);
    if (rows.length > 0) await engine.transaction((tx) => tx.bulkInsert({ schema, table: tmpName }, columns, rows));
  });
}

async function swapIn(
  engine: Engine,
  kinds: RelationKinds,
  schema: string,
  name: string,
  fill: (tmp: string, tmpName: string) => Promise<void>,
): Promise<number> {
  const tmpName = `${name}__hl_new`;
  const tmp = qualified(schema, tmpName);
  await engine.exec(`drop table if exists ${tmp}`);
  try {
    await fill(tmp, tmpName);
  } catch (err) {
    await engine.exec(`drop table if exists ${tmp}`).catch(() => undefined);
    throw err;
  }
  const [count] = await engine.query<{ n: number }>(`select count(*) as n from ${tmp}`);
  await engine.transaction(async (tx) => {
    await dropRelation(tx, kinds, schema, name);
    await tx.exec(`alter table ${tmp} rename to ${quoteIdent(name)}`);
  });
  kinds.set(schema, name, 'table');
  return Number(count?.n ?? 0);
}
