// What the loaders cost: a million stage-visit-shaped rows (the largest core table) are generated
// in DuckDB with SQL and exported by each loader, next to its ceiling measured on the same rows:
// Postgres loaders against CSV streamed straight into `COPY … FROM STDIN` (no transaction, swap,
// index or ANALYZE), Parquet and CSV loaders against DuckDB's bare `COPY … TO` one file.
// MB/s is over the table's CSV size for every figure, so they all compare on one scale.
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { exportsSchema, type WarehouseConfig } from '../src/config/schema.ts';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../src/engine/engine.ts';
import { PostgresEngine } from '../src/engine/postgres/postgres-engine.ts';
import { silentLogger } from '../src/log/logger.ts';
import { runExports, type ExportResult } from '../loaders/index.ts';
import { emptyCatalog } from '../loaders/model/catalog.ts';
import { tempDir } from '../test/helpers/tmp.ts';

const PG_URL = process.env['HIRELAKE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const COLUMNS = `connection text, visit_id text, application_id text, job_id text, stage_id text, stage_name text,
  canonical_stage text, entered_at timestamptz, exited_at timestamptz`;

interface Figure {
  seconds: number;
  rows_per_s: number;
  mb_per_s: number;
  [k: string]: unknown;
}

function figure(rows: number, bytes: number, seconds: number, extra: Record<string, unknown> = {}): Figure {
  return { seconds: Number(seconds.toFixed(2)), rows_per_s: Math.round(rows / seconds), mb_per_s: Number((bytes / 1e6 / seconds).toFixed(1)), ...extra };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** Stage visits as core.stage_visits has them: text ids, a visit per application stage, 10% open. */
async function generate(engine: DuckDbEngine, rows: number): Promise<void> {
  await engine.exec('create schema if not exists core');
  await engine.exec(`create or replace table core.stage_visits as
    select ['acme', 'globex', 'initech'][1 + i % 3] as connection,
           (100000000 + i)::varchar as visit_id,
           (50000000 + i // 4)::varchar as application_id,
           (4000000 + (i // 4) % 760)::varchar as job_id,
           (7000000 + i % 4 + ((i // 4) % 760) * 10)::varchar as stage_id,
           ['Application Review', 'Phone Screen', 'Take Home Test', 'Face to Face', 'Offer'][1 + i % 5] as stage_name,
           ['applied', 'screen', 'interview', 'interview', 'offer'][1 + i % 5] as canonical_stage,
           timestamptz '2024-01-01' + to_microseconds((i * 7919 % 31536000000)::bigint * 1000) as entered_at,
           case when i % 10 = 9 then null else timestamptz '2024-01-01' + to_microseconds((i * 7919 % 31536000000)::bigint * 1000 + 86400000000 * (1 + i % 30)) end as exited_at
    from range(${rows}) r(i)`);
}

async function exportOnce(engine: Engine, warehouse: WarehouseConfig, dir: string, e: Record<string, unknown>, runId: string): Promise<ExportResult> {
  const [r] = await runExports({ engine, warehouse, exports: exportsSchema.parse([e]), configFile: join(dir, 'hirelake.yml'), runId, log: silentLogger, catalog: emptyCatalog });
  if (!r?.ok) throw new Error(`export ${String(e['name'])} failed: ${r?.error}`);
  return r;
}

/** Raw `COPY FROM STDIN` of the CSV into a plain table: the most the Postgres loader could do. */
async function copyCeiling(csv: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`create table "${schema}".ceiling (${COLUMNS})`);
    const { seconds } = await timed(() => pipeline(createReadStream(csv, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy "${schema}".ceiling from stdin (format csv)`))));
    return seconds;
  } finally {
    await client.end();
  }
}

/** Median of `repeats` timings; `before` runs untimed ahead of each (e.g. to change some rows). */
async function median(repeats: number, fn: (i: number) => Promise<unknown>, before?: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    await before?.(i);
    times.push((await timed(() => fn(i))).seconds);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchExport(opts: { rows?: number; repeats?: number } = {}): Promise<Record<string, unknown>> {
  const rows = opts.rows ?? Number(process.env['HIRELAKE_BENCH_EXPORT_ROWS'] ?? 1_000_000);
  const repeats = opts.repeats ?? Number(process.env['HIRELAKE_BENCH_REPEATS'] ?? 3);
  const tmp = tempDir('hirelake-bench-export-');
  const schema = `bench_export_${process.pid}`;
  const duckWarehouse: WarehouseConfig = { engine: 'duckdb', path: join(tmp.dir, 'bench.duckdb'), memory_limit: '512MB' };
  const engine = await DuckDbEngine.open({ path: duckWarehouse.path, memoryLimit: '512MB' });
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  let pgEngine: PostgresEngine | undefined;
  try {
    await admin.query(`create schema "${schema}"`);
    const gen = await timed(() => generate(engine, rows));
    const csv = join(tmp.dir, 'stage_visits.csv');
    // Ceilings: what DuckDB and Postgres do with the same rows when nothing else is asked of them.
    const duckCsv = await median(repeats, () => engine.query(`copy core.stage_visits to '${csv}' (format csv, header false)`));
    const bytes = statSync(csv).size;
    const duckParquet = await median(repeats, () => engine.query(`copy core.stage_visits to '${join(tmp.dir, 'ceiling.parquet')}' (format parquet, compression zstd)`));
    const pgCopy = await median(repeats, () => copyCeiling(csv, schema), () => admin.query(`drop table if exists "${schema}".ceiling`));
    const vs = (ceiling: number) => (seconds: number, extra: Record<string, unknown> = {}) => figure(rows, bytes, seconds, { vs_ceiling: Number((ceiling / seconds).toFixed(2)), ...extra });
    const [vsPg, vsParquet, vsCsv] = [vs(pgCopy), vs(duckParquet), vs(duckCsv)];

    const base = { tables: ['core.stage_visits'] };
    const run = (e: Engine, w: WarehouseConfig, cfg: Record<string, unknown>) => (i: number) => exportOnce(e, w, tmp.dir, cfg, `${String(cfg['name'])}-${i}`);
    const swap = await median(repeats, run(engine, duckWarehouse, { ...base, name: 'wh', type: 'postgres', url: PG_URL, schema, merge: [] }));
    const mergeCfg = { ...base, name: 'whm', type: 'postgres', url: PG_URL, schema: `${schema}_m`, merge: [{ table: 'core.stage_visits', key: ['connection', 'visit_id'] }] };
    const mergeFirst = await timed(() => run(engine, duckWarehouse, mergeCfg)(0));
    let changed = 0;
    const merge = await median(
      repeats,
      async (i) => (changed = (await run(engine, duckWarehouse, mergeCfg)(i + 1)).tables[0]?.changed ?? 0),
      (i) => engine.exec(`update core.stage_visits set exited_at = entered_at + interval ${i + 1} day where hash(visit_id) % 100 = ${i}`),
    );
    let parquetBytes = 0;
    const parquet = await median(repeats, async (i) => (parquetBytes = (await run(engine, duckWarehouse, { ...base, name: 'lake', type: 'parquet', path: './lake' })(i)).tables[0]?.bytes ?? 0));
    let csvBytes = 0;
    const csvOut = await median(repeats, async (i) => (csvBytes = (await run(engine, duckWarehouse, { ...base, name: 'flat', type: 'csv', path: './csv' })(i)).tables[0]?.bytes ?? 0));

    // The same table with Postgres as the engine: the swapped copy becomes its core.stage_visits.
    const prefix = `${schema}_src_`;
    await admin.query(`create schema "${prefix}core"; create table "${prefix}core".stage_visits as select * from "${schema}".stage_visits`);
    pgEngine = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 2 });
    const pgWarehouse: WarehouseConfig = { engine: 'postgres', url: PG_URL, schema_prefix: prefix, pool_size: 2 };
    const pgSwap = await median(repeats, run(pgEngine, pgWarehouse, { ...base, name: 'wh2', type: 'postgres', url: PG_URL, schema: `${schema}_p`, merge: [] }));
    const pgParquet = await median(repeats, run(pgEngine, pgWarehouse, { ...base, name: 'lake2', type: 'parquet', path: './lake2' }));

    const mbOf = (b: number) => Number((b / 1e6).toFixed(1));
    return {
      rows,
      repeats,
      csv_mb: mbOf(bytes),
      generate_seconds: Number(gen.seconds.toFixed(2)),
      ceilings: {
        pg_copy_from_stdin: figure(rows, bytes, pgCopy),
        duckdb_copy_to_parquet_zstd: figure(rows, bytes, duckParquet),
        duckdb_copy_to_csv: figure(rows, bytes, duckCsv),
      },
      duckdb_source: {
        postgres_swap: vsPg(swap),
        postgres_merge_first_run: vsPg(mergeFirst.seconds),
        postgres_merge_1pct_changed: vsPg(merge, { changed_rows: changed }),
        parquet_zstd_partitioned: vsParquet(parquet, { output_mb: mbOf(parquetBytes) }),
        csv: vsCsv(csvOut, { output_mb: mbOf(csvBytes) }),
      },
      postgres_source: {
        postgres_swap: vsPg(pgSwap),
        parquet_zstd_partitioned: vsParquet(pgParquet),
      },
    };
  } finally {
    await pgEngine?.close();
    for (const s of [schema, `${schema}_m`, `${schema}_p`, `${schema}_src_core`]) await admin.query(`drop schema if exists "${s}" cascade`).catch(() => undefined);
    await admin.end();
    await engine.close();
    tmp.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(JSON.stringify(await benchExport(), null, 2) + '\n');
}
