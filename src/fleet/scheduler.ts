import type { HirelakeConfig } from '../config/load.ts';
import type { Engine } from '../engine/engine.ts';
import { qualified, quoteIdent } from '../engine/identifiers.ts';
import type { Logger } from '../log/logger.ts';
import { latestDue } from '../schedule/cron.ts';
import { addExtractJob, extractJobKey } from './queue.ts';

export interface TickResult {
  /** Connections whose due time this call enqueued. */
  enqueued: string[];
  /** Due times skipped because the connection is parked. */
  parked: string[];
}

/**
 * Every worker calls this every few seconds. For each scheduled connection, the latest due time at
 * or before `now` is recorded in schedule_ticks and its extract enqueued in the same transaction;
 * the primary key lets exactly one worker win each due time. After downtime only the latest missed
 * due time runs (no backlog of identical extracts). A due time that finds the connection's extract
 * in its retry backoff leaves it be; a parked connection's due times are recorded but not run: it
 * waits for `hirelake enqueue`.
 */
export async function tickSchedules(engine: Engine, config: HirelakeConfig, queue: string, log: Logger, now = new Date(), seen?: Map<string, number>): Promise<TickResult> {
  const result: TickResult = { enqueued: [], parked: [] };
  const ticks = qualified(engine.schemas.meta, 'schedule_ticks');
  for (const connection of config.connections) {
    if (!connection.schedule) continue;
    const due = latestDue(connection.schedule, now);
    if (!due) continue;
    // This worker already settled this due time: no round trip.
    if (seen?.get(connection.name) === due.getTime()) continue;
    const outcome = await engine.transaction(async (tx) => {
      const [existing] = await tx.query<{ attempts: number; max_attempts: number }>(
        `select attempts, max_attempts from ${quoteIdent(queue)}.jobs where key = $1 and locked_at is null`,
        [extractJobKey(connection.name)],
      );
      // A job in its retry backoff already runs soon; replacing it would reset its attempts, so a
      // schedule more frequent than the backoff could never park it.
      const what = !existing || existing.attempts === 0 ? 'enqueued' : existing.attempts >= existing.max_attempts ? 'parked' : 'retrying';
      const won = await tx.query(`insert into ${ticks} (connection, due_at, recorded_at, outcome) values ($1, $2, $3, $4) on conflict do nothing returning 1 as won`, [
        connection.name,
        due,
        new Date(),
        what,
      ]);
      if (won.length === 0) return 'taken';
      if (what === 'enqueued') await addExtractJob(tx, queue, connection, config.worker.max_attempts, due);
      return what;
    });
    seen?.set(connection.name, due.getTime());
    if (outcome === 'enqueued') {
      result.enqueued.push(connection.name);
      log.info(`${connection.name}: due at ${due.toISOString()}, extract enqueued`, { connection: connection.name, due_at: due.toISOString() });
    } else if (outcome === 'parked') {
      result.parked.push(connection.name);
      log.warn(`${connection.name}: due at ${due.toISOString()} but parked after repeated failures; \`hirelake enqueue --connection ${connection.name}\` runs it again`, { connection: connection.name });
    }
  }
  return result;
}
