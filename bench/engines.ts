// DuckDB and Postgres side by side on the same world: how fast each lands raw pages (500-record
// transactions, as extraction does, with the checkpoint write) against the fastest way the same
// engine takes the same pages in this run (landing-ceilings.ts), and how long each takes to build
// every model. Postgres runs under a throwaway schema prefix that is dropped afterwards.
import { join } from 'node:path';
import { createWorld, customStageMapping, recordCounts, type World } from '../emulators/world/index.ts';
import { RESOURCES } from '../emulators/greenhouse/index.ts';
import { sources } from '../extractors/index.ts';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.ts';
import { PostgresEngine } from '../src/engine/postgres/postgres-engine.ts';
import type { Engine } from '../src/engine/engine.ts';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../src/landing/raw-table.ts';
import { pageRows } from '../src/landing/to-rows.ts';
import { GroupCommitter } from '../src/landing/group-commit.ts';
import { silentLogger } from '../src/log/logger.ts';
import { ensureMetaSchema } from '../src/state/meta-ddl.ts';
import { StateStore } from '../src/state/state-store.ts';
import { buildModels } from '../transforms/index.ts';
import { tempDir } from '../test/helpers/tmp.ts';
import { ratio } from './lib.ts';
import { duckSpoolCeiling, pgCopyCeiling, type BenchPage } from './landing-ceilings.ts';

const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGE = 500;

/** The world's Greenhouse pages, rendered once up front so no timing below includes the rendering. */
function renderPages(engine: Engine, world: World): BenchPage[] {
  const out: BenchPage[] = [];
  for (const stream of sources['greenhouse']!.streams) {
    // Demographic answers are opt-in and not in every world.
    if (stream.demographics) continue;
    const resource = RESOURCES.find((r) => r.name === stream.name)!;
    const table = rawTableRef(engine, 'greenhouse', stream.name);
    const rows = resource.rows(world);
    for (let i = 0; i < rows.length; i += PAGE) {
      out.push({ stream, table, page: { records: rows.slice(i, i + PAGE).map((r) => resource.render(world, r)), resume: `page-${i}` } });
    }
  }
  return out;
}

/**
 * Lands the pages as extraction does: through the group committer, each page's rows with its
 * stream's checkpoint, pages of one stream on one lane, all handed over without waiting.
 */
async function landPages(engine: Engine, pages: readonly BenchPage[]): Promise<{ records: number; seconds: number }> {
  await ensureMetaSchema(engine);
  const state = new StateStore(engine.schemas.meta);
  for (const p of pages) await ensureRawTable(engine, p.table);
  const committer = new GroupCommitter(engine);
  const lanes = new Map<string, object>();
  const t0 = performance.now();
  let records = 0;
  const landings = pages.map(({ stream, table, page }, i) => {
    let lane = lanes.get(stream.name);
    if (!lane) lanes.set(stream.name, (lane = {}));
    const checkpoint = { watermark: null, pending: { since: null, until: new Date().toISOString(), resume: page.resume, pages: i + 1 } };
    return committer.submit(
      async (tx) => {
        const landed = await tx.bulkInsert(table, RAW_COLUMNS, pageRows(stream, page, { connection: 'bench', runId: 'bench', extractedAt: new Date() }));
        records += landed;
        return landed;
      },
      { lane, then: { key: stream.name, write: (tx) => state.put(tx, 'bench', stream.name, checkpoint) } },
    ).committed;
  });
  committer.commitSoon();
  await Promise.all(landings);
  await checkpoint(engine);
  return { records, seconds: (performance.now() - t0) / 1000 };
}

/** Data on disk in the main file (DuckDB) or flushed past the WAL (Postgres), as perf-limits.md's ceilings are timed. */
async function checkpoint(engine: Engine): Promise<void> {
  await engine.exec('checkpoint');
}

async function measure(engine: Engine, world: World, ceiling: (pages: readonly BenchPage[]) => Promise<number>): Promise<Record<string, unknown>> {
  const pages = renderPages(engine, world);
  // Into tables of its own, before and after landing (the load of a shared machine drifts): the
  // better of the two is the ceiling.
  const before = await ceiling(pages);
  const landed = await landPages(engine, pages);
  const ceilingPerSec = Math.max(before, await ceiling(pages));
  const config = { connections: [{ name: 'bench', source: 'greenhouse', stage_mapping: customStageMapping(world) }], models: { include_pii: false } };
  const t0 = performance.now();
  const built = await buildModels({ engine, config, log: silentLogger, runId: 'bench' });
  if (!built.ok) throw new Error(`transform failed on ${engine.kind}`);
  const perSec = landed.records / landed.seconds;
  return {
    engine: engine.kind,
    records: landed.records,
    land_seconds: Number(landed.seconds.toFixed(1)),
    land_records_per_s: Math.round(perSec),
    ceiling: engine.kind === 'duckdb' ? 'pages as NDJSON files, parsed by DuckDB' : 'bare COPY of the same rows',
    ceiling_records_per_s: Math.round(ceilingPerSec),
    vs_ceiling: ratio(perSec, ceilingPerSec),
    transform_seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    models: built.models.length,
  };
}

export async function benchEngines(jobs = Number(process.env['BENCH_ENGINE_JOBS'] ?? 200)): Promise<Record<string, unknown>[]> {
  const world = createWorld({ seed: 31, size: { jobs, applicationsPerJob: 150 }, start: Date.parse('2024-01-01T00:00:00Z'), now: Date.parse('2025-07-01T00:00:00Z') });
  const tmp = tempDir('hirelake-bench-engines-');
  const out: Record<string, unknown>[] = [];
  try {
    const duck = await DuckDbEngine.open({ path: join(tmp.dir, 'e.duckdb'), memoryLimit: '512MB' });
    try {
      out.push({ applications: recordCounts(world).applications, ...(await measure(duck, world, (pages) => duckSpoolCeiling(duck, pages, join(tmp.dir, 'spool')))) });
    } finally {
      await duck.close();
    }
    const prefix = `bench_${process.pid}_`;
    const pg = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 4 });
    try {
      out.push({ applications: recordCounts(world).applications, ...(await measure(pg, world, (pages) => pgCopyCeiling(pg, PG_URL, pages))) });
    } finally {
      for (const s of Object.values(pg.schemas)) await pg.exec(`drop schema if exists "${s}" cascade`);
      await pg.close();
    }
  } finally {
    tmp.cleanup();
  }
  return out;
}
