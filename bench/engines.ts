// DuckDB and Postgres side by side on the same world: how fast each lands raw pages (500-record
// transactions, as extraction does, with the checkpoint write) and how long each takes to build
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
import { silentLogger } from '../src/log/logger.ts';
import { ensureMetaSchema } from '../src/state/meta-ddl.ts';
import { StateStore } from '../src/state/state-store.ts';
import { buildModels } from '../transforms/index.ts';
import { tempDir } from '../test/helpers/tmp.ts';
import { CEILINGS, ratio } from './lib.ts';

const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGE = 500;

async function landPages(engine: Engine, world: World): Promise<{ records: number; seconds: number }> {
  await ensureMetaSchema(engine);
  const state = new StateStore(engine.schemas.meta);
  const greenhouse = sources['greenhouse']!;
  const t0 = performance.now();
  let records = 0;
  for (const stream of greenhouse.streams) {
    const resource = RESOURCES.find((r) => r.name === stream.name)!;
    const table = rawTableRef(engine, 'greenhouse', stream.name);
    await ensureRawTable(engine, table);
    const rows = resource.rows(world);
    for (let i = 0; i < rows.length; i += PAGE) {
      const page = { records: rows.slice(i, i + PAGE).map((r) => resource.render(world, r)), resume: `page-${i}` };
      records += await engine.transaction(async (tx) => {
        const n = await tx.bulkInsert(table, RAW_COLUMNS, pageRows(stream, page, { connection: 'bench', runId: 'bench', extractedAt: new Date() }));
        await state.put(tx, 'bench', stream.name, { watermark: null, pending: { since: null, until: new Date().toISOString(), resume: page.resume, pages: i / PAGE + 1 } });
        return n;
      });
    }
  }
  return { records, seconds: (performance.now() - t0) / 1000 };
}

async function measure(engine: Engine, world: World): Promise<Record<string, unknown>> {
  const landed = await landPages(engine, world);
  const config = { connections: [{ name: 'bench', source: 'greenhouse', stage_mapping: customStageMapping(world) }], models: { include_pii: false } };
  const t0 = performance.now();
  const built = await buildModels({ engine, config, log: silentLogger, runId: 'bench' });
  if (!built.ok) throw new Error(`transform failed on ${engine.kind}`);
  const perSec = landed.records / landed.seconds;
  const ceiling = engine.kind === 'duckdb' ? CEILINGS.duckAppenderRecPerSec : CEILINGS.pgCopyRecPerSec;
  return {
    engine: engine.kind,
    records: landed.records,
    land_seconds: Number(landed.seconds.toFixed(1)),
    land_records_per_s: Math.round(perSec),
    vs_bulk_ceiling: ratio(perSec, ceiling),
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
      out.push({ applications: recordCounts(world).applications, ...(await measure(duck, world)) });
    } finally {
      await duck.close();
    }
    const prefix = `bench_${process.pid}_`;
    const pg = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 4 });
    try {
      out.push({ applications: recordCounts(world).applications, ...(await measure(pg, world)) });
    } finally {
      for (const s of Object.values(pg.schemas)) await pg.exec(`drop schema if exists "${s}" cascade`);
      await pg.close();
    }
  } finally {
    tmp.cleanup();
  }
  return out;
}
