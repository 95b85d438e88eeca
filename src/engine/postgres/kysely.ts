import { Kysely, PostgresDialect, PostgresDriver, type Driver, type PostgresDialectConfig, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { MetaDatabase } from '../meta-schema.ts';

/** What Kysely needs from a session: run one statement (parameters already go through toPgParams). */
export interface PgStatementClient {
  query(sql: string, params: readonly unknown[]): Promise<{ command: string; rowCount: number | null; rows: unknown[] }>;
  release(destroy?: boolean | Error): void;
}

function asKyselyClient(c: PgStatementClient): PostgresPoolClient {
  return c as unknown as PostgresPoolClient;
}

/** Kysely over the engine's pool; Kysely's own transactions work here (one pooled client each). */
export function poolKysely(connect: () => Promise<PgStatementClient>): Kysely<MetaDatabase> {
  const pool: PostgresPool = {
    connect: async () => asKyselyClient(await connect()),
    // The engine owns the pg pool and ends it in close().
    end: async () => {},
  };
  return new Kysely<MetaDatabase>({ dialect: new PostgresDialect({ pool }) });
}

class TxDriver extends PostgresDriver {
  override async beginTransaction(): Promise<void> {
    throw new Error('already inside Engine.transaction(); nested transactions are not supported');
  }
}

class TxDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new TxDriver(this.#config);
  }
}

/** Kysely bound to one transaction's client: a pool of exactly that client, never released by Kysely. */
export function clientKysely(client: PgStatementClient): Kysely<MetaDatabase> {
  const pinned = asKyselyClient({ query: (sql, params) => client.query(sql, params), release: () => {} });
  return new Kysely<MetaDatabase>({ dialect: new TxDialect({ pool: { connect: async () => pinned, end: async () => {} } }) });
}
