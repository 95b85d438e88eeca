import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { schemaNames, type BulkColumn, type Engine, type EngineTx, type LockOptions, type Row, type TableRef } from '../engine.ts';
import type { MetaDatabase } from '../meta-schema.ts';
import { HirelakeError } from '../../core/errors.ts';
import { sqlString } from '../identifiers.ts';
import { Mutex } from '../mutex.ts';
import { appendRows } from './appender.ts';
import { OpenAppenders } from './open-appenders.ts';
import { DuckDialect, type DuckStatementRunner } from './kysely-dialect.ts';
import { normaliseRow, toDuckParams } from './values.ts';

export interface DuckDbEngineOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** Caps DuckDB's own buffer memory so a large sync stays within a bounded RSS. */
  memoryLimit?: string;
  /** The cap while models build and the raw zone is scanned after landing (see Engine.withQueryMemory); default: memoryLimit. */
  buildMemoryLimit?: string;
  /** DuckDB's threads (default: HIRELAKE_DUCKDB_THREADS, else one per core). */
  threads?: number;
  /**
   * Threads outside query work (withQueryMemory), i.e. while landing; default: `threads`. The CLI's
   * warehouse lands on one: landing appends on Node's thread, and DuckDB's only compress row groups
   * when a commit checkpoints the WAL, side by side, which was an extract's RSS peak.
   */
  landingThreads?: number;
  /** Keep retrying while another process holds the database file. */
  wait?: boolean;
  /** Called once when the file is busy and open starts waiting for it. */
  onWait?: () => void;
  /** Open without writing (`hirelake status`): a missing file is an error instead of a new warehouse. */
  readOnly?: boolean;
  waitTimeoutMs?: number;
  /**
   * Without `wait`, still retry this long (default 5 s) before failing: `hirelake serve` and
   * `report` hold the file read-only for the moment they copy the marts, and a scheduled run that
   * starts then must not fail for it. A run holding the file is busy far longer than this.
   */
  lockGraceMs?: number;
}

/** A DuckDB lock lives in this process and cannot be lost underneath its holder. */
const NEVER_LOST = new AbortController().signal;

/** DuckDB holds an exclusive file lock per process; its message for that case. */
function isLockConflict(err: unknown): boolean {
  return err instanceof Error && /Could not set lock on file|Conflicting lock/i.test(err.message);
}

/** See openInstance. */
const WAL_AUTOCHECKPOINT = '1GB';

/** A size such as `512MB`, checked again here since it is spliced into SET (which takes no parameters). */
function memorySize(size: string): string {
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(size)) throw new Error(`bad DuckDB memory size "${size}"`);
  return size;
}

/**
 * Rows per row group of the warehouse file (DuckDB's default: 122,880). A checkpoint compresses a
 * row group's column at a time, so the raw zone's payload column in a full group (~150–200 MB of
 * JSON text) was an extract's RSS peak; a quarter of that took ~90 MB off it at the same landing
 * speed (1.5M records landed on one thread at memory_limit 64MB: 367–392 → 284–294 MB; a script).
 * An option of ATTACH only, so a file warehouse is attached to an in-memory instance.
 */
const ROW_GROUP_SIZE = 32_768;

/** The catalog a file warehouse is attached as (and made the default with USE). */
const CATALOG = 'warehouse';

/**
 * HIRELAKE_DUCKDB_THREADS: the threads of every DuckDB instance this process opens unless its config
 * sets warehouse.threads. For several hirelake processes sharing a machine's cores (a worker fleet,
 * the test suite's workers): on tiny data a build spends more on scheduling tasks across threads
 * than on the work, and processes that each take every core oversubscribe them.
 */
function threadsFromEnv(): number | undefined {
  const raw = process.env['HIRELAKE_DUCKDB_THREADS'];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d{0,3}$/.test(raw)) throw new HirelakeError('config', `HIRELAKE_DUCKDB_THREADS must be a positive whole number of threads, not "${raw}"`);
  return Number(raw);
}

