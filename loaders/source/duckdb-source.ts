import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import type { ExportColumn } from '../model/column.ts';
import { withCatalogComments, type ModelDocs } from '../model/docs.ts';
import { duckExprForPg, pgTypeForDuck } from '../model/duckdb-types.ts';
import type { ModelId, ModelSchema } from '../model/select.ts';
import { col, sqlString } from '../model/sql.ts';
import type { CsvStream, DuckSql, ExportSource, RowSelection, SourceTable } from './source.ts';

/** Rows per slice: big enough that per-statement cost vanishes, small enough to overlap well. */
const SLICE_ROWS = 200_000;

/**
 * Models in a DuckDB engine. The Engine face reads whole results into JS, so rows leave through
 * DuckDB's own COPY into a scratch file (multi-threaded, C++), which is then streamed.
 */
export class DuckDbSource implements ExportSource {
  #files = 0;

  private constructor(
    readonly engine: Engine,
    private readonly scratch: string,
    private readonly docs: ModelDocs,
  ) {}

  static async open(engine: Engine, docs: ModelDocs): Promise<DuckDbSource> {
    return new DuckDbSource(engine, await mkdtemp(join(tmpdir(), 'hirelake-export-')), docs);
  }

  async listModels(): Promise<ModelId[]> {
    const { core, marts } = this.engine.schemas;
    const rows = await this.engine.query<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables
       where table_catalog = current_database() and table_schema in ($1, $2)`,
      [core, marts],
    );
    return rows.map((r) => ({ schema: (r.table_schema === core ? 'core' : 'marts') as ModelSchema, name: r.table_name }));
  }

  async describe(model: ModelId): Promise<SourceTable> {
    const ref = { schema: this.engine.schemas[model.schema], table: model.name };
    const cols = await this.engine.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
       where table_catalog = current_database() and table_schema = $1 and table_name = $2 order by ordinal_position`,
      [ref.schema, ref.table],
    );
    const comments = new Map(
      (await this.engine.query<{ column_name: string; comment: string | null }>(
        `select column_name, comment from duckdb_columns() where database_name = current_database() and schema_name = $1 and table_name = $2`,
        [ref.schema, ref.table],
      )).map((r) => [r.column_name, r.comment || null]),
    );
    const [table] = await this.engine.query<{ comment: string | null }>(
      `select comment from duckdb_tables() where database_name = current_database() and schema_name = $1 and table_name = $2
       union all select comment from duckdb_views() where database_name = current_database() and schema_name = $1 and view_name = $2`,
      [ref.schema, ref.table],
    );
    const docs = withCatalogComments(this.docs.doc(model, cols.map((c) => c.column_name)), table?.comment || null, comments);
    const columns: ExportColumn[] = cols.map((c) => ({
      name: c.column_name,
      sourceType: c.data_type,
      pgType: pgTypeForDuck(c.data_type),
      duckType: c.data_type,
      comment: docs.column(c.column_name),
    }));
    return { ...model, ref, columns, comment: docs.table };
  }

  async openPgCsv(table: SourceTable, rows: RowSelection = {}): Promise<CsvStream> {
    const columns = rows.columns ?? table.columns;
    const exprs = columns.map((c) => `${duckExprForPg(col('s', c.name), c.sourceType)} as ${quoteIdent(c.name)}`).join(', ');
    const from = rows.from ?? `${qualified(table.ref.schema, table.ref.table)} s`;
    // A lone `\.` line ends COPY data; only a one-column row can be exactly that, so quote those.
    const quote = columns.length === 1 ? ', FORCE_QUOTE *' : '';
    const slices = rows.from === undefined && rows.where === undefined ? await this.#rowidSlices(table) : [null];
    const files: string[] = [];
    const write = (slice: string | null): Promise<unknown> => {
      const file = join(this.scratch, `${table.name}-${++this.#files}.csv`);
      files.push(file);
      const where = [rows.where, slice].filter(Boolean).join(' and ');
      const done = this.engine.query(`copy (select ${exprs} from ${from}${where ? ` where ${where}` : ''}) to ${sqlString(file)} (format csv, header false${quote})`);
      done.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      return done;
    };
    let inFlight: Promise<unknown> | null = null;
    async function* chunks(): AsyncGenerator<Buffer> {
      let next = (inFlight = write(slices[0]!));
      for (let i = 0; i < slices.length; i++) {
        await next;
        // DuckDB writes the next slice on its own threads while this one streams to the target.
        if (i + 1 < slices.length) inFlight = next = write(slices[i + 1]!);
        for await (const buf of createReadStream(files[i]!, { highWaterMark: 1 << 20 })) yield buf as Buffer;
        await rm(files[i]!, { force: true });
      }
    }
    const stream = Readable.from(chunks(), { objectMode: false });
    return {
      stream,
      release: async () => {
        stream.destroy();
        await (inFlight as Promise<unknown> | null)?.catch(() => undefined);
        await Promise.all(files.map((f) => rm(f, { force: true })));
      },
    };
  }

  /**
   * Row-id ranges of a base table, so its rows leave in slices: the target loads one while DuckDB
   * writes the next, and the scratch disk holds two slices, not the table. Views read in one go.
   */
  async #rowidSlices(table: SourceTable): Promise<(string | null)[]> {
    const [kind] = await this.engine.query<{ table_type: string }>(
      `select table_type from information_schema.tables where table_catalog = current_database() and table_schema = $1 and table_name = $2`,
      [table.ref.schema, table.ref.table],
    );
    if (kind?.table_type !== 'BASE TABLE') return [null];
    const [range] = await this.engine.query<{ top: number | null }>(`select max(rowid) as top from ${qualified(table.ref.schema, table.ref.table)}`);
    const top = Number(range?.top ?? -1);
    if (top < SLICE_ROWS) return [null];
    const slices: string[] = [];
    for (let from = 0; from <= top; from += SLICE_ROWS) slices.push(`s.rowid >= ${from} and s.rowid < ${from + SLICE_ROWS}`);
    return slices;
  }

  withDuckRelation<T>(table: SourceTable, fn: (duck: DuckSql, relation: string) => Promise<T>): Promise<T> {
    return fn(this.engine, qualified(table.ref.schema, table.ref.table));
  }

  /**
   * DuckDB's own 64-bit hash: three times faster than md5 of the row as JSON. Should a DuckDB
   * upgrade change it, every row looks changed once and the table is simply reloaded.
   */
  rowHashExpr(table: SourceTable, alias: string): string {
    return `hash(${table.columns.map((c) => col(alias, c.name)).join(', ')})`;
  }

  async close(): Promise<void> {
    await rm(this.scratch, { recursive: true, force: true });
  }
}
