import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import type { ExportColumn } from '../model/column.ts';
import { withCatalogComments, type ModelDocs } from '../model/docs.ts';
import { duckReadForPg, duckTypeForPg, pgExprForStage } from '../model/postgres-types.ts';
import type { ModelId, ModelSchema } from '../model/select.ts';
import { col, sqlString } from '../model/sql.ts';
import { destroyClient, PgEndpoint } from '../postgres/client.ts';
import type { CsvStream, DuckSql, ExportSource, RowSelection, SourceTable } from './source.ts';

interface PgColumnRow {
  name: string;
  type: string;
  /** The type to create in a target: built-in types as they are, domains as their base type, others as text. */
  portable_type: string | null;
  is_array: boolean;
  comment: string | null;
}

/**
 * Models in a Postgres engine. Rows leave through `COPY … TO STDOUT` on a session of our own (the
 * engine's pool has no streaming read); Parquet and CSV go through an in-memory DuckDB that
 * reads a staged CSV, since DuckDB is what writes those files.
 */
export class PostgresSource implements ExportSource {
  #scratchDb: DuckDbEngine | undefined;
  #files = 0;

  private constructor(
    readonly engine: Engine,
    private readonly endpoint: PgEndpoint,
    private readonly scratch: string,
    private readonly docs: ModelDocs,
  ) {}

  static async open(engine: Engine, url: string, docs: ModelDocs): Promise<PostgresSource> {
    return new PostgresSource(engine, new PgEndpoint(url), await mkdtemp(join(tmpdir(), 'hirelake-export-')), docs);
  }

  async listModels(): Promise<ModelId[]> {
    const { core, marts } = this.engine.schemas;
    const rows = await this.engine.query<{ schema: string; name: string }>(
      `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ($1, $2) and c.relkind in ('r', 'p', 'v', 'm')`,
      [core, marts],
    );
    return rows.map((r) => ({ schema: (r.schema === core ? 'core' : 'marts') as ModelSchema, name: r.name }));
  }

  async describe(model: ModelId): Promise<SourceTable> {
    const ref = { schema: this.engine.schemas[model.schema], table: model.name };
    const rows = await this.engine.query<PgColumnRow>(
      `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, t.typcategory = 'A' as is_array,
              case when t.typnamespace = 'pg_catalog'::regnamespace then format_type(a.atttypid, a.atttypmod)
                   when t.typtype = 'd' and bt.typnamespace = 'pg_catalog'::regnamespace then format_type(t.typbasetype, t.typtypmod)
              end as portable_type,
              col_description(c.oid, a.attnum) as comment
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_type t on t.oid = a.atttypid
       left join pg_type bt on bt.oid = t.typbasetype
       where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
       order by a.attnum`,
      [ref.schema, ref.table],
    );
    const [table] = await this.engine.query<{ comment: string | null }>(`select obj_description(to_regclass($1), 'pg_class') as comment`, [qualified(ref.schema, ref.table)]);
    const docs = withCatalogComments(this.docs.doc(model, rows.map((r) => r.name)), table?.comment ?? null, new Map(rows.map((r) => [r.name, r.comment])));
    const columns: ExportColumn[] = rows.map((r) => {
      const pgType = r.portable_type ?? 'text';
      return {
        name: r.name,
        sourceType: r.portable_type ?? r.type,
        pgType,
        duckType: duckTypeForPg(pgType, r.is_array),
        comment: docs.column(r.name),
      };
    });
    return { ...model, ref, columns, comment: docs.table };
  }

  async #copyOut(sql: string): Promise<CsvStream> {
    const client = await this.endpoint.connect('export read');
    const stream = client.query(copyTo(`copy (${sql}) to stdout (format csv)`));
    let released = false;
    return {
      stream,
      release: async (ok) => {
        if (released) return;
        released = true;
        if (ok) await client.end().catch(() => undefined);
        else destroyClient(client);
      },
    };
  }

  openPgCsv(table: SourceTable, rows: RowSelection = {}): Promise<CsvStream> {
    const columns = rows.columns ?? table.columns;
    // Non-portable types (enums, custom types) were described as text; cast them to match.
    const exprs = columns.map((c) => (c.sourceType === c.pgType ? col('s', c.name) : `${col('s', c.name)}::text`)).join(', ');
    const from = rows.from ?? `${qualified(table.ref.schema, table.ref.table)} s`;
    return this.#copyOut(`select ${exprs} from ${from}${rows.where ? ` where ${rows.where}` : ''}`);
  }

  async #scratchDuck(): Promise<DuckDbEngine> {
    return (this.#scratchDb ??= await DuckDbEngine.open({ path: ':memory:' }));
  }

  async withDuckRelation<T>(table: SourceTable, fn: (duck: DuckSql, relation: string) => Promise<T>): Promise<T> {
    const file = join(this.scratch, `${table.name}-${++this.#files}.csv`);
    const exprs = table.columns.map((c) => `${pgExprForStage(col('s', c.name), c.sourceType, c.pgType.endsWith('[]'))} as ${quoteIdent(c.name)}`);
    const out = await this.#copyOut(`select ${exprs.join(', ')} from ${qualified(table.ref.schema, table.ref.table)} s`);
    try {
      await pipeline(out.stream, createWriteStream(file));
      await out.release(true);
    } catch (err) {
      await out.release(false);
      await rm(file, { force: true });
      throw err;
    }
    const duck = await this.#scratchDuck();
    const reads = table.columns.map((c) => ({ c, ...duckReadForPg(col('s', c.name), c.duckType) }));
    const columns = `{${reads.map((r) => `${sqlString(r.c.name)}: ${sqlString(r.readAs)}`).join(', ')}}`;
    const view = `staged_${this.#files}`;
    try {
      await duck.exec(
        `create view ${view} as select ${reads.map((r) => `${r.expr}::${r.c.duckType} as ${quoteIdent(r.c.name)}`).join(', ')}
         from read_csv(${sqlString(file)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
                       allow_quoted_nulls = false, max_line_size = 16777216, columns = ${columns}) s`,
      );
      return await fn(duck, view);
    } finally {
      await duck.exec(`drop view if exists ${view}`);
      await rm(file, { force: true });
    }
  }

  /** 64 bits of hash over the row's text form (unambiguous: Postgres quotes commas and parentheses in it). */
  rowHashExpr(table: SourceTable, alias: string): string {
    return `hashtextextended(row(${table.columns.map((c) => col(alias, c.name)).join(', ')})::text, 0)`;
  }

  async close(): Promise<void> {
    await this.#scratchDb?.close();
    await rm(this.scratch, { recursive: true, force: true });
  }
}