async function openInstance(opts: DuckDbEngineOptions): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  // TimeZone can't go here: it needs ICU, which DuckDB loads only after the instance exists (see open).
  const settings: Record<string, string> = {};
  if (opts.memoryLimit) settings['memory_limit'] = opts.memoryLimit;
  const threads = opts.threads ?? threadsFromEnv();
  if (threads) settings['threads'] = String(threads);
  // DuckDB checkpoints whenever its WAL reaches 16MB by default, and each checkpoint rewrites the
  // tables' open row groups: landing page by page spent most of its time there (3M rows landed in
  // 56 s at 16MB, 20 s at 1GB, the same peak RSS). A larger WAL costs disk until the next checkpoint
  // (at the latest when the process closes the file) and a longer replay after a crash, nothing else.
  if (!opts.readOnly) settings['wal_autocheckpoint'] = WAL_AUTOCHECKPOINT;
  const inMemory = opts.path === ':memory:';
  // Where DuckDB spills when a file is opened directly; an in-memory instance's default is ./.tmp.
  if (!inMemory) settings['temp_directory'] = `${opts.path}.tmp`;
  const instance = await DuckDBInstance.create(':memory:', settings);
  const conn = await instance.connect();
  if (inMemory) return { instance, conn };
  // TYPE: a file of another kind (SQLite) is an error, never a reason to load an extension.
  const options = opts.readOnly ? 'TYPE DUCKDB, READ_ONLY' : `TYPE DUCKDB, ROW_GROUP_SIZE ${ROW_GROUP_SIZE}`;
  let waiting = false;
  const deadline = Date.now() + (opts.wait ? (opts.waitTimeoutMs ?? 3_600_000) : (opts.lockGraceMs ?? 5_000));
  try {
    for (;;) {
      try {
        await conn.run(`ATTACH ${sqlString(opts.path)} AS ${CATALOG} (${options})`);
        await conn.run(`USE ${CATALOG}`);
        return { instance, conn };
      } catch (err) {
        if (!isLockConflict(err)) throw err;
        if (Date.now() > deadline) {
          throw new Error(`another process is using the DuckDB file ${opts.path}; wait for it to finish or pass --wait`, { cause: err });
        }
        if (!waiting) opts.onWait?.();
        waiting = true;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    throw err;
  }
}

class DuckRunner implements DuckStatementRunner {
  constructor(readonly conn: DuckDBConnection) {}
  async rows(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    const reader = await this.conn.runAndReadAll(sql, toDuckParams(params));
    return reader.getRowObjectsJS().map(normaliseRow);
  }
}

/** Runs statements on the connection; the caller decides whether the engine mutex is held. */
class DuckSql {
  readonly db: Kysely<MetaDatabase>;
  constructor(readonly runner: DuckStatementRunner & { conn: DuckDBConnection }) {
    this.db = new Kysely<MetaDatabase>({ dialect: new DuckDialect(runner) });
  }
  async exec(sql: string, params?: readonly unknown[]): Promise<void> {
    await this.runner.conn.run(sql, toDuckParams(params));
  }
  async execCount(sql: string, params?: readonly unknown[]): Promise<number> {
    const result = await this.runner.conn.run(sql, toDuckParams(params));
    // CREATE TABLE AS reports its rows as a one-row `Count` result, not in rowsChanged.
    if (result.columnCount === 1 && result.columnName(0) === 'Count') return Number((await result.getRows())[0]?.[0] ?? 0);
    return result.rowsChanged;
  }
  async query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return (await this.runner.rows(sql, params ?? [])) as T[];
  }
}

class DuckTx extends DuckSql implements EngineTx {
  readonly #mutex: Mutex;
  readonly appenders: OpenAppenders;

  constructor(runner: DuckRunner, mutex: Mutex) {
    const appenders = new OpenAppenders();
    // Every statement sees the rows appended before it (see OpenAppenders).
    super({
      conn: runner.conn,
      rows: (sql, params) => {
        appenders.flush();
        return runner.rows(sql, params);
      },
    });
    this.appenders = appenders;
    this.#mutex = mutex;
  }

  override async exec(sql: string, params?: readonly unknown[]): Promise<void> {
    this.appenders.flush();
    await super.exec(sql, params);
  }

  override execCount(sql: string, params?: readonly unknown[]): Promise<number> {
    this.appenders.flush();
    return super.execCount(sql, params);
  }

  /** One process holds the file and the engine mutex serialises its transactions: nothing to exclude. */
  async lock(_key: string): Promise<void> {}

  othersWaiting(): boolean {
    return this.#mutex.waiting > 0;
  }

  bulkInsert(table: TableRef, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): Promise<number> {
    return this.appenders.append(this.runner.conn, table, (appender) => appendRows(appender, columns, rows));
  }
}

/**
 * DuckDB behind the Engine face. One connection serves everything: DuckDB is an in-process
 * database with one writer, and a single connection keeps SET/ATTACH/temp state consistent.
 */
export class DuckDbEngine implements Engine {
  readonly kind = 'duckdb' as const;
  readonly location: string;
  readonly schemas = schemaNames();
  readonly types = { json: 'JSON' };
  readonly landingTimeIndex = false;
  readonly db: Kysely<MetaDatabase>;
  readonly #instance: DuckDBInstance;
  readonly #conn: DuckDBConnection;
  readonly #mutex = new Mutex();
  readonly #tx: DuckTx;
  readonly #locks = new Map<string, Mutex>();

