import type { HirelakeConfig } from '../config/load.ts';
import type { ConnectionBase } from '../config/schema.ts';
import { HirelakeError } from '../core/errors.ts';
import type { SqlRunner } from '../engine/engine.ts';
import { quoteIdent } from '../engine/identifiers.ts';
import { credentialKey } from '../extract/credential-key.ts';

/**
 * The fleet's job queue is graphile-worker, in its own schema of the warehouse database. Why it:
 * jobs are added with SQL inside our own transactions (a due time is recorded and its job added
 * atomically, so a schedule fires exactly once however many workers tick); named queues run
 * their jobs one at a time across every worker (one queue per vendor credential: one extract per
 * connection at a time, and a key's rate limit is never multiplied); job keys coalesce repeated
 * requests; failed jobs retry with exponential backoff and stay, with their last error, once out
 * of attempts (parking); LISTEN/NOTIFY wakes workers at once. pg-boss would need its policy queues
 * and a separate client call per job for the same.
 */
export const TASK_EXTRACT = 'hirelake_extract';
export const TASK_TRANSFORM = 'hirelake_transform';
/** Model builds run one at a time across the fleet, as they would under the models lock anyway. */
export const MODELS_QUEUE = 'hirelake_models';
export const TRANSFORM_JOB_KEY = 'hirelake_transform';

export function queueSchema(config: HirelakeConfig): string {
  if (config.warehouse.engine !== 'postgres') {
    throw new HirelakeError('usage', 'the worker fleet needs a Postgres warehouse (warehouse.engine: postgres): its job queue lives there', 'run `hirelake extract` on a schedule for a DuckDB warehouse (see README: Scheduling)');
  }
  return `${config.warehouse.schema_prefix}hirelake_queue`;
}

export const extractJobKey = (connection: string) => `extract:${connection}`;
/** One queue per vendor credential (see above); the key is a digest, never the secret. */
export const credentialQueue = (connection: ConnectionBase) => `credential:${credentialKey(connection)}`;

export interface ExtractPayload {
  connection: string;
  /** The schedule's due time this run is for, or null when asked for by `hirelake enqueue`. */
  due_at: string | null;
}

export type TransformPayload = { connection: string }[];

/**
 * Adds (or refreshes) a connection's extract job with SQL, so it can share a transaction with other
 * writes. Its job key coalesces: a pending job is replaced (and a parked one revived, its attempts
 * reset), a running one gets a successor.
 */
export async function addExtractJob(runner: SqlRunner, schema: string, connection: ConnectionBase, maxAttempts: number, dueAt: Date | null): Promise<void> {
  const payload: ExtractPayload = { connection: connection.name, due_at: dueAt ? dueAt.toISOString() : null };
  await runner.query(
    `select id from ${quoteIdent(schema)}.add_job(identifier => $1, payload => $2::json, queue_name => $3, max_attempts => $4::smallint, job_key => $5, job_key_mode => 'replace')`,
    [TASK_EXTRACT, JSON.stringify(payload), credentialQueue(connection), maxAttempts, extractJobKey(connection.name)],
  );
}
