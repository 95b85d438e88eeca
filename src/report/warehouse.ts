import { existsSync, statSync } from 'node:fs';
import type { WarehouseConfig } from '../config/schema.ts';
import { HirelakeError } from '../core/errors.ts';
import type { Row, SchemaNames, SqlRunner } from '../engine/engine.ts';
import { assertIdentifier, qualified, sqlString } from '../engine/identifiers.ts';
import { openEngine } from '../engine/open-engine.ts';

/** What the pages query: the marts (and the run log, stage plans) of one consistent moment. */
export interface ReportDb {
  readonly schemas: SchemaNames;
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** Read-only access to the warehouse for the dashboards. */
export interface ReportWarehouse {
  /** Runs `fn` against one consistent view of the data. */
  read<T>(fn: (db: ReportDb) => Promise<T>): Promise<T>;
  /** When the data being read was taken, when it is a snapshot (DuckDB). */
  readonly snapshotAt: Date | null;
  close(): Promise<void>;
}

type Role = keyof SchemaNames;
interface Needed {
  readonly role: Role;
  readonly table: string;
  /** Shown when present: older warehouses and the footer's extras may lack them. */
  readonly optional?: boolean;
}

/** Every table a page reads. Nothing else is copied or queried: the pages show no other data. */
export const READ_TABLES: readonly Needed[] = [
  { role: 'marts', table: 'funnel' },
  { role: 'marts', table: 'time_to_hire' },
  { role: 'marts', table: 'job_fill' },
  { role: 'marts', table: 'pipeline_daily' },
  { role: 'marts', table: 'source_funnel' },
  { role: 'marts', table: 'offers_monthly' },
  { role: 'marts', table: 'stage_durations' },
  // Diversity: the suppressed mart, the only demographic table a page may read; absent before
  // demographics existed. The unsuppressed int_diversity_funnel and core.demographic_answers are
  // never copied, so a page cannot read them.
  { role: 'marts', table: 'diversity_funnel', optional: true },
  // Footer: rows that did not reach the model, unmapped stage names, freshness from the run log.
  { role: 'marts', table: 'dropped_records', optional: true },
  { role: 'core', table: 'job_stages', optional: true },
  { role: 'meta', table: 'runs', optional: true },
];

function missingError(missing: readonly string[], where: string): HirelakeError {
  return new HirelakeError(
    'engine',
    `${where} has no ${missing.join(', ')}; the dashboards read the marts that \`hirelake transform\` builds`,
    'run `hirelake run` (or `hirelake transform`) against this warehouse first',
  );
}

export interface OpenReportOptions {
  /** The configured connections: the only ones whose rows are read. */
  connections: readonly string[];
  /** How long to wait for a DuckDB file another process is writing before giving up (ms). */
  lockWaitMs?: number;
}

/** Opens the configured warehouse read-only, the way each engine allows it. */
export async function openReportWarehouse(cfg: WarehouseConfig, opts: OpenReportOptions): Promise<ReportWarehouse> {
  for (const c of opts.connections) assertIdentifier(c, 'connection name');
  if (cfg.engine === 'duckdb') {
    const w = new DuckSnapshotWarehouse(cfg.path, cfg.memory_limit, opts.connections, opts.lockWaitMs ?? 60_000);
    await w.read(async () => undefined); // the first snapshot now, so a missing or empty warehouse fails at start
    return w;
  }
  const engine = await openEngine(cfg);
  const w: ReportWarehouse = {
    snapshotAt: null,
    // A read-only, repeatable-read transaction: one consistent view for all of a page's queries,
    // and nothing the dashboards run can write.
    read: (fn) =>
      engine.transaction(async (tx) => {
        await tx.exec('set transaction isolation level repeatable read, read only');
        const db: ReportDb = { schemas: engine.schemas, query: (sql, params) => tx.query(sql, params) };
        await requireTables(tx, engine.schemas, engine.location);
        return fn(db);
      }),
    close: () => engine.close(),
  };
  try {
    await w.read(async () => undefined);
  } catch (err) {
    await engine.close();
    throw err;
  }
  return w;
}

async function requireTables(runner: SqlRunner, schemas: SchemaNames, where: string): Promise<void> {
  const needed = READ_TABLES.filter((t) => !t.optional).map((t) => ({ schema: schemas[t.role], table: t.table }));
  // One look at the catalog per read, not one per table.
  const inSchemas = [...new Set(needed.map((n) => n.schema))];
  const present = new Set(
    (await runner.query<{ s: string; t: string }>(
      `select table_schema as s, table_name as t from information_schema.tables where table_schema in (${inSchemas.map((_, i) => `$${i + 1}`).join(', ')})`,
      inSchemas,
    )).map((r) => `${r.s}.${r.t}`),
  );
  const missing = needed.map((n) => `${n.schema}.${n.table}`).filter((n) => !present.has(n));
  if (missing.length > 0) throw missingError(missing, where);
}

function isLockConflict(err: unknown): boolean {
  return err instanceof Error && /Could not set lock on file|Conflicting lock/i.test(err.message);
}

/** Changes whenever DuckDB writes the file (a checkpoint rewrites it, a commit appends to the WAL). */
function fileStamp(path: string): string {
  const part = (p: string) => (existsSync(p) ? `${statSync(p).mtimeMs}:${statSync(p).size}` : '-');
  return `${part(path)}|${part(`${path}.wal`)}`;
}

interface Snapshot {
  readonly engine: Awaited<ReturnType<typeof openEngine>>;
  readonly stamp: string;
  readonly takenAt: Date;
  readers: number;
  retired: boolean;
}

/**
 * DuckDB allows one writer per file and no reader beside it, so `serve` reading the file directly
 * would make the next `run` fail. Instead the tables the pages read are copied, for the configured
 * connections only, into an in-memory database: the file is attached read-only just for that copy
 * (well under a second for a 100k-application account; `run` waits that long for a reader, see the
 * DuckDB engine), then detached, and pages query the copy. A new copy is taken when the file has
 * changed since; while a run holds the file the previous copy keeps serving.
 */
export class DuckSnapshotWarehouse implements ReportWarehouse {
  #current: Snapshot | null = null;
  #refreshing: Promise<void> | null = null;
  #closed = false;

