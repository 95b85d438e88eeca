import type pg from 'pg';
import type { ExportConfig } from '../../src/config/schema.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';
import type { Logger } from '../../src/log/logger.ts';
import { columnSignature } from '../model/column.ts';
import { modelKey } from '../model/select.ts';
import { secondsSince, type TableExportResult } from '../result.ts';
import type { ExportSource, SourceTable } from '../source/source.ts';
import { destroyClient, exportError, PgEndpoint } from './client.ts';
import { existingColumns } from './ddl.ts';
import { lockTargetSchema } from './lock.ts';
import { mergeKeyFor } from './merge-keys.ts';
import { mergeTable } from './merge.ts';
import { MergeSnapshots } from './snapshots.ts';
import { ensureStateTable, readState, writeState } from './state.ts';
import { swapTable } from './swap.ts';
import { inTransaction } from './transaction.ts';

/** Merges up to this many changed rows whatever the table's size ... */
const MERGE_ALWAYS_BELOW = 10_000;
/** ... and otherwise only while at most this share of the rows changed; beyond it a swap is cheaper. */
const MERGE_MAX_CHANGED_SHARE = 0.5;

export type PostgresExportConfig = Extract<ExportConfig, { type: 'postgres' }>;

export interface RunOptions {
  readonly runId: string;
  /** Reload merged tables whole too. */
  readonly fullRefresh: boolean;
  readonly wait: boolean;
  readonly log: Logger;
  /** Unique keys the models declare (see model/catalog.ts), for merged tables listed without one. */
  readonly uniqueKeys: ReadonlyMap<string, readonly string[]>;
}

export function postgresLocation(cfg: PostgresExportConfig): string {
  return `${new PgEndpoint(cfg.url).label} schema ${cfg.schema}`;
}

/**
 * Sends each table into the target schema, one transaction per table, in order; stops at the
 * first table that fails (the ones before it are in, that one and the rest keep their last export).
 */
export async function exportToPostgres(cfg: PostgresExportConfig, source: ExportSource, tables: readonly SourceTable[], opts: RunOptions): Promise<TableExportResult[]> {
  const endpoint = new PgEndpoint(cfg.url);
  const client = await endpoint.connect(`export ${cfg.name}`);
  let healthy = false;
  const results: TableExportResult[] = [];
  let current = '';
  try {
    await lockTargetSchema(client, cfg.schema, opts.wait, endpoint.label);
    // Checked first: CREATE SCHEMA needs a right on the database that a loader role often lacks.
    const { rows: found } = await client.query('select 1 from pg_namespace where nspname = $1', [cfg.schema]);
    if (found.length === 0) await client.query(`create schema ${quoteIdent(cfg.schema)}`);
    await ensureStateTable(client, cfg.schema);
    const snapshots = new MergeSnapshots(source.engine, source, cfg.name);
    for (const table of tables) {
      current = modelKey(table);
      const started = performance.now();
      const key = mergeKeyFor(cfg, table, opts.uniqueKeys);
      const outcome = key ? await loadMerged(client, cfg, source, snapshots, table, key, opts) : await loadSwapped(client, cfg, source, table, opts);
      const seconds = secondsSince(started);
      results.push({ model: modelKey(table), target: `${cfg.schema}.${table.name}`, ...outcome, seconds });
      opts.log.debug(`export ${cfg.name}: ${modelKey(table)} → ${cfg.schema}.${table.name} (${outcome.mode}, ${outcome.rows} rows, ${seconds.toFixed(2)} s)`);
    }
    healthy = true;
    return results;
  } catch (err) {
    throw exportError(endpoint, `export ${cfg.name}${current ? ` (${current})` : ''} to ${endpoint.label}`, err);
  } finally {
    // After a failure the session may be mid-COPY or gone; closing the socket is the one sure way out.
    if (healthy) await client.end().catch(() => undefined);
    else destroyClient(client);
  }
}

type Outcome = Omit<TableExportResult, 'model' | 'target' | 'seconds'>;

