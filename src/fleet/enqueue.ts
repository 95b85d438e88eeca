import { runMigrations } from 'graphile-worker';
import type { HirelakeConfig } from '../config/load.ts';
import type { Engine } from '../engine/engine.ts';
import { ensureMetaSchema } from '../state/meta-ddl.ts';
import { ensureFleetSchema } from './fleet-schema.ts';
import { quoteIdent } from '../engine/identifiers.ts';
import { addExtractJob, extractJobKey, queueSchema } from './queue.ts';

/** Creates or upgrades the queue's schema; concurrent callers queue on one lock. */
export async function migrateQueue(engine: Engine, config: HirelakeConfig): Promise<string> {
  const queue = queueSchema(config);
  if (config.warehouse.engine !== 'postgres') throw new Error('unreachable: queueSchema checks the engine');
  const url = config.warehouse.url;
  await engine.withLock('queue:migrate', { wait: true }, () => runMigrations({ connectionString: url, schema: queue }));
  return queue;
}

/**
 * `hirelake enqueue`: asks the fleet to extract these connections now. A pending request is
 * refreshed rather than doubled, and a parked connection is revived with fresh attempts.
 */
export async function enqueueExtracts(engine: Engine, config: HirelakeConfig, connections: readonly string[]): Promise<void> {
  const queue = await migrateQueue(engine, config);
  await ensureMetaSchema(engine);
  await ensureFleetSchema(engine);
  await engine.transaction(async (tx) => {
    for (const name of connections) {
      const connection = config.connections.find((c) => c.name === name)!;
      // A parked job is removed rather than left behind: add_job would only detach it from its key.
      await tx.query(`select ${quoteIdent(queue)}.remove_job(key) from ${quoteIdent(queue)}.jobs where key = $1 and locked_at is null and attempts >= max_attempts`, [extractJobKey(name)]);
      await addExtractJob(tx, queue, connection, config.worker.max_attempts, null);
    }
  });
}
