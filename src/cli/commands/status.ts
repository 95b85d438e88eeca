import { existsSync } from 'node:fs';
import type { Engine } from '../../engine/engine.ts';
import { qualified } from '../../engine/identifiers.ts';
import { tableExists } from '../../engine/table-exists.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { rawTableRef } from '../../landing/raw-table.ts';
import { connectionStreams } from '../../extract/source.ts';
import { fleetStatus, type FleetConnectionStatus } from '../../fleet/fleet-status.ts';
import { nextDue } from '../../schedule/cron.ts';
import { StateStore } from '../../state/state-store.ts';
import type { CommandContext } from '../context.ts';
import { dataQuality, type DataQuality } from '../../../transforms/index.ts';
import { printDataQuality } from '../data-quality.ts';

export interface StreamStatus {
  connection: string;
  stream: string;
  last_run: string | null;
  last_status: string | null;
  last_finished_at: Date | null;
  /** When the stream last finished a run successfully. */
  last_success_at: Date | null;
  watermark: string | null;
  resumable_pages: number | null;
  raw_rows: number;
  records: number;
  freshness_minutes: number | null;
  last_error: string | null;
}

/** Per connection: its schedule, and (step by step) the fleet's view of it. */
export interface ConnectionStatus {
  connection: string;
  /** `0 * * * *` or `0 6 * * 1-5 (Europe/Berlin)`; null when it runs only when asked. */
  schedule: string | null;
  next_due: Date | null;
  /** The latest success of all its streams (each stream's last success, the oldest of them). */
  last_success_at: Date | null;
  /** Present when the warehouse has a worker fleet (see src/fleet). */
  fleet?: FleetConnectionStatus;
}

/** Schedules and last successes per connection, from the per-stream rows. */
export function connectionStatus(ctx: CommandContext, streams: readonly StreamStatus[], fleet: Map<string, FleetConnectionStatus> | null, now = new Date()): ConnectionStatus[] {
  return ctx.config.connections
    .filter((c) => !ctx.connections || ctx.connections.includes(c.name))
    .map((c) => {
      const mine = streams.filter((s) => s.connection === c.name);
      const successes = mine.map((s) => s.last_success_at);
      const complete = successes.length > 0 && successes.every((d) => d !== null);
      return {
        connection: c.name,
        schedule: c.schedule ? `${c.schedule.cron}${c.schedule.timezone === 'UTC' ? '' : ` (${c.schedule.timezone})`}` : null,
        next_due: c.schedule ? nextDue(c.schedule, now) : null,
        last_success_at: complete ? new Date(Math.min(...successes.map((d) => d!.getTime()))) : null,
        ...(fleet?.get(c.name) ? { fleet: fleet.get(c.name)! } : {}),
      };
    });
}

export interface StatusOptions {
  /** Exit 1 when a stream's last success is older than this (or it never succeeded). */
  failIfStaleMs?: number;
}

interface RunRow {
  connection: string;
  stream: string;
  run_id: string;
  status: string;
  finished_at: Date | null;
  error: string | null;
  last_success_at: Date | null;
}

/** Reads only: a warehouse nothing was extracted into yet reports empty streams and is not created. */
export async function collectStatus(ctx: CommandContext, engine: Engine | null): Promise<StreamStatus[]> {
  const meta = engine ? engine.schemas.meta : '';
  const hasMeta = engine !== null && (await tableExists(engine, { schema: meta, table: 'runs' }));
  const states = new Map(hasMeta ? (await new StateStore(meta).list(engine!)).map((s) => [`${s.connection}.${s.stream}`, s]) : []);
  const lastRuns = hasMeta
    ? await engine!.query<RunRow>(
        `select connection, stream, run_id, status, finished_at, error, last_success_at from (
           select r.*, row_number() over (partition by connection, stream order by started_at desc) as rn,
                  max(case when status = 'succeeded' then finished_at end) over (partition by connection, stream) as last_success_at
           from ${qualified(meta, 'runs')} r
         ) t where rn = 1`,
      )
    : [];
  const runs = new Map(lastRuns.map((r) => [`${r.connection}.${r.stream}`, r]));
  const rows: StreamStatus[] = [];
  for (const conn of ctx.config.connections) {
    if (ctx.connections && !ctx.connections.includes(conn.name)) continue;
    const source = ctx.sources[conn.source]!;
    for (const stream of connectionStreams(source, conn)) {
      const key = `${conn.name}.${stream.name}`;
      let counts = { raw_rows: 0, records: 0 };
      if (engine) {
        const table = rawTableRef(engine, source.name, stream.name);
        if (await tableExists(engine, table)) {
          const [c] = await engine.query<{ raw_rows: number; records: number }>(
            `select count(*) as raw_rows, count(distinct _record_id) as records from ${qualified(table.schema, table.table)} where _connection = $1`,
            [conn.name],
          );
          counts = c ?? counts;
        }
      }
      const st = states.get(key);
      const run = runs.get(key);
      const watermark = st?.checkpoint.watermark ?? null;
      rows.push({
        connection: conn.name,
        stream: stream.name,
        last_run: run?.run_id ?? null,
        last_status: run?.status ?? null,
        last_finished_at: run?.finished_at ?? null,
        last_success_at: run?.last_success_at ?? null,
        watermark,
        resumable_pages: st?.checkpoint.pending?.pages ?? null,
        raw_rows: counts.raw_rows,
        records: counts.records,
        freshness_minutes: watermark ? Math.round((Date.now() - Date.parse(watermark)) / 60_000) : null,
        last_error: run?.error ?? null,
      });
    }
  }
  return rows;
}