  constructor(
    readonly path: string,
    readonly memoryLimit: string,
    readonly connections: readonly string[],
    readonly lockWaitMs: number,
  ) {}

  get snapshotAt(): Date | null {
    return this.#current?.takenAt ?? null;
  }

  async read<T>(fn: (db: ReportDb) => Promise<T>): Promise<T> {
    await this.#ensureFresh();
    const snap = this.#current!;
    snap.readers++;
    try {
      return await fn({ schemas: snap.engine.schemas, query: (sql, params) => snap.engine.query(sql, params) });
    } finally {
      snap.readers--;
      if (snap.retired && snap.readers === 0) await snap.engine.close();
    }
  }

  async #ensureFresh(): Promise<void> {
    if (this.#closed) throw new HirelakeError('engine', 'the report warehouse is closed');
    if (!existsSync(this.path)) {
      throw new HirelakeError('engine', `no DuckDB warehouse at ${this.path}`, 'run `hirelake run` first, or point warehouse.path at the file it wrote');
    }
    const stamp = fileStamp(this.path);
    if (this.#current?.stamp === stamp) return;
    // One copy at a time; requests meanwhile wait for it. While a run holds the file the attempt
    // fails at once and the previous copy keeps serving, so the next request simply tries again.
    this.#refreshing ??= this.#refresh(stamp).finally(() => (this.#refreshing = null));
    await this.#refreshing;
  }

  async #refresh(stamp: string): Promise<void> {
    const deadline = Date.now() + (this.#current ? 0 : this.lockWaitMs);
    for (;;) {
      try {
        const next = await this.#take(stamp);
        const old = this.#current;
        this.#current = next;
        if (old) {
          old.retired = true;
          if (old.readers === 0) await old.engine.close();
        }
        return;
      } catch (err) {
        if (!isLockConflict(err)) throw err;
        if (this.#current) return; // the previous copy serves until the writer is done
        if (Date.now() >= deadline) {
          throw new HirelakeError('engine', `another process is writing the DuckDB file ${this.path} (a hirelake run); the dashboards read it once it is done`, 'try again in a moment', { cause: err });
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  async #take(stamp: string): Promise<Snapshot> {
    const engine = await openEngine({ engine: 'duckdb', path: ':memory:', memory_limit: this.memoryLimit }, { queriesOnly: true });
    try {
      const takenAt = new Date();
      await engine.exec(`attach ${sqlString(this.path)} as wh (type duckdb, read_only)`);
      try {
        const present = new Set(
          (await engine.query<{ s: string; t: string }>(`select table_schema as s, table_name as t from information_schema.tables where table_catalog = 'wh'`)).map((r) => `${r.s}.${r.t}`),
        );
        const missing = READ_TABLES.filter((t) => !t.optional && !present.has(`${engine.schemas[t.role]}.${t.table}`));
        if (missing.length > 0) throw missingError(missing.map((t) => `${engine.schemas[t.role]}.${t.table}`), `the DuckDB warehouse ${this.path}`);
        // Connection names are validated identifiers, so they can be written as literals here.
        const only = this.connections.map((c) => `'${c}'`).join(', ');
        await engine.transaction(async (tx) => {
          for (const t of READ_TABLES) {
            const schema = engine.schemas[t.role];
            if (!present.has(`${schema}.${t.table}`)) continue;
            await tx.exec(`create schema if not exists ${schema}`);
            await tx.exec(`create table ${qualified(schema, t.table)} as select * from wh.${qualified(schema, t.table)} where connection in (${only})`);
          }
        });
      } finally {
        await engine.exec('detach wh');
      }
      return { engine, stamp, takenAt, readers: 0, retired: false };
    } catch (err) {
      await engine.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#refreshing?.catch(() => undefined);
    const snap = this.#current;
    this.#current = null;
    if (snap) {
      snap.retired = true;
      if (snap.readers === 0) await snap.engine.close();
    }
  }
}
