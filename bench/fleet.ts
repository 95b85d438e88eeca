// The worker fleet at scale: 200 Greenhouse connections, each its own emulator and API key with a
// rate limit, extracted by 4 `hirelake worker` processes from the Postgres queue. Reports the total
// time against what the keys' rate limits allow, the Postgres backends the fleet held, the queue's
// overhead per job, and what one connection's model rebuild costs with 1 vs 200 connections in the
// warehouse. Environment: FLEET_CONNECTIONS (200), FLEET_WORKERS (4), FLEET_CONCURRENCY (4),
// FLEET_RATE (requests per key per window, 10), FLEET_WINDOW_MS (2000).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { createWorld, customStageMapping, DAY } from '../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../emulators/greenhouse/index.ts';
import { sources } from '../extractors/index.ts';
import { resolveConfig } from '../src/config/load.ts';
import { qualified, quoteIdent } from '../src/engine/identifiers.ts';
import { PostgresEngine } from '../src/engine/postgres/postgres-engine.ts';
import { enqueueExtracts } from '../src/fleet/enqueue.ts';
import { silentLogger } from '../src/log/logger.ts';
import { buildModels } from '../transforms/index.ts';
import { tempDir } from '../test/helpers/tmp.ts';
import { ROOT } from './lib.ts';

const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

async function dropPrefix(engine: PostgresEngine, prefix: string): Promise<void> {
  const rows = await engine.query<{ nspname: string }>('select nspname from pg_namespace where starts_with(nspname, $1)', [prefix]);
  for (const { nspname } of rows) await engine.exec(`drop schema ${quoteIdent(nspname)} cascade`);
}

