// The fleet's scheduling, retries and parking, in-process against a throwaway Postgres prefix:
// several "workers" (engines) ticking the same due time enqueue it once; a failing extract is
// retried and then parked, shown by status, skipped by the schedule, and revived by enqueue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from 'graphile-worker';
import { sources } from '../../extractors/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { enqueueExtracts } from '../../src/fleet/enqueue.ts';
import { ensureFleetSchema } from '../../src/fleet/fleet-schema.ts';
import { fleetStatus } from '../../src/fleet/fleet-status.ts';
import { extractJobKey, queueSchema } from '../../src/fleet/queue.ts';
import { tickSchedules } from '../../src/fleet/scheduler.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { dropPrefixedSchemas, PG_URL, testPrefix } from '../helpers/postgres.ts';

describe('fleet scheduling on Postgres', () => {
  const prefix = testPrefix();
  const engines: PostgresEngine[] = [];
  let config: HirelakeConfig;
  let queue: string;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) engines.push(await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 2 }));
    const conn = (name: string, schedule?: string) => ({
      name, source: 'greenhouse', base_url: `http://127.0.0.1:9/${name}`, credentials: { client_id: name, client_secret: 'secret-value', user_id: '1' }, ...(schedule ? { schedule } : {}),
    });
    config = resolveConfig(
      { warehouse: { engine: 'postgres', url: PG_URL, schema_prefix: prefix }, worker: { max_attempts: 2 }, connections: [conn('hourly', '0 * * * *'), conn('daily', '0 6 * * *'), conn('adhoc')] },
      '/tmp/hirelake.yml',
      sources,
    );
    queue = queueSchema(config);
    await ensureMetaSchema(engines[0]!);
    await ensureFleetSchema(engines[0]!);
    await runMigrations({ connectionString: PG_URL, schema: queue });
  });
  afterAll(async () => {
    await engines[0]!.exec(`drop schema if exists "${queue}" cascade`);
    await dropPrefixedSchemas(engines[0]!, prefix);
    for (const e of engines) await e.close();
  });

  const jobs = (engine = engines[0]!) =>
    engine.query<{ key: string; attempts: number; max_attempts: number; run_at: Date }>(`select key, attempts, max_attempts, run_at from "${queue}".jobs order by key`);

  it('three workers ticking the same moment enqueue each due time exactly once; the next tick in the same hour adds nothing', async () => {
    const now = new Date('2026-03-02T10:17:00Z');
    const results = await Promise.all(engines.map((e) => tickSchedules(e, config, queue, silentLogger, now)));
    const enqueued = results.flatMap((r) => r.enqueued).sort();
    expect(enqueued).toEqual(['daily', 'hourly']);
    const ticks = await engines[0]!.query<{ connection: string; due_at: Date }>(`select connection, due_at from "${prefix}hirelake".schedule_ticks order by connection`);
    expect(ticks).toEqual([
      { connection: 'daily', due_at: new Date('2026-03-02T06:00:00Z') },
      { connection: 'hourly', due_at: new Date('2026-03-02T10:00:00Z') },
    ]);
    expect((await jobs()).map((j) => j.key)).toEqual([extractJobKey('daily'), extractJobKey('hourly')]);
    const again = await Promise.all(engines.map((e) => tickSchedules(e, config, queue, silentLogger, new Date('2026-03-02T10:59:00Z'))));
    expect(again.flatMap((r) => r.enqueued)).toEqual([]);
    // The next hour: only hourly is due again; its pending job is refreshed, not doubled.
    const next = await tickSchedules(engines[1]!, config, queue, silentLogger, new Date('2026-03-02T11:00:30Z'));
    expect(next.enqueued).toEqual(['hourly']);
    expect((await jobs()).length).toBe(2);
  });

  it('a parked extract is shown parked, skipped by its schedule, and revived by enqueue', async () => {
    const engine = engines[0]!;
    // Fail hourly's job out of attempts, as a worker would (graphile's own fail path).
    const [job] = await engine.query<{ id: string }>(`select id from "${queue}".jobs where key = $1`, [extractJobKey('hourly')]);
    for (let i = 0; i < 2; i++) {
      await engine.exec(`update "${queue}"._private_jobs set attempts = attempts + 1, last_error = 'HTTP 401 from greenhouse' where id = $1`, [job!.id]);
    }
    await engine.exec(`insert into "${prefix}hirelake".job_runs (job_id, connection, attempt, worker, run_id, started_at, finished_at, status, error) values
      ($1, 'hourly', 1, 'w:1', 'r1', now(), now(), 'failed', 'HTTP 401 from greenhouse'), ($1, 'hourly', 2, 'w:2', 'r2', now(), now(), 'failed', 'HTTP 401 from greenhouse')`, [job!.id]);
    const status = await fleetStatus(engine, config);
    expect(status!.get('hourly')).toEqual({ running_on: null, queued: false, failures: 2, parked: true, last_error: 'HTTP 401 from greenhouse' });
    expect(status!.get('daily')).toMatchObject({ queued: true, parked: false, failures: 0 });

    const tick = await tickSchedules(engine, config, queue, silentLogger, new Date('2026-03-02T12:00:10Z'));
    expect(tick).toEqual({ enqueued: [], parked: ['hourly'] });
    expect((await jobs()).find((j) => j.key === extractJobKey('hourly'))!.attempts).toBe(2);

    await enqueueExtracts(engine, config, ['hourly', 'adhoc']);
    const after = await jobs();
    expect(after.map((j) => j.key)).toEqual([extractJobKey('adhoc'), extractJobKey('daily'), extractJobKey('hourly')]);
    expect(after.find((j) => j.key === extractJobKey('hourly'))!.attempts).toBe(0);
    expect((await fleetStatus(engine, config))!.get('hourly')).toMatchObject({ parked: false, queued: true });
  });
});
