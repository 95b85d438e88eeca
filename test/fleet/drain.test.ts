// SIGTERM drains a worker: it takes no new job, its running extract stops at a clean checkpoint and
// goes back to the queue (not counted as a failure), and the next worker resumes it to the end.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, DAY } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { sources } from '../../extractors/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { enqueueExtracts } from '../../src/fleet/enqueue.ts';
import { runWorker } from '../../src/fleet/worker.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { pgWarehouse, PG_URL } from '../helpers/postgres.ts';

describe('draining a worker', () => {
  let emu: GreenhouseEmulator;
  let wh: Awaited<ReturnType<typeof pgWarehouse>>;
  let config: HirelakeConfig;
  beforeAll(async () => {
    wh = await pgWarehouse();
    const now = Date.now() - 60_000;
    emu = await startGreenhouseEmulator({ world: createWorld({ seed: 8, size: 'tiny', start: now - 90 * DAY, now }), rateLimit: { limit: 100_000, windowMs: 30_000 } });
    config = resolveConfig(
      {
        warehouse: { engine: 'postgres', url: PG_URL, schema_prefix: wh.prefix },
        worker: { tick_seconds: 1, poll_seconds: 0.2 },
        connections: [{ name: 'acme', source: 'greenhouse', credentials: emu.credentials, base_url: emu.url, token_url: emu.tokenUrl, per_page: 20 }],
      },
      '/tmp/hirelake.yml',
      sources,
    );
  });
  afterAll(async () => {
    emu.setFaults({});
    await emu.stop();
    await wh.engine.exec(`drop schema if exists "${wh.prefix}hirelake_queue" cascade`);
    await wh.dispose();
  });

  const start = (drain: AbortSignal) =>
    runWorker({ config, sources, log: silentLogger, redactor: new Redactor(), drain, concurrency: 1, transform: async () => undefined });
  const attempts = () => wh.engine.query<{ status: string; error: string | null }>(`select status, error from "${wh.prefix}hirelake".job_runs order by started_at`);

  it('stops the running extract at a checkpoint, requeues it, and the next worker finishes it', async () => {
    await enqueueExtracts(wh.engine, config, ['acme']);
    emu.setFaults({ slow: { probability: 1, delayMs: 40 } });
    emu.resetStats();
    const drain = new AbortController();
    const first = start(drain.signal);
    while (emu.stats().requests < 10) await sleep(20);
    drain.abort();
    await first;
    expect((await attempts()).map((a) => a.status)).toEqual(['interrupted']);
    const [job] = await wh.engine.query<{ attempts: number }>(`select attempts from "${wh.prefix}hirelake_queue".jobs where key = 'extract:acme'`);
    expect(job).toEqual({ attempts: 0 });
    const pending = await wh.engine.query<{ n: number }>(`select count(*) as n from "${wh.prefix}hirelake".stream_state where state like '%"pending":{%'`);
    expect(pending[0]!.n).toBeGreaterThan(0);

    emu.setFaults({});
    const drain2 = new AbortController();
    const second = start(drain2.signal);
    while ((await attempts()).length < 2 || (await attempts())[1]!.status === 'running') await sleep(100);
    drain2.abort();
    await second;
    expect((await attempts()).map((a) => a.status)).toEqual(['interrupted', 'succeeded']);
  });
});
