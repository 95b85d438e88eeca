import type { Engine } from '../engine/engine.ts';
import { HirelakeError } from '../core/errors.ts';
import { qualified, quoteIdent } from '../engine/identifiers.ts';
import type { Logger } from '../log/logger.ts';

/**
 * The advisory lock a live queue worker holds for as long as its process lives. The lock lives on
 * the process's Postgres lock session, so the server releases it the moment the process dies,
 * SIGKILL included: a free lock means a dead worker.
 */
export const livenessKey = (queueWorkerId: string) => `queue-worker:${queueWorkerId}`;

/** Jobs locked more recently than this are left alone: their worker may not hold its lock yet. */
const GRACE_SECONDS = 15;

/**
 * Hands the jobs of dead workers back to the queue. graphile-worker itself would keep a crashed
 * worker's jobs (and its credential queue) locked for four hours; here every worker checks, every
 * few seconds, whose locks have no live owner and unlocks them with force_unlock_workers, so
 * another worker picks the job up again (it resumes from the stream checkpoints).
 */
export async function reapDeadWorkers(engine: Engine, queue: string, mine: ReadonlySet<string>, log: Logger): Promise<string[]> {
  const rows = await engine.query<{ locked_by: string }>(
    `select distinct locked_by from ${quoteIdent(queue)}.jobs where locked_by is not null and locked_at < now() - make_interval(secs => $1)`,
    [GRACE_SECONDS],
  );
  const reaped: string[] = [];
  for (const { locked_by } of rows) {
    if (mine.has(locked_by)) continue;
    try {
      await engine.withLock(livenessKey(locked_by), { wait: false }, async () => {
        // The attempt is closed before its job is released, so no successor can start before it ends.
        await engine.exec(
          `update ${qualified(engine.schemas.meta, 'job_runs')} set status = 'lost', finished_at = $2, error = 'its worker died mid-run; the job went back to the queue'
            where queue_worker = $1 and status = 'running'`,
          [locked_by, new Date()],
        );
        await engine.exec(`select ${quoteIdent(queue)}.force_unlock_workers(array[$1::text])`, [locked_by]);
      });
      reaped.push(locked_by);
      log.warn(`queue worker ${locked_by} died holding jobs; they are back in the queue`, { queue_worker: locked_by });
    } catch (err) {
      // Busy: its owner is alive. Anything else is worth a line but must not stop the worker.
      if (!(err instanceof HirelakeError && /holds the lock/.test(err.message))) log.warn(`checking queue worker ${locked_by}: ${(err as Error).message}`);
    }
  }
  return reaped;
}
