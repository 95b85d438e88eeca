import { existsSync } from 'node:fs';
import type { WarehouseConfig } from '../config/schema.ts';
import { HirelakeError } from '../core/errors.ts';
import type { Engine } from './engine.ts';
import { buildMemoryLimit } from './duckdb/build-memory.ts';

export interface OpenEngineOptions {
  /** Wait for another run holding the warehouse instead of failing. */
  wait?: boolean;
  /** Called once when the warehouse is busy and opening starts to wait (DuckDB: another process has the file). */
  onWait?: () => void;
  /** Only read: a DuckDB file that does not exist yet is reported instead of created. */
  readOnly?: boolean;
  /** Postgres: how the sessions are named in pg_stat_activity (default `hirelake`). */
  applicationName?: string;
  /** Only query work ever runs on it (the dashboards' in-memory snapshot): DuckDB keeps every thread throughout. */
  queriesOnly?: boolean;
}

/** Opens the configured engine; drivers are imported lazily so `--help` and config checks stay fast. */
export async function openEngine(cfg: WarehouseConfig, opts: OpenEngineOptions = {}): Promise<Engine> {
  try {
    if (cfg.engine === 'duckdb') {
      const { DuckDbEngine } = await import('./duckdb/duckdb-engine.ts');
      if (opts.readOnly && !existsSync(cfg.path)) throw new HirelakeError('engine', `no warehouse at ${cfg.path} yet: nothing has been extracted into it`, 'run `hirelake extract` (or `hirelake run`) first');
      return await DuckDbEngine.open({
        path: cfg.path,
        memoryLimit: cfg.memory_limit,
        buildMemoryLimit: buildMemoryLimit(cfg.memory_limit, cfg.transform_memory_limit),
        ...(cfg.threads ? { threads: cfg.threads } : {}),
        // `threads` is for query work (withQueryMemory); landing runs on one (see DuckDbEngineOptions).
        ...(opts.queriesOnly ? {} : { landingThreads: 1 }),
        wait: opts.wait ?? false,
        readOnly: opts.readOnly ?? false,
        ...(opts.onWait ? { onWait: opts.onWait } : {}),
      });
    }
    const { PostgresEngine } = await import('./postgres/postgres-engine.ts');
    return await PostgresEngine.open({ url: cfg.url, schemaPrefix: cfg.schema_prefix, poolSize: cfg.pool_size, ...(opts.applicationName ? { applicationName: opts.applicationName } : {}) });
  } catch (err) {
    if (err instanceof HirelakeError) throw err;
    throw new HirelakeError('engine', `cannot open the ${cfg.engine} warehouse: ${(err as Error).message}`, undefined, { cause: err });
  }
}

export async function usingEngine<T>(cfg: WarehouseConfig, opts: OpenEngineOptions, fn: (e: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine(cfg, opts);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
