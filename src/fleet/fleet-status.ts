import type { HirelakeConfig } from '../config/load.ts';
import type { Engine } from '../engine/engine.ts';
import { qualified, quoteIdent } from '../engine/identifiers.ts';
import { tableExists } from '../engine/table-exists.ts';
import { extractJobKey, queueSchema, TASK_EXTRACT } from './queue.ts';

/** What the fleet knows about one connection, for `hirelake status`. */
export interface FleetConnectionStatus {
  /** The worker (host:pid) running its extract right now. */
  running_on: string | null;
  /** An extract is waiting in the queue (for its credential's turn, or a retry's backoff). */
  queued: boolean;
  /** Failed attempts since its last successful extract. */
  failures: number;
  /** Out of attempts: no retries and no scheduled runs until `hirelake enqueue`. */
  parked: boolean;
  last_error: string | null;
}

/** Per connection, or null when the warehouse has no fleet (DuckDB, or no worker has run yet). */
export async function fleetStatus(engine: Engine, config: HirelakeConfig): Promise<Map<string, FleetConnectionStatus> | null> {
  if (config.warehouse.engine !== 'postgres') return null;
  const queue = queueSchema(config);
  const runsTable = { schema: engine.schemas.meta, table: 'job_runs' };
  if (!(await tableExists(engine, { schema: queue, table: 'jobs' })) || !(await tableExists(engine, runsTable))) return null;
  const runs = qualified(runsTable.schema, runsTable.table);
  // The queue's public view has no payload: waiting jobs are known by their key, running ones by
  // the attempt row their worker wrote (a running job whose successor took its key has none).
  const waiting = await engine.query<{ connection: string; attempts: number; max_attempts: number; last_error: string | null }>(
    `select substr(key, length($1) + 1) as connection, attempts, max_attempts, last_error from ${quoteIdent(queue)}.jobs
      where task_identifier = $2 and locked_by is null and starts_with(key, $1)`,
    [extractJobKey(''), TASK_EXTRACT],
  );
  const running = await engine.query<{ connection: string; worker: string }>(
    `select r.connection, r.worker from ${runs} r join ${quoteIdent(queue)}.jobs j on j.id = r.job_id and j.locked_by = r.queue_worker where r.status = 'running'`,
  );
  const failures = await engine.query<{ connection: string; failures: number; last_error: string | null }>(
    `select connection, count(*) filter (where status = 'failed') as failures,
            (array_agg(error order by started_at desc) filter (where status = 'failed'))[1] as last_error
       from ${runs} r
      where started_at > coalesce((select max(started_at) from ${runs} s where s.connection = r.connection and s.status = 'succeeded'), '-infinity')
      group by connection`,
  );
  const out = new Map<string, FleetConnectionStatus>();
  for (const c of config.connections) out.set(c.name, { running_on: null, queued: false, failures: 0, parked: false, last_error: null });
  for (const f of failures) {
    const s = out.get(f.connection);
    if (s) Object.assign(s, { failures: Number(f.failures), last_error: f.last_error });
  }
  for (const r of running) {
    const s = out.get(r.connection);
    if (s) s.running_on = r.worker;
  }
  for (const j of waiting) {
    const s = out.get(j.connection);
    if (!s) continue;
    if (j.attempts >= j.max_attempts) {
      s.parked = true;
      s.last_error = j.last_error ?? s.last_error;
    } else s.queued = true;
  }
  return out;
}
