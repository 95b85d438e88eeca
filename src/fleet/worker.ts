import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import pg from 'pg';
import { Logger as QueueLogger, run, runMigrations, type JobHelpers, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type { HirelakeConfig, SourceRegistry } from '../config/load.ts';
import { newRunId } from '../core/ids.ts';
import type { Engine } from '../engine/engine.ts';
import { qualified } from '../engine/identifiers.ts';
import { openEngine } from '../engine/open-engine.ts';
import type { ExtractObserver } from '../extract/observer.ts';
import { runExtract } from '../extract/run-extract.ts';
import type { Redactor } from '../http/index.ts';
import type { Logger } from '../log/logger.ts';
import { ensureMetaSchema } from '../state/meta-ddl.ts';
import { ensureFleetSchema } from './fleet-schema.ts';
import { credentialQueue, extractJobKey, MODELS_QUEUE, queueSchema, TASK_EXTRACT, TASK_TRANSFORM, TRANSFORM_JOB_KEY, type ExtractPayload, type TransformPayload } from './queue.ts';
import { livenessKey, reapDeadWorkers } from './reaper.ts';
import { tickSchedules } from './scheduler.ts';

/** Rebuilds models for the connections whose raw data just changed (see transform-after-extract). */
export type TransformConnections = (engine: Engine, connections: readonly string[], runId: string, log: Logger) => Promise<void>;

export interface WorkerOptions {
  readonly config: HirelakeConfig;
  readonly sources: SourceRegistry;
  readonly log: Logger;
  readonly redactor: Redactor;
  /** Jobs this process runs at once (default: the config's concurrency). */
  readonly concurrency?: number;
  /** Aborts to drain: take no more jobs, stop running extracts at a clean checkpoint, requeue them, exit. */
  readonly drain: AbortSignal;
  readonly transform: TransformConnections;
  /** Progress of running extracts (off-TTY log lines), created per job. */
  readonly progress?: (runId: string) => ExtractObserver & { done(): void };
  /** Called once the worker takes jobs (tests and `hirelake worker` say so). */
  readonly onReady?: (info: { name: string; queue: string }) => void;
}

/** `hirelake worker`: scheduled and enqueued extracts, then their model rebuilds, until drained. */
export async function runWorker(opts: WorkerOptions): Promise<void> {
  const { config } = opts;
  const queue = queueSchema(config);
  const wh = config.warehouse;
  if (wh.engine !== 'postgres') throw new Error('unreachable: queueSchema checks the engine');
  const name = `${hostname()}:${process.pid}`;
  const log = opts.log.child({ worker: name });
  const concurrency = opts.concurrency ?? config.concurrency;
  const engine = await openEngine(wh, { applicationName: `hirelake worker ${name}` });
  const stopped = new AbortController();
  const held: Promise<unknown>[] = [];
  const mine = new Set<string>();
  let runner: Runner | undefined;
  let queuePool: pg.Pool | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    await ensureMetaSchema(engine);
    await ensureFleetSchema(engine);
    const queueLogger = new QueueLogger(() => (level, message) => {
      if (level === 'error') log.error(`queue: ${message}`);
      else if (level === 'warning') log.warn(`queue: ${message}`);
      else log.debug(`queue: ${message}`);
    });
    const common = { connectionString: wh.url, schema: queue, logger: queueLogger };
    // Several workers may start at once against a new database: one migrates, the others wait.
    await engine.withLock('queue:migrate', { wait: true }, () => runMigrations(common));

    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    events.on('worker:create', ({ worker }) => {
      mine.add(worker.workerId);
      // Held until this process stops; the server drops it if the process dies (see reaper.ts).
      held.push(
        engine
          .withLock(livenessKey(worker.workerId), { wait: false }, () => new Promise<void>((resolve) => stopped.signal.addEventListener('abort', () => resolve(), { once: true })))
          .catch((err: unknown) => log.error(`cannot hold the liveness lock of queue worker ${worker.workerId}: ${(err as Error).message}`)),
      );
    });

    const taskList: TaskList = {
      [TASK_EXTRACT]: (payload, helpers) => extractTask(payload as ExtractPayload, helpers),
      [TASK_TRANSFORM]: (payload, helpers) => transformTask(payload as TransformPayload, helpers),
    };

    async function extractTask(payload: ExtractPayload, helpers: JobHelpers): Promise<void> {
      const connection = config.connections.find((c) => c.name === payload.connection);
      if (!connection) {
        log.warn(`job ${helpers.job.id}: connection ${payload.connection} is not in ${config.file}; dropping it`);
        return;
      }
      const runId = newRunId();
      const jobLog = log.child({ run_id: runId, connection: connection.name, job_id: String(helpers.job.id) });
      const runs = qualified(engine.schemas.meta, 'job_runs');
      const where = 'job_id = $1 and run_id = $2';
      await engine.exec(
        `insert into ${runs} (job_id, connection, attempt, worker, queue_worker, run_id, due_at, started_at, status) values ($1, $2, $3, $4, $5, $6, $7, $8, 'running')`,
        [helpers.job.id, connection.name, helpers.job.attempts, name, helpers.job.locked_by, runId, payload.due_at, new Date()],
      );
      const finish = (status: string, error: string | null) =>
        engine.exec(`update ${runs} set status = $3, finished_at = $4, error = $5 where ${where}`, [helpers.job.id, runId, status, new Date(), error]);
      jobLog.info(`${connection.name}: extract started (attempt ${helpers.job.attempts} of ${helpers.job.max_attempts})`);
      const signal = AbortSignal.any([opts.drain, helpers.abortSignal]);
      const progress = opts.progress?.(runId);
      let summary;
      try {
        summary = await runExtract({ config, sources: opts.sources, engine, runId, connections: [connection.name], concurrency: 1, log: jobLog, redactor: opts.redactor, signal, ...(progress ? { observer: progress } : {}) });
      } catch (err) {
        await finish('failed', opts.redactor.redact((err as Error).message));
        throw err;
      } finally {
        progress?.done();
      }
      if (signal.aborted && !summary.ok) {
        // Drained, not failed: the streams stopped at a checkpoint; a successor job resumes there.
        await finish('interrupted', 'the worker was stopped; requeued');
        await helpers.addJob(TASK_EXTRACT, payload, { queueName: credentialQueue(connection), jobKey: extractJobKey(connection.name), maxAttempts: config.worker.max_attempts });
        jobLog.info(`${connection.name}: stopped at a clean checkpoint and requeued`);
        return;
      }
      if (!summary.ok) {
        const errors = [...new Set(summary.streams.filter((s) => s.error).map((s) => s.error!))];
        const message = `${summary.streams.filter((s) => s.status !== 'succeeded').length} streams did not complete: ${errors.join('; ')}`;
        await finish('failed', message);
        const parked = helpers.job.attempts >= helpers.job.max_attempts;
        jobLog.warn(`${connection.name}: extract failed (attempt ${helpers.job.attempts} of ${helpers.job.max_attempts})${parked ? '; parked until `hirelake enqueue`' : '; will retry with backoff'}: ${message}`);
        throw new Error(message);
      }
      await finish('succeeded', null);
      const records = summary.streams.reduce((n, s) => n + s.records, 0);
      jobLog.info(`${connection.name}: extract succeeded, ${records.toLocaleString('en-US')} records in ${summary.seconds.toFixed(1)} s`);
      // Model rebuilds batch up: while one waits, more connections join its payload.
      const batch: TransformPayload = [{ connection: connection.name }];
      await helpers.addJob(TASK_TRANSFORM, batch, { queueName: MODELS_QUEUE, jobKey: TRANSFORM_JOB_KEY, jobKeyMode: 'preserve_run_at', runAt: new Date(Date.now() + 1_000), maxAttempts: config.worker.max_attempts });
    }

    async function transformTask(payload: TransformPayload, helpers: JobHelpers): Promise<void> {
      const connections = [...new Set((Array.isArray(payload) ? payload : [payload]).map((p) => p.connection))].filter((c) => config.connections.some((x) => x.name === c));
      if (connections.length === 0) return;
      const runId = newRunId();
      await opts.transform(engine, connections, runId, log.child({ run_id: runId, job_id: String(helpers.job.id) }));
    }

    // The queue's own sessions: the LISTEN client, job fetches and completions, a little more than
    // the jobs; named like the engine's so pg_stat_activity shows whose they are.
    queuePool = new pg.Pool({ connectionString: wh.url, max: concurrency + 2, application_name: `hirelake queue ${name}` });
    const onQueueError = (err: Error) => log.warn(`queue session: ${opts.redactor.redact(err.message)}`);
    queuePool.on('error', onQueueError);
    queuePool.on('connect', (client) => client.on('error', onQueueError));
    const { connectionString: _, ...withoutUrl } = common;
    runner = await run({
      ...withoutUrl,
      pgPool: queuePool,
      concurrency,
      noHandleSignals: true,
      pollInterval: Math.round(config.worker.poll_seconds * 1000),
      taskList,
      events,
    });

    const seen = new Map<string, number>();
    let ticking = false;
    const tick = async () => {
      if (ticking || opts.drain.aborted) return;
      ticking = true;
      try {
        await tickSchedules(engine, config, queue, log, new Date(), seen);
        await reapDeadWorkers(engine, queue, mine, log);
      } catch (err) {
        log.warn(`schedule check failed (next try in ${config.worker.tick_seconds} s): ${opts.redactor.redact((err as Error).message)}`);
      } finally {
        ticking = false;
      }
    };
    await tick();
    timers.push(setInterval(() => void tick(), config.worker.tick_seconds * 1000));
    log.info(`worker ${name} running: ${concurrency} jobs at a time, queue ${queue}, ${config.connections.filter((c) => c.schedule).length} scheduled connections`);
    opts.onReady?.({ name, queue });

    const fatal = runner.promise.then(
      () => 'stopped',
      (err: unknown) => {
        throw err;
      },
    );
    const drained = new Promise<'drain'>((resolve) => {
      if (opts.drain.aborted) resolve('drain');
      opts.drain.addEventListener('abort', () => resolve('drain'), { once: true });
    });
    await Promise.race([fatal, drained]);
    fatal.catch(() => undefined);
    log.info(`worker ${name} draining: no new jobs; running extracts stop at their next checkpoint`);
  } finally {
    for (const t of timers) clearInterval(t);
    // Graceful: running jobs finish (extracts have been told to checkpoint and stop).
    if (runner) await runner.stop().catch((err: unknown) => log.warn(`stopping the queue runner: ${(err as Error).message}`));
    stopped.abort();
    await Promise.all(held);
    await queuePool?.end().catch(() => undefined);
    await engine.close();
  }
}