  readonly #readOnly: boolean;
  readonly #memoryLimit: string | undefined;
  readonly #buildMemoryLimit: string | undefined;
  /** Threads for query work, and outside it when landing runs on fewer (else null: never changed). */
  readonly #threads: { query: number; landing: number } | null;
  #builds = 0;

  private constructor(instance: DuckDBInstance, conn: DuckDBConnection, opts: DuckDbEngineOptions, threads: { query: number; landing: number } | null) {
    const path = opts.path;
    this.#threads = threads;
    this.#readOnly = opts.readOnly ?? false;
    this.#memoryLimit = opts.memoryLimit;
    this.#buildMemoryLimit = opts.buildMemoryLimit;
    this.#instance = instance;
    this.#conn = conn;
    this.location = `duckdb:${path}`;
    const runner = new DuckRunner(conn);
    this.#tx = new DuckTx(runner, this.#mutex);
    const mutex = this.#mutex;
    // Outside a transaction each statement takes the connection lock for itself.
    const locked: DuckStatementRunner & { conn: DuckDBConnection } = {
      conn,
      rows: (sql, params) => mutex.run(() => runner.rows(sql, params)),
    };
    this.db = new Kysely<MetaDatabase>({ dialect: new DuckDialect(locked) });
  }

  static async open(opts: DuckDbEngineOptions): Promise<DuckDbEngine> {
    // Checked before the file is opened: a bad size must not leave it locked.
    for (const size of [opts.memoryLimit, opts.buildMemoryLimit]) if (size !== undefined) memorySize(size);
    const { instance, conn } = await openInstance(opts);
    await conn.run("SET TimeZone = 'UTC'");
    let threads: { query: number; landing: number } | null = null;
    if (opts.landingThreads !== undefined && !opts.readOnly) {
      const query = Number((await conn.runAndReadAll("select current_setting('threads') as n")).getRowObjectsJS()[0]!['n']);
      if (opts.landingThreads < query) {
        threads = { query, landing: opts.landingThreads };
        await conn.run(`SET threads = ${threads.landing}`);
      }
    }
    return new DuckDbEngine(instance, conn, opts, threads);
  }

  exec(sql: string, params?: readonly unknown[]): Promise<void> {
    return this.#mutex.run(() => this.#tx.exec(sql, params));
  }

  execCount(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.#mutex.run(() => this.#tx.execCount(sql, params));
  }

  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.#mutex.run(() => this.#tx.query<T>(sql, params));
  }

  transaction<T>(fn: (tx: EngineTx) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      await this.#conn.run('BEGIN TRANSACTION');
      try {
        const result = await fn(this.#tx);
        this.#tx.appenders.flush();
        await this.#conn.run('COMMIT');
        return result;
      } catch (err) {
        this.#tx.appenders.discard();
        await this.#conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** Other processes are kept out by DuckDB's own file lock (see open); this orders work inside one. */
  async withLock<T>(key: string, _opts: LockOptions, fn: (lost: AbortSignal) => Promise<T>): Promise<T> {
    let m = this.#locks.get(key);
    if (!m) this.#locks.set(key, (m = new Mutex()));
    return m.run(() => fn(NEVER_LOST));
  }

  async withQueryMemory<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#readOnly) return fn();
    // Calls may overlap (a worker's jobs, connections extracted at once): the first one in tunes, the last one out restores.
    if (this.#builds++ === 0) {
      if (this.#buildMemoryLimit) await this.exec(`SET memory_limit = '${this.#buildMemoryLimit}'`);
      if (this.#threads) await this.exec(`SET threads = ${this.#threads.query}`);
      await this.exec('SET preserve_insertion_order = false');
    }
    try {
      return await fn();
    } finally {
      if (--this.#builds === 0) {
        await this.exec('RESET preserve_insertion_order');
        if (this.#threads) await this.exec(`SET threads = ${this.#threads.landing}`);
        if (this.#buildMemoryLimit) await this.exec(this.#memoryLimit ? `SET memory_limit = '${this.#memoryLimit}'` : 'RESET memory_limit');
      }
    }
  }

  async close(): Promise<void> {
    await this.#mutex.run(async () => {
      // On landing's threads (query work has ended): the closing checkpoint writes everything
      // landed since the last one, a whole first sync, and on two threads it was an extract's RSS
      // peak (1.8M records: 545–617 MB, on one 443–484 MB in about the same time; a script's figures).
      if (!this.#readOnly) await this.#conn.run('CHECKPOINT').catch(() => undefined);
      this.#conn.closeSync();
      this.#instance.closeSync();
    });
  }
}
