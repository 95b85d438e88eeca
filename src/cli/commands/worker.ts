import { UsageError } from '../../core/errors.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { buildModels } from '../../../transforms/index.ts';
import type { CommandContext } from '../context.ts';
import { createProgress } from '../progress.ts';

export interface WorkerCommandOptions {
  concurrency?: number;
}

/**
 * `hirelake worker`: runs scheduled and enqueued extracts from the Postgres job queue until
 * SIGTERM/SIGINT, which drains it (no new jobs; running extracts stop at a clean checkpoint and go
 * back to the queue) before it exits 143/130. A second signal exits at once.
 */
export async function workerCommand(ctx: CommandContext, opts: WorkerCommandOptions): Promise<number> {
  if (ctx.connections) throw new UsageError('--connection does not apply to worker: it runs every connection of the config as its schedule or `hirelake enqueue` asks');
  // The queue library loads only for the fleet's commands.
  const { runWorker } = await import('../../fleet/worker.ts');
  await ctx.interrupt.cooperate((drain) =>
    runWorker({
      config: ctx.config,
      sources: ctx.sources,
      log: ctx.log,
      redactor: ctx.redactor,
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      drain,
      progress: (runId) => createProgress(ctx.log.child({ run_id: runId })),
      transform: async (engine, connections, runId, log) => {
        // Only these connections' rows are rebuilt; marts end equal to a full rebuild.
        const result = await engine.withLock('models', { wait: true }, () => engine.withQueryMemory(() => buildModels({ engine, config: ctx.config, log, runId, sources: ctx.sources, connections })));
        const failed = result.models.filter((m) => m.status === 'failed');
        if (!result.ok) throw new Error(`models failed after extracting ${connections.join(', ')}: ${failed.map((m) => `${m.name}: ${m.error}`).join('; ')}`);
        log.info(`models rebuilt for ${connections.join(', ')} in ${result.seconds.toFixed(1)} s`);
      },
    }),
  );
  return 0;
}

/** `hirelake enqueue --connection a,b | --all`: extract these now, on whichever worker is free. */
export async function enqueueCommand(ctx: CommandContext, opts: { all?: boolean }): Promise<number> {
  if (!ctx.connections && !opts.all) throw new UsageError('enqueue needs --connection <names> or --all');
  if (ctx.connections && opts.all) throw new UsageError('pass either --connection or --all, not both');
  const names = ctx.connections ?? ctx.config.connections.map((c) => c.name);
  const { enqueueExtracts } = await import('../../fleet/enqueue.ts');
  const { queueSchema } = await import('../../fleet/queue.ts');
  queueSchema(ctx.config);
  await usingEngine(ctx.config.warehouse, { wait: false }, (engine) => enqueueExtracts(engine, ctx.config, names));
  if (ctx.out.json) ctx.out.data({ command: 'enqueue', connections: names });
  else ctx.out.line(`enqueued ${names.length === 1 ? 'an extract' : `${names.length} extracts`}: ${names.join(', ')}`);
  return 0;
}
