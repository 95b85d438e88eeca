import {
  CompiledQuery,
  PostgresAdapter,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type SchemaMetadata,
  type TableMetadata,
  type TransactionSettings,
} from 'kysely';

/**
 * What the dialect needs from the engine: run one statement on the engine's connection.
 * The engine owns the connection and its locking; the dialect only translates.
 */
export interface DuckStatementRunner {
  rows(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

class DuckConnection implements DatabaseConnection {
  constructor(readonly runner: DuckStatementRunner) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const rows = (await this.runner.rows(query.sql, query.parameters)) as R[];
    const kind = query.query.kind;
    const isWrite = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode';
    // DuckDB answers a write without RETURNING with one row holding the affected count.
    if (isWrite && !('returning' in query.query && query.query.returning)) {
      const count = rows[0] ? Object.values(rows[0] as object)[0] : 0;
      return { rows: [], numAffectedRows: BigInt(Number(count ?? 0)) };
    }
    return { rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the DuckDB dialect');
  }
}

class DuckDriver implements Driver {
  readonly #conn: DuckConnection;
  constructor(runner: DuckStatementRunner) {
    this.#conn = new DuckConnection(runner);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#conn;
  }
  // Transactions are opened by the engine (it holds the connection lock for their length),
  // so Kysely's own transaction API is not offered on this dialect.
  async beginTransaction(_c: DatabaseConnection, _s: TransactionSettings): Promise<void> {
    throw new Error('use Engine.transaction() for DuckDB transactions');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

class DuckAdapter extends PostgresAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class DuckIntrospector implements DatabaseIntrospector {
  constructor(readonly runner: DuckStatementRunner) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await this.runner.rows('select schema_name from information_schema.schemata', []);
    return rows.map((r) => ({ name: String(r['schema_name']) }));
  }

  async getTables(): Promise<TableMetadata[]> {
    const rows = await this.runner.rows(
      `select c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable, c.column_default
         from information_schema.columns c
         join information_schema.tables t using (table_schema, table_name)
        order by c.table_schema, c.table_name, c.ordinal_position`,
      [],
    );
    const tables = new Map<string, TableMetadata>();
    for (const r of rows) {
      const key = `${r['table_schema']}.${r['table_name']}`;
      let t = tables.get(key);
      if (!t) {
        t = { schema: String(r['table_schema']), name: String(r['table_name']), isView: r['table_type'] === 'VIEW', columns: [] };
        tables.set(key, t);
      }
      (t.columns as unknown[]).push({
        name: String(r['column_name']),
        dataType: String(r['data_type']),
        isNullable: r['is_nullable'] === 'YES',
        hasDefaultValue: r['column_default'] != null,
        isAutoIncrementing: false,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/**
 * A Kysely dialect over `@duckdb/node-api`, in Kysely's driver/adapter/compiler shape.
 * DuckDB speaks Postgres' `$n` parameters and double-quoted identifiers, so the Postgres
 * compiler serves unchanged.
 */
export class DuckDialect implements Dialect {
  constructor(readonly runner: DuckStatementRunner) {}
  createDriver(): Driver {
    return new DuckDriver(this.runner);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new DuckAdapter();
  }
  createIntrospector(_db: Kysely<unknown>): DatabaseIntrospector {
    return new DuckIntrospector(this.runner);
  }
}