async function loadSwapped(client: pg.Client, cfg: PostgresExportConfig, source: ExportSource, table: SourceTable, opts: RunOptions): Promise<Outcome> {
  return inTransaction(client, cfg.lock_timeout_seconds, async () => {
    const r = await swapTable(client, table, { schema: cfg.schema, rows: () => source.openPgCsv(table) });
    await writeState(client, cfg.schema, {
      table_name: table.name, source: modelKey(table), mode: 'swap', run_id: opts.runId, rows: r.rows,
      changed_rows: null, deleted_rows: null, columns: columnSignature(table.columns), merge_key: null,
    });
    return { mode: r.inPlace ? 'in_place' : 'swap', rows: r.rows } as const;
  });
}

async function loadMerged(
  client: pg.Client,
  cfg: PostgresExportConfig,
  source: ExportSource,
  snapshots: MergeSnapshots,
  table: SourceTable,
  key: readonly string[],
  opts: RunOptions,
): Promise<Outcome> {
  const missing = key.filter((k) => !table.columns.some((c) => c.name === k));
  if (missing.length > 0) throw new Error(`merge key column ${missing.join(', ')} is not in ${modelKey(table)}`);
  const lastRun = opts.fullRefresh ? null : await snapshots.lastRun(table, key);
  const state = await readState(client, cfg.schema, table.name);
  const present = await existingColumns(client, cfg.schema, table.name);
  // Merge only onto exactly what the last export left: same run on both sides, same shape, same key,
  // and the table still there with those columns (someone may have dropped or altered it).
  let canMerge =
    lastRun !== null && state !== null && state.run_id === lastRun && state.columns === columnSignature(table.columns) && state.merge_key === key.join(',') &&
    present !== null && present.map((c) => c.name).join(',') === table.columns.map((c) => c.name).join(',');
  const started = performance.now();
  await snapshots.snapshot(table, key);
  if (canMerge) {
    // Deleting and re-inserting most of a table costs more than loading it fresh and swapping.
    const { changed, total } = await snapshots.countChanged(table, key);
    if (changed > Math.max(MERGE_ALWAYS_BELOW, total * MERGE_MAX_CHANGED_SHARE)) canMerge = false;
    opts.log.debug(`${modelKey(table)}: ${changed} of ${total} rows changed since run ${lastRun}; ${canMerge ? 'merging' : 'reloading whole'} (hashed in ${secondsSince(started)} s)`);
  }
  let outcome: Outcome;
  try {
    outcome = await inTransaction(client, cfg.lock_timeout_seconds, async () => {
      let o: Outcome;
      if (canMerge) {
        const r = await mergeTable(client, table, {
          schema: cfg.schema,
          key,
          changed: () => source.openPgCsv(table, snapshots.changedRows(table, key)),
          deleted: () => source.openPgCsv(table, snapshots.deletedKeys(table, key)),
          rowsBefore: Number(state!.rows),
        });
        o = { mode: 'merge', rows: r.rows, changed: r.changed, deleted: r.deleted };
      } else {
        const r = await swapTable(client, table, { schema: cfg.schema, key, rows: () => source.openPgCsv(table) });
        o = { mode: r.inPlace ? 'in_place' : 'swap', rows: r.rows };
      }
      await writeState(client, cfg.schema, {
        table_name: table.name, source: modelKey(table), mode: o.mode === 'merge' ? 'merge' : 'swap', run_id: opts.runId, rows: o.rows,
        changed_rows: o.changed ?? null, deleted_rows: o.deleted ?? null, columns: columnSignature(table.columns), merge_key: key.join(','),
      });
      return o;
    });
  } catch (err) {
    await snapshots.discard(table).catch(() => undefined);
    throw err;
  }
  const loaded = performance.now();
  await snapshots.promote(table, key, opts.runId);
  opts.log.debug(`${modelKey(table)}: snapshot promoted in ${secondsSince(loaded)} s`);
  return outcome;
}
