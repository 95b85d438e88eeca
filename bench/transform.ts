// What the models cost: a world of 100k+ applications is landed in the raw zone exactly as the
// Greenhouse extractor lands it (the emulator's renderers and the extractor's own streams and row
// shaping, minus the HTTP hop), then the transform is timed against two floors: one scan of every
// raw payload, and one JSON parse of every payload (the least any model over JSON must do).
import { join } from 'node:path';
import { createWorld, recordCounts } from '../emulators/world/index.ts';
import { RESOURCES } from '../emulators/greenhouse/index.ts';
import { sources } from '../extractors/index.ts';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../src/landing/raw-table.ts';
import { pageRows } from '../src/landing/to-rows.ts';
import { silentLogger } from '../src/log/logger.ts';
import { buildModels, runDataTests, type ModelResult } from '../transforms/index.ts';
import { customStageMapping } from '../emulators/world/index.ts';
import { tempDir } from '../test/helpers/tmp.ts';

const SIZE = { jobs: 760, applicationsPerJob: 220 };
/** The models of hiring teams, panels, ratings and custom fields (issue 13): what they add to a build. */
const WHO_HIRES = /^(job_team|interview_interviewers|scorecard_ratings|custom_field_values|recruiter_performance|interviewer_load|hiring_manager_summary|int_greenhouse__(job_team|interview_interviewers|scorecard_ratings|custom_field_values))$/;
/** A typical promotion: two job fields, one application field, one candidate field. */
const PROMOTED = [
  { entity: 'jobs', field: 'Level', as: 'level', type: 'text' },
  { entity: 'jobs', field: 'Backfill', as: 'backfill', type: 'boolean' },
  { entity: 'applications', field: 'Interview Language', as: 'interview_language', type: 'text' },
  { entity: 'candidates', field: 'Years of Experience', as: 'years_of_experience', type: 'number' },
];
const MEMORY_LIMIT = '512MB'; // the config default
const CONNECTION = 'bench';
const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));

/** Lands a world in the raw zone as the Greenhouse extractor would (its streams and row shaping, no HTTP). */
export async function land(engine: Engine, world: ReturnType<typeof createWorld>): Promise<number> {
  const greenhouse = sources['greenhouse']!;
  let n = 0;
  let clock = Date.now();
  for (const stream of greenhouse.streams) {
    const resource = RESOURCES.find((r) => r.name === stream.name);
    if (!resource) throw new Error(`the emulator serves no ${stream.name}`);
    const table = rawTableRef(engine, 'greenhouse', stream.name);
    await ensureRawTable(engine, table);
    // What the API lists: deleted records and empty panel seats are not served.
    const rows = resource.rows(world).filter((r) => resource.visible(world, r));
    for (let i = 0; i < rows.length; i += 50_000) {
      const records = rows.slice(i, i + 50_000).map((r) => resource.render(world, r));
      const page = { records, resume: null };
      // Each page its own landing time, as extraction lands them.
      const extractedAt = new Date((clock = Math.max(Date.now(), clock + 1)));
      n += await engine.transaction((tx) => tx.bulkInsert(table, RAW_COLUMNS, pageRows(stream, page, { connection: CONNECTION, runId: 'bench', extractedAt })));
    }
  }
  return n;
}

/**
 * Lands a new version of a share of the applications and of their current stage visits (status and
 * stage moved on, updated a minute after their latest), as an hourly extract would. Returns how
 * many versions landed. `bucket` picks which share (records whose key hashes to it); `exitAt`, when
 * given, is when the open visits among them end, else a minute after their last update.
 */
export async function changeSome(engine: Engine, share: number, opts: { bucket?: number; exitAt?: Date } = {}): Promise<number> {
  const greenhouse = sources['greenhouse']!;
  const at = new Date();
  let n = 0;
  for (const name of ['applications', 'application_stages']) {
    const stream = greenhouse.streams.find((s) => s.name === name)!;
    const table = rawTableRef(engine, 'greenhouse', name);
    const every = Math.round(1 / share);
    const rows = await engine.query<{ p: string }>(
      `select cast(_payload as text) as p from ${qualified(table.schema, `${table.table}__latest`)} where not _deleted and hash(_record_id) % ${every} = ${opts.bucket ?? 0}`.replace('hash(', engine.kind === 'postgres' ? 'hashtext(' : 'hash('),
    );
    const records = rows.map((r) => {
      const p = JSON.parse(r.p) as Record<string, unknown>;
      const u = Date.parse(String(p['updated_at'] ?? at.toISOString()));
      p['updated_at'] = new Date(u + 60_000).toISOString();
      if (name === 'applications') p['status'] = p['status'] === 'active' ? 'rejected' : p['status'];
      else p['exited_at'] = p['exited_at'] ?? (opts.exitAt ?? new Date(u + 60_000)).toISOString();
      return p;
    });
    n += await engine.transaction((tx) => tx.bulkInsert(table, RAW_COLUMNS, pageRows(stream, { records, resume: null }, { connection: CONNECTION, runId: 'bench-change', extractedAt: at })));
  }
  return n;
}

