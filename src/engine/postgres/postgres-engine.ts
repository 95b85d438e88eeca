import { createHash } from 'node:crypto';
import pg from 'pg';
import type { ClientConfig, PoolClient } from 'pg';
import type { Kysely } from 'kysely';
import { HirelakeError } from '../../core/errors.ts';
import { schemaNames, type BulkColumn, type Engine, type EngineTx, type LockOptions, type Row, type TableRef } from '../engine.ts';
import type { MetaDatabase } from '../meta-schema.ts';
import { connectionError, describeTarget, resolveTarget, type PgTarget } from './connection.ts';
import { copyRows } from './copy.ts';
import { clientKysely, poolKysely } from './kysely.ts';
import { PgLockSession } from './lock-session.ts';
import { PgSession, rowsOf } from './session.ts';
import { toPgParams, typeParsers } from './values.ts';

export interface PostgresEngineOptions {
  /** postgres://user[:password]@host[:port]/database[?…] */
  url: string;
  /** Prepended to every hirelake schema, so several warehouses can share one database. */
  schemaPrefix?: string;
  poolSize?: number;
  /** Shown in pg_stat_activity (default `hirelake`); a worker names itself there. */
  applicationName?: string;
  /** How long open() and lock sessions wait for the server to accept a connection. */
  connectTimeoutMs?: number;
}

class PgTx implements EngineTx {
  readonly #session: PgSession;
  readonly #lockNamespace: string;
  #db: Kysely<MetaDatabase> | undefined;

  constructor(session: PgSession, lockNamespace: string) {
    this.#session = session;
    this.#lockNamespace = lockNamespace;
  }

  async lock(key: string): Promise<void> {
    await this.#session.run((c) => c.query('select pg_advisory_xact_lock($1::bigint)', [lockId(this.#lockNamespace, key)]));
  }

  /** Other work takes its own pooled session: nothing queues behind a transaction. */
  othersWaiting(): boolean {
    return false;
  }

  // Built on first use: most transactions never touch Kysely.
  get db(): Kysely<MetaDatabase> {
    return (this.#db ??= clientKysely(this.#session));
  }

  async exec(sql: string, params?: readonly unknown[]): Promise<void> {
    await this.#session.run((c) => c.query(sql, toPgParams(params)));
  }

  async execCount(sql: string, params?: readonly unknown[]): Promise<number> {
    return (await this.#session.run((c) => c.query(sql, toPgParams(params)))).rowCount ?? 0;
  }

  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return rowsOf(await this.#session.run((c) => c.query(sql, toPgParams(params)))) as T[];
  }

  bulkInsert(table: TableRef, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): Promise<number> {
    return this.#session.run((c) => copyRows(c, table, columns, rows));
  }
}

/** Postgres behind the Engine face: a pg pool whose sessions all run in UTC with DuckDB-shaped values. */
export class PostgresEngine implements Engine {
  readonly kind = 'postgres' as const;
  readonly types = { json: 'jsonb' };
  readonly landingTimeIndex = true;
  readonly schemas;
  readonly location: string;
  readonly db: Kysely<MetaDatabase>;
  readonly #pool: pg.Pool;
  readonly #target: PgTarget;
  readonly #lockNamespace: string;
  readonly #locks: PgLockSession;
  #closed = false;

  private constructor(pool: pg.Pool, target: PgTarget, clientConfig: ClientConfig, schemaPrefix: string) {
    this.#pool = pool;
    this.#target = target;
    this.schemas = schemaNames(schemaPrefix);
    this.location = describeTarget(target) + (schemaPrefix ? ` (schema prefix ${schemaPrefix})` : '');
    // Two warehouses in one database (different prefixes) must not block each other.
    this.#lockNamespace = `${target.database}\0${schemaPrefix}`;
    this.#locks = new PgLockSession(clientConfig, (err) => connectionError(target, err));
    this.db = poolKysely(async () => {
      const client = await this.#connect();
      return { query: (sql, params) => client.query(sql, toPgParams(params)), release: (destroy) => client.release(destroy) };
    });
  }

  static async open(opts: PostgresEngineOptions): Promise<PostgresEngine> {
    const target = resolveTarget(opts.url);
    const clientConfig: ClientConfig = {
      connectionString: opts.url,
      types: typeParsers,
      // A startup option rather than a SET: it costs no round trip and survives DISCARD ALL.
      options: '-c TimeZone=UTC',
      application_name: opts.applicationName ?? 'hirelake',
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    };
    // Connect once now so a wrong URL fails at open with a clear message, not at first use.
    const probe = new pg.Client(clientConfig);
    try {
      await probe.connect();
    } catch (err) {
      probe.end().catch(() => undefined);
      throw connectionError(target, err);
    }
    await probe.end();
    // The pool's own connectionTimeoutMillis would also cap waiting for a busy pool, so it is left unset.
    const { connectionTimeoutMillis: _, ...poolClientConfig } = clientConfig;
    const pool = new pg.Pool({ ...poolClientConfig, max: opts.poolSize ?? 4 });
    // An idle client whose server went away: the pool has already dropped it, and the next
    // checkout reconnects or reports. Without a listener the process would crash.
    pool.on('error', () => undefined);
    return new PostgresEngine(pool, target, clientConfig, opts.schemaPrefix ?? '');
  }

  async #connect(): Promise<PoolClient> {
    if (this.#closed) throw new HirelakeError('engine', `the Postgres engine for ${this.location} is already closed`);
    try {
      return await this.#pool.connect();
    } catch (err) {
      throw connectionError(this.#target, err);
    }
  }

  async #withClient<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  async exec(sql: string, params?: readonly unknown[]): Promise<void> {
    await this.#withClient((c) => c.query(sql, toPgParams(params)));
  }

  async execCount(sql: string, params?: readonly unknown[]): Promise<number> {
    return (await this.#withClient((c) => c.query(sql, toPgParams(params)))).rowCount ?? 0;
  }

  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return rowsOf(await this.#withClient((c) => c.query(sql, toPgParams(params)))) as T[];
  }

  async transaction<T>(fn: (tx: EngineTx) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    const session = new PgSession(client);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(new PgTx(session, this.#lockNamespace));
      session.finish();
      // COMMIT of a transaction an earlier (caught) error aborted succeeds as a silent ROLLBACK.
      const commit = await client.query('COMMIT');
      if (commit.command === 'ROLLBACK') throw new HirelakeError('engine', 'the transaction was rolled back: a statement inside it failed earlier');
      return result;
    } catch (err) {
      session.finish();
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken);
    }
  }

  /**
   * A session-level advisory lock, held on the engine's one lock session (see lock-session.ts):
   * outside the pool, so a small pool cannot deadlock against it, and one backend for all locks.
   */
  async withLock<T>(key: string, opts: LockOptions, fn: (lost: AbortSignal) => Promise<T>): Promise<T> {
    const held = await this.#locks.acquire(key, lockId(this.#lockNamespace, key), { ...opts, describe: this.location });
    try {
      return await fn(held.lost);
    } finally {
      await held.release();
    }
  }

  /** Postgres sizes each build statement's memory itself (work_mem), whatever ran before it. */
  withQueryMemory<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** The lock session's backend pid (tests count backends with it). */
  lockSessionPid(): Promise<number> {
    return this.#locks.backendPid();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#locks.close();
    await this.#pool.end();
  }
}

/** Advisory locks take a bigint; a SHA-256 prefix makes collisions between keys negligible. */
function lockId(namespace: string, key: string): string {
  return createHash('sha256').update(`hirelake\0${namespace}\0${key}`).digest().readBigInt64BE(0).toString();
}