export async function benchFleet(): Promise<Record<string, unknown>> {
  const CONNECTIONS = num('FLEET_CONNECTIONS', 200);
  const WORKERS = num('FLEET_WORKERS', 4);
  const CONCURRENCY = num('FLEET_CONCURRENCY', 4);
  const RATE = num('FLEET_RATE', 10);
  const WINDOW_MS = num('FLEET_WINDOW_MS', 2_000);
  const POOL = 4;
  const prefix = `bf_${Date.now().toString(36)}_`;
  const tmp = tempDir('hirelake-fleet-');
  const emulators: GreenhouseEmulator[] = [];
  const children: ChildProcess[] = [];
  const admin = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 2 });
  try {
    const now = Date.now() - 5 * 60_000;
    const connections: Record<string, unknown>[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const world = createWorld({ seed: 1000 + i, size: 'tiny', start: now - 60 * DAY, now });
      const emu = await startGreenhouseEmulator({ world, clientId: `key-${i}`, clientSecret: `secret-${i}`, rateLimit: { limit: RATE, windowMs: WINDOW_MS } });
      emulators.push(emu);
      connections.push({ name: `c${String(i).padStart(3, '0')}`, source: 'greenhouse', credentials: emu.credentials, base_url: emu.url, token_url: emu.tokenUrl, per_page: 100, stage_mapping: customStageMapping(world) });
    }
    const raw = { concurrency: CONCURRENCY, warehouse: { engine: 'postgres', url: PG_URL, schema_prefix: prefix, pool_size: POOL }, worker: { tick_seconds: 5, poll_seconds: 1 }, connections };
    mkdirSync(tmp.dir, { recursive: true });
    const file = join(tmp.dir, 'hirelake.yml');
    writeFileSync(file, stringify(raw));
    const config = resolveConfig(raw, file, sources);

    await enqueueExtracts(admin, config, config.connections.map((c) => c.name));
    const started = Date.now();
    for (let i = 0; i < WORKERS; i++) {
      children.push(spawn(process.execPath, [`${ROOT}bin/hirelake.js`, 'worker', '--config', file, '--log-level', 'error'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true', HIRELAKE_FROM_SOURCE: '1' } }));
    }
    const runs = qualified(admin.schemas.meta, 'job_runs');
    const queue = `${prefix}hirelake_queue`;
    let maxBackends = 0;
    let extracted = 0;
    for (;;) {
      const pids = children.map((c) => String(c.pid));
      const [b] = await admin.query<{ n: number }>(
        `select count(*) as n from pg_stat_activity where application_name ~ '^hirelake (worker|queue) ' and split_part(application_name, ':', 2) = any(string_to_array($1, ','))`,
        [pids.join(',')],
      );
      maxBackends = Math.max(maxBackends, Number(b!.n));
      const [d] = await admin.query<{ n: number }>(`select count(distinct connection) as n from ${runs} where status = 'succeeded'`).catch(() => [{ n: 0 }]);
      extracted = Number(d!.n);
      if (extracted >= CONNECTIONS) {
        const [q] = await admin.query<{ n: number }>(`select count(*) as n from ${quoteIdent(queue)}.jobs`);
        if (Number(q!.n) === 0) break;
      }
      if (Date.now() - started > 30 * 60_000) throw new Error(`timed out with ${extracted} of ${CONNECTIONS} extracted`);
      await sleep(200);
    }
    const totalSeconds = (Date.now() - started) / 1000;

    // Queue overhead: jobs whose connection is not in the config are taken, looked at and completed
    // without any work, so what they cost the running fleet is the queue's (and our dispatch's) own.
    const NOOPS = 400;
    const t0 = Date.now();
    await admin.exec(
      `select ${quoteIdent(queue)}.add_job(identifier => 'hirelake_extract', payload => json_build_object('connection', 'absent_' || i, 'due_at', null)) from generate_series(1, $1) i`,
      [NOOPS],
    );
    for (;;) {
      const [q] = await admin.query<{ n: number }>(`select count(*) as n from ${quoteIdent(queue)}.jobs`);
      if (Number(q!.n) === 0) break;
      await sleep(20);
    }
    const noopSeconds = (Date.now() - t0) / 1000;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));

    // What the rate limits allow: every key's requests at its own rate, with at most
    // WORKERS × CONCURRENCY keys being read at a time.
    const requests = emulators.map((e) => e.stats().byPath);
    const apiRequests = requests.map((p) => Object.entries(p).filter(([k]) => k.startsWith('/v3/')).reduce((n, [, v]) => n + v, 0));
    const perKeySeconds = apiRequests.map((r) => (r / RATE) * (WINDOW_MS / 1000));
    const slots = WORKERS * CONCURRENCY;
    const boundAllKeys = Math.max(...perKeySeconds);
    const boundSlots = Math.max(boundAllKeys, perKeySeconds.reduce((a, b) => a + b, 0) / slots);

    const attempts = await admin.query<{ started_at: Date; finished_at: Date }>(`select started_at, finished_at from ${runs} where finished_at is not null and status = 'succeeded'`);
    const jobSeconds = attempts.map((a) => (a.finished_at.getTime() - a.started_at.getTime()) / 1000);

    // One connection's model rebuild: partitioned with 200 connections present, vs a full rebuild, vs a warehouse of one.
    const time = async (f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      return (performance.now() - t0) / 1000;
    };
    const partitioned200 = await time(() => buildModels({ engine: admin, config, log: silentLogger, runId: 'bench', sources, connections: ['c000'] }));
    const full200 = await time(() => buildModels({ engine: admin, config, log: silentLogger, runId: 'bench', sources }));
    // A warehouse holding only c000: copy its raw rows into a second prefix.
    const prefix1 = `${prefix}one_`;
    const one = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix1, poolSize: 2 });
    let partitioned1 = NaN;
    let full1 = NaN;
    try {
      const config1 = resolveConfig({ ...raw, warehouse: { ...raw.warehouse, schema_prefix: prefix1 }, connections: [connections[0]] }, file, sources);
      await buildModels({ engine: one, config: config1, log: silentLogger, runId: 'bench', sources });
      const tables = await admin.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [admin.schemas.raw]);
      for (const { t } of tables) await one.exec(`insert into ${qualified(one.schemas.raw, t)} select * from ${qualified(admin.schemas.raw, t)} where _connection = 'c000'`);
      full1 = await time(() => buildModels({ engine: one, config: config1, log: silentLogger, runId: 'bench', sources }));
      partitioned1 = await time(() => buildModels({ engine: one, config: config1, log: silentLogger, runId: 'bench', sources, connections: ['c000'] }));
    } finally {
      await dropPrefix(one, prefix1);
      await one.close();
    }

    return {
      connections: CONNECTIONS,
      workers: `${WORKERS} processes × ${CONCURRENCY} jobs`,
      'rate limit per key': `${RATE} requests / ${WINDOW_MS / 1000} s`,
      'API requests': apiRequests.reduce((a, b) => a + b, 0),
      'total seconds': Number(totalSeconds.toFixed(1)),
      'rate-limit bound, all keys at once (s)': Number(boundAllKeys.toFixed(1)),
      [`rate-limit bound, ${slots} keys at a time (s)`]: Number(boundSlots.toFixed(1)),
      'total / bound': `${(totalSeconds / boundSlots).toFixed(2)}×`,
      'extract job seconds, median / p90': `${median(jobSeconds).toFixed(2)} / ${quantile(jobSeconds, 0.9).toFixed(2)}`,
      'Postgres backends, max held by the fleet': maxBackends,
      'backend bound, workers × (pool_size + concurrency + 3)': WORKERS * (POOL + CONCURRENCY + 3),
      'queue throughput, empty jobs (jobs/s)': Number((NOOPS / noopSeconds).toFixed(0)),
      'queue overhead per job (slot-ms)': Number(((noopSeconds * 1000 * slots) / NOOPS).toFixed(1)),
      [`model rebuild for one connection, ${CONNECTIONS} in the warehouse (s)`]: Number(partitioned200.toFixed(2)),
      [`full model rebuild, ${CONNECTIONS} connections (s)`]: Number(full200.toFixed(2)),
      'model rebuild for one connection, 1 in the warehouse (s)': Number(partitioned1.toFixed(2)),
      'full model rebuild, 1 connection (s)': Number(full1.toFixed(2)),
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const e of emulators) await e.stop();
    await dropPrefix(admin, prefix).catch(() => undefined);
    await admin.close();
    tmp.cleanup();
  }
}
