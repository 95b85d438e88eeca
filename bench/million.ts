// A large employer's account end to end, opt-in (BENCH_1M=1): about a million Greenhouse
// applications (6M raw records) served by the emulator in its own process, then the real CLI in
// its own processes: extract → transform → test on DuckDB and on Postgres, then the next scheduled
// run after the world lived on for as long as the first one took (extract with its lookback
// re-reading what the last run saw, then transform). Reports seconds per phase, peak RSS, warehouse
// size and what the raw zone grew by on the next run.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { PostgresEngine } from '../src/engine/postgres/postgres-engine.ts';
import { tempDir } from '../test/helpers/tmp.ts';
import { mb, runCliJson, serveOutOfProcess, type Served } from './lib.ts';
import { readResults } from './results.ts';

const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

function configFile(dir: string, served: Served, engine: string, prefix: string): string {
  const warehouse = engine === 'duckdb' ? { engine: 'duckdb', path: join(dir, 'big.duckdb'), memory_limit: '64MB' } : { engine: 'postgres', url: PG_URL, schema_prefix: prefix };
  const file = join(dir, `${engine}.yml`);
  const connection = { name: 'big', source: 'greenhouse', credentials: served.credentials, base_url: served.url, token_url: served.tokenUrl, per_page: 500 };
  writeFileSync(file, stringify({ warehouse, connections: [connection] }));
  return file;
}

const records = (s: Record<string, any>) => (s['streams'] as { records: number }[]).reduce((n, x) => n + x.records, 0);
const unchanged = (s: Record<string, any>) => (s['streams'] as { unchanged: number }[]).reduce((n, x) => n + x.unchanged, 0);
const round = (v: number) => Number(v.toFixed(1));
/** Where a build's time went: its typed staging, and its slowest models. */
const buildCost = (s: Record<string, any>) => ({
  staging_s: round((s['staging'] as { seconds: number }[]).reduce((n, x) => n + x.seconds, 0)),
  slowest: (s['models'] as { relation: string; seconds: number; unchanged?: boolean }[])
    .filter((m) => !m.unchanged)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 6)
    .map((m) => `${m.relation} ${round(m.seconds)} s`),
});

async function pgSize(prefix: string): Promise<number> {
  const pg = await PostgresEngine.open({ url: PG_URL });
  try {
    const [r] = await pg.query<{ b: number }>(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as b from pg_class c join pg_namespace n on n.oid = c.relnamespace where starts_with(n.nspname, $1) and c.relkind in ('r', 'm')`,
      [prefix],
    );
    return Number(r?.b ?? 0);
  } finally {
    for (const s of ['raw', 'staging', 'core', 'marts', 'hirelake']) await pg.exec(`drop schema if exists "${prefix}${s}" cascade`).catch(() => undefined);
    await pg.close();
  }
}

export async function benchMillion(): Promise<Record<string, unknown>[]> {
  const jobs = Number(process.env['BENCH_1M_JOBS'] ?? 7200);
  const engines = (process.env['BENCH_1M_ENGINES'] ?? 'duckdb,postgres').split(',');
  const t0 = performance.now();
  // The world ends at this machine's clock, so that it can live on between the first run and the
  // next one (served.advance) with updates stamped after the first run's watermark, as a live account's are.
  const now = Date.now();
  const span = ['--now', String(now), '--start', String(now - 540 * 86_400_000)];
  const served = await serveOutOfProcess(['--vendor', 'greenhouse', '--seed', '16', '--size', String(jobs), '--applications-per-job', '220', '--rate-limit', '1000000/30000', ...span], { heapMb: 12_288 });
  const worldSeconds = round((performance.now() - t0) / 1000);
  // Both legs at once against the one emulator (BENCH_1M_CONCURRENT=1): half the wall time and one
  // world in memory instead of two, at the price of each leg sharing the cores with the other.
  const concurrent = process.env['BENCH_1M_CONCURRENT'] === '1';
  const leg = async (engine: string): Promise<Record<string, unknown>> => {
    const tmp = tempDir('hirelake-bench-1m-');
    const prefix = `b1m_${process.pid}_${engine.slice(0, 2)}_`;
    try {
      const config = configFile(tmp.dir, served, engine, prefix);
      // Each phase's time as soon as it is known: a run that dies (or is stopped) still tells where it got.
      const phase = async (name: string, command: string) => {
        const r = await runCliJson([command, '--config', config]);
        process.stderr.write(`million ${engine} ${name}: ${round(r.seconds)} s, peak RSS ${r.summary['peakRssMb'] ?? '?'} MB\n`);
        return r;
      };
      const extract = await phase('extract', 'extract');
      const transform = await phase('transform', 'transform');
      const test = await phase('test', 'test');
      // What the account did while the first run went on (new applications, moves, edits), then the next run.
      const lived = await served.advance();
      const hourly = await phase('hourly extract', 'extract');
      const hourlyTransform = await phase('hourly transform', 'transform');
      const size = engine === 'duckdb' ? statSync(join(tmp.dir, 'big.duckdb')).size : await pgSize(prefix);
      const landed = records(extract.summary);
      const row = {
        engine,
        measured_at: new Date().toISOString(),
        concurrent,
        served_records: served.records,
        applications: (served as unknown as { counts: { applications: number } }).counts?.applications,
        world_s: worldSeconds,
        extract_s: round(extract.seconds),
        extract_records_per_s: Math.round(landed / extract.seconds),
        extract_peak_rss_mb: extract.summary['peakRssMb'],
        transform_s: round(transform.seconds),
        transform_peak_rss_mb: transform.summary['peakRssMb'],
        transform_cost: buildCost(transform.summary),
        test_s: round(test.seconds),
        test_peak_rss_mb: test.summary['peakRssMb'],
        warehouse_mb: mb(size),
        next_run_after_world_minutes: round((lived.to - lived.from) / 60_000),
        next_run_world_events: lived.events,
        hourly_extract_s: round(hourly.seconds),
        hourly_raw_growth_records: records(hourly.summary),
        hourly_unchanged_not_landed: unchanged(hourly.summary),
        hourly_transform_s: round(hourlyTransform.seconds),
        hourly_transform_peak_rss_mb: hourlyTransform.summary['peakRssMb'],
        hourly_transform_cost: buildCost(hourlyTransform.summary),
      };
      // Each engine takes many minutes: its figures as soon as they are known.
      process.stderr.write(`million ${JSON.stringify(row)}\n`);
      return row;
    } finally {
      tmp.cleanup();
    }
  };
  // A run of some engines (BENCH_1M_ENGINES) keeps the others' last rows, each dated.
  const previous = [readResults()['million']?.result ?? []].flat().filter((r) => !engines.includes(String(r['engine'])));
  try {
    if (concurrent) {
      // Every leg runs to its end before the emulator stops, even when another one failed.
      const settled = await Promise.allSettled(engines.map(leg));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return [...previous, ...settled.map((r) => (r as PromiseFulfilledResult<Record<string, unknown>>).value)];
    }
    const out: Record<string, unknown>[] = [...previous];
    for (const engine of engines) out.push(await leg(engine));
    return out;
  } finally {
    await served.stop();
  }
}