/** Streams whose last success is older than `maxAgeMs`, or that never succeeded. */
export function staleStreams(streams: readonly StreamStatus[], maxAgeMs: number, now = Date.now()): StreamStatus[] {
  return streams.filter((s) => s.last_success_at === null || now - s.last_success_at.getTime() > maxAgeMs);
}

/**
 * Opens the warehouse only to read. On DuckDB a running writer holds the file, so status says it
 * waits for it (DuckDB has one writer and readers cannot share the file with it); a DuckDB file that
 * does not exist is reported, not created.
 */
async function readWarehouse<T>(ctx: CommandContext, fn: (engine: Engine | null) => Promise<T>): Promise<T> {
  const wh = ctx.config.warehouse;
  if (wh.engine === 'duckdb' && !existsSync(wh.path)) {
    ctx.log.warn(`no warehouse at ${wh.path} yet: nothing has been extracted into it`);
    return fn(null);
  }
  const onWait = () =>
    ctx.log.info(`waiting for the run holding ${wh.engine === 'duckdb' ? wh.path : 'the warehouse'} to finish: DuckDB has one writer, and status reads right after it (Ctrl-C to stop waiting)`);
  return usingEngine(wh, { wait: ctx.opts.wait ?? true, readOnly: true, onWait }, fn);
}

/** Data quality of the connections `--connection` selected. */
function selected(ctx: CommandContext, dq: DataQuality): DataQuality {
  const mine = <T extends { connection: string }>(rows: readonly T[]) => rows.filter((r) => !ctx.connections || ctx.connections.includes(r.connection));
  return { dropped: mine(dq.dropped), inferredStages: mine(dq.inferredStages), unmappedStages: mine(dq.unmappedStages) };
}

export async function statusCommand(ctx: CommandContext, opts: StatusOptions = {}): Promise<number> {
  const { streams, dq, fleet } = await readWarehouse(ctx, async (engine) => ({
    streams: await collectStatus(ctx, engine),
    fleet: engine ? await fleetStatus(engine, ctx.config) : null,
    dq: engine ? selected(ctx, await dataQuality(engine)) : { dropped: [], inferredStages: [], unmappedStages: [] },
  }));
  const stale = opts.failIfStaleMs !== undefined ? staleStreams(streams, opts.failIfStaleMs) : [];
  const connections = connectionStatus(ctx, streams, fleet);
  if (ctx.out.json) {
    ctx.out.data({
      warehouse: ctx.config.warehouse.engine,
      connections,
      streams,
      dropped_records: dq.dropped, inferred_stages: dq.inferredStages, unmapped_stages: dq.unmappedStages,
      ...(opts.failIfStaleMs !== undefined ? { stale: stale.map((s) => `${s.connection}.${s.stream}`) } : {}),
    });
  } else {
    ctx.out.table(streams.map((s) => ({
      connection: s.connection, stream: s.stream, last_status: s.last_status, last_success_at: s.last_success_at,
      watermark: s.watermark, resumable_pages: s.resumable_pages, raw_rows: s.raw_rows, records: s.records, freshness_min: s.freshness_minutes,
    })));
    if (fleet) {
      ctx.out.line('\nWorker fleet:');
      ctx.out.table(
        connections.map((c) => ({
          connection: c.connection, schedule: c.schedule, next_due: c.next_due, last_success_at: c.last_success_at,
          running_on: c.fleet?.running_on ?? null, queued: c.fleet?.queued ? 'yes' : '', failures: c.fleet?.failures ?? 0, parked: c.fleet?.parked ? 'PARKED' : '',
        })),
      );
      for (const c of connections) if (c.fleet?.parked) ctx.log.warn(`${c.connection} is parked after ${c.fleet.failures} failed attempts (${c.fleet.last_error ?? 'no error recorded'}); \`hirelake enqueue --connection ${c.connection}\` runs it again`);
    } else if (connections.some((c) => c.schedule)) {
      ctx.out.line('\nSchedules (run by `hirelake worker`):');
      ctx.out.table(connections.map((c) => ({ connection: c.connection, schedule: c.schedule, next_due: c.next_due, last_success_at: c.last_success_at })));
    }
    for (const s of streams) if (s.last_status === 'failed' && s.last_error) ctx.log.warn(`${s.connection}.${s.stream} last failed: ${s.last_error}`);
    printDataQuality(ctx, dq);
  }
  if (stale.length > 0) {
    const names = stale.map((s) => `${s.connection}.${s.stream}`);
    ctx.log.error(`${stale.length} stream${stale.length === 1 ? '' : 's'} not successfully extracted within the --fail-if-stale age: ${names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ')}`);
    return 1;
  }
  return 0;
}