async function repeat(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

/** The six slowest models a build did not skip, with the keys of those rebuilt per key. */
function slowestBuilt(models: readonly ModelResult[]): string[] {
  return models
    .filter((m) => !m.unchanged)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 6)
    .map((m) => `${m.relation.replaceAll('"', '')} ${m.seconds.toFixed(2)} s${m.keys !== undefined ? ` (${m.keys} keys)` : ''}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** One pass over every raw table: all payload bytes read (scan), or every payload parsed once (parse). */
async function rawPass(engine: Engine, expr: string): Promise<number> {
  const tables = sources['greenhouse']!.streams.map((s) => rawTableRef(engine, 'greenhouse', s.name));
  const sql = tables.map((t) => `select sum(${expr}) as v from ${qualified(t.schema, t.table)}`).join(' union all ');
  const t0 = performance.now();
  await engine.query(`select sum(v) as total from (${sql}) passes`);
  return seconds(t0);
}

export async function benchTransform(): Promise<Record<string, unknown>> {
  const tmp = tempDir('hirelake-bench-transform-');
  try {
    let t0 = performance.now();
    const world = createWorld({ seed: 20, size: SIZE, start: Date.parse('2024-01-01T00:00:00Z'), now: Date.parse('2025-07-01T00:00:00Z') });
    const worldSeconds = seconds(t0);
    const counts = recordCounts(world);
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'bench.duckdb'), memoryLimit: MEMORY_LIMIT });
    try {
      t0 = performance.now();
      const landed = await land(engine, world);
      await engine.exec('checkpoint');
      const landSeconds = seconds(t0);

      // The first pass warms the cache, so scan and transform start from the same place; then medians of 3.
      await rawPass(engine, 'length(cast(_payload as varchar))');
      const scanSeconds = median(await repeat(3, () => rawPass(engine, 'length(cast(_payload as varchar))')));
      const parseSeconds = median(await repeat(3, () => rawPass(engine, "length(json_extract_string(_payload, '$.id'))")));

      const config = { connections: [{ name: CONNECTION, source: 'greenhouse', stage_mapping: customStageMapping(world) }], models: { include_pii: false } };
      // As `hirelake transform` builds: inside withQueryMemory (DuckDB drops insertion order there).
      const build = (opts: Omit<Parameters<typeof buildModels>[0], 'engine'>) => engine.withQueryMemory(() => buildModels({ engine, ...opts }));
      t0 = performance.now();
      const built = await build({ config, log: silentLogger, runId: 'bench' });
      const transformSeconds = seconds(t0);
      if (!built.ok) throw new Error(`transform failed: ${built.models.filter((m) => m.error).map((m) => m.error).join('; ')}`);
      // Nothing landed since: what an idle scheduled run pays.
      t0 = performance.now();
      await build({ config, log: silentLogger, runId: 'bench-2' });
      const idleSeconds = seconds(t0);
      // Under 1% of the records change (applications and their stage visits move on): the incremental build.
      const changed = await changeSome(engine, 0.005);
      t0 = performance.now();
      const inc = await build({ config, log: silentLogger, runId: 'bench-3' });
      const incrementalSeconds = seconds(t0);
      if (!inc.ok) throw new Error('incremental build failed');
      // Again with other records, whose open visits end an hour after the world's last moment: the
      // connection's latest activity (the "now" of the marts that measure what is still open) moves,
      // as in a live account's hourly run, where the build above found it where it was.
      const changedMovingNow = await changeSome(engine, 0.005, { bucket: 1, exitAt: new Date(world.now + 3_600_000) });
      t0 = performance.now();
      const moved = await build({ config, log: silentLogger, runId: 'bench-3b' });
      const incrementalNowMovedSeconds = seconds(t0);
      if (!moved.ok) throw new Error('incremental build (latest activity moved) failed');
      // The whole build again from the raw zone, as --full-refresh does.
      t0 = performance.now();
      await build({ config, log: silentLogger, runId: 'bench-4', fullRefresh: true });
      const fullRefreshSeconds = seconds(t0);
      // The same build with custom fields promoted to columns of core and the funnel marts.
      t0 = performance.now();
      const promoted = await build({ config: { ...config, custom_fields: PROMOTED }, log: silentLogger, runId: 'bench-5' });
      const promotedSeconds = seconds(t0);
      if (!promoted.ok) throw new Error(`transform with promoted fields failed: ${promoted.models.filter((m) => m.error).map((m) => m.error).join('; ')}`);
      t0 = performance.now();
      // The data tests of what was built last (the funnel's grain includes the promoted fields).
      const tested = await engine.withQueryMemory(() => runDataTests({ engine, config: { ...config, custom_fields: PROMOTED }, log: silentLogger }));
      const testSeconds = seconds(t0);
      const whoHires = built.models.filter((m) => WHO_HIRES.test(m.name));

      const byMaterialization: Record<string, number> = {};
      for (const m of built.models) byMaterialization[m.materialized] = Number(((byMaterialization[m.materialized] ?? 0) + m.seconds).toFixed(2));
      const slowest = [...built.models].sort((a, b) => b.seconds - a.seconds).slice(0, 5).map((m) => ({ model: m.relation.replaceAll('"', ''), seconds: Number(m.seconds.toFixed(2)), rows: m.rows }));
      return {
        engine: 'duckdb',
        memoryLimit: MEMORY_LIMIT,
        applications: counts.applications,
        rawRecords: landed,
        worldSeconds,
        landSeconds,
        rawScanSeconds: scanSeconds,
        rawParseSeconds: parseSeconds,
        transformSeconds,
        fullBuildOverParse: `${(transformSeconds / parseSeconds).toFixed(1)}× (goal ≤ 10×)`,
        whoHiresSeconds: Number(whoHires.reduce((s, m) => s + m.seconds, 0).toFixed(2)),
        whoHiresModels: Object.fromEntries(whoHires.filter((m) => m.rows !== null).map((m) => [m.name, { seconds: Number(m.seconds.toFixed(2)), rows: m.rows }])),
        rebuildWithPromotedFieldsSeconds: promotedSeconds,
        transformOverScan: Number((transformSeconds / scanSeconds).toFixed(1)),
        idleBuildSeconds: idleSeconds,
        changedRecords: changed,
        changedShare: `${((changed / landed) * 100).toFixed(2)}%`,
        incrementalSeconds,
        fullRefreshSeconds,
        incrementalOverFull: `${(incrementalSeconds / fullRefreshSeconds).toFixed(2)}× (goal ≤ 0.1×)`,
        incrementalTablesBuilt: inc.models.filter((m) => m.materialized === 'table' && !m.unchanged).length,
        changedRecordsNowMoved: changedMovingNow,
        incrementalNowMovedSeconds,
        incrementalNowMovedOverFull: `${(incrementalNowMovedSeconds / fullRefreshSeconds).toFixed(2)}×`,
        incrementalNowMovedSlowest: slowestBuilt(moved.models),
        incrementalSlowest: slowestBuilt(inc.models),
        incrementalPerKey: inc.models.filter((m) => m.keys !== undefined).map((m) => m.name),
        models: built.models.length,
        secondsByMaterialization: byMaterialization,
        slowestModels: slowest,
        stagingSeconds: Number(built.staging.reduce((s, r) => s + r.seconds, 0).toFixed(2)),
        slowestStaging: [...built.staging].sort((a, b) => b.seconds - a.seconds).slice(0, 6).map((r) => `${r.stream} ${r.seconds.toFixed(2)} s (${r.tables.length} tables)`),
        incrementalStagingSeconds: Number(inc.staging.reduce((s, r) => s + r.seconds, 0).toFixed(2)),
        dataTests: tested.tests.length,
        dataTestSeconds: testSeconds,
        dataTestsOk: tested.ok,
      };
    } finally {
      await engine.close();
    }
  } finally {
    tmp.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTransform(), null, 2));
}
