// The same worlds, extracted by the real extractors from the emulators and transformed on DuckDB
// and on Postgres, give row-for-row identical core tables and marts. Every table of core and marts
// is listed from the engine's own catalog, so a new model is compared without touching this file.
// Only floating-point day columns get a tolerance (1e-9 relative or a microsecond of days).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceWorld, createWorld, customStageMapping, DAY, PRESETS, type World } from '../../emulators/world/index.ts';
import { sources, vendors } from '../../extractors/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine, EngineKind } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runDataTests, type DataTestRun } from '../../transforms/index.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { failures } from '../lever/helpers.ts';
import { build, landWorlds } from '../models/harness.ts';
import { MICROSECOND_IN_DAYS } from '../models/compare.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';

const START = Date.UTC(2024, 0, 1);

/** A column as the engine's information_schema describes it. */
interface Column {
  name: string;
  type: string;
}

interface Table {
  columns: Column[];
  rows: unknown[][];
}

interface Landed {
  engine: Engine;
  config: HirelakeConfig;
  /** `core.applications` → its columns and rows, for every table and view of core and marts */
  tables: Map<string, Table>;
  tests: DataTestRun;
}

/** Extracts one connection (of a multi-connection config) with windows ending at its world's clock. */
async function extractOne(engine: Engine, connection: Record<string, unknown>, world: World): Promise<HirelakeConfig> {
  const config = resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' }, connections: [connection] }, '/nonexistent/hirelake.yml', sources);
  const res = await extractInto(engine, config, { now: new Date(world.now + 1) });
  if (!res.ok) throw new Error(`extract of ${String(connection['name'])} failed: ${failures(res)}`);
  return config;
}

/** One connection per registered vendor (extractors/index.ts), then the Greenhouse worlds below. */
const VENDOR_CONNECTIONS = Object.keys(vendors).map((v) => `v_${v}`);

/**
 * Lands the same worlds into `engine`: two Greenhouse worlds through the model harness (a tiny one,
 * and a small one advanced between two incremental runs), then one tiny world per registered
 * vendor through its emulator kit, advanced between two runs (with job-less applications where
 * the vendor can show them). Worlds are rebuilt from their seeds, so both engines see the same ones.
 */
async function landEverything(engine: Engine): Promise<HirelakeConfig> {
  const greenhouse = await landWorlds(engine, [
    { connection: 'acme', seed: 31, size: 'tiny', days: 150 },
    { connection: 'globex', seed: 32, size: 'small', days: 200, advanceDays: 30 },
  ]);
  const connections: HirelakeConfig['connections'][number][] = [...greenhouse.config.connections];
  let seed = 33;
  for (const [vendor, v] of Object.entries(vendors)) {
    const kit = await v.emulator();
    const world = createWorld({ seed: seed++, size: { ...PRESETS.tiny, joblessApplications: kit.joblessApplications ? 0.3 : 0 }, start: START, now: START + 120 * DAY });
    const emu = await kit.start(world);
    try {
      // Demographics too where the API has them, so the diversity models are compared (Workable
      // refuses the switch: its API has none).
      const demographics = sources[vendor]!.streams.some((s) => s.demographics);
      const conn = kit.connection(emu, `v_${vendor}`, { stage_mapping: customStageMapping(world), ...(demographics ? { demographics: true } : {}) });
      await extractOne(engine, conn, world);
      advanceWorld(world, { days: 20 });
      connections.push(...(await extractOne(engine, conn, world)).connections);
    } finally {
      await emu.stop();
    }
  }
  // The models read only the connections (names, sources, stage mappings) and the models section.
  return { ...greenhouse.config, connections };
}

/** Every table and view of core and marts, named by logical schema (core/marts) so engines line up. */
async function readModels(engine: Engine): Promise<Map<string, Table>> {
  const out = new Map<string, Table>();
  for (const logical of ['core', 'marts'] as const) {
    const schema = engine.schemas[logical];
    const tables = await engine.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1`, [schema]);
    // Sorted here, not in SQL: the engines collate '_' differently.
    for (const table_name of tables.map((t) => t.table_name).sort()) {
      const columns = (
        await engine.query<{ column_name: string; data_type: string }>(
          `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`,
          [schema, table_name],
        )
      ).map((c) => ({ name: c.column_name, type: typeFamily(c.data_type) }));
      const rows = await engine.query(`select * from ${qualified(schema, table_name)}`);
      out.set(`${logical}.${table_name}`, { columns, rows: sortRows(rows.map((r) => columns.map((c) => normalise(r[c.name], c.type))), columns) });
    }
  }
  return out;
}

/** information_schema type names differ between engines (VARCHAR vs text, BIGINT vs integer): compare families. */
function typeFamily(t: string): string {
  const s = t.toLowerCase();
  if (/char|text|string|uuid/.test(s)) return 'text';
  if (/^(tinyint|smallint|integer|int|bigint|hugeint|ubigint|uinteger|int\d)$/.test(s)) return 'integer';
  if (/double|real|float|numeric|decimal/.test(s)) return 'float';
  if (/^date$/.test(s)) return 'date';
  if (/timestamp/.test(s)) return 'timestamp';
  if (/bool/.test(s)) return 'boolean';
  if (/json/.test(s)) return 'json';
  return s;
}

/** JSON text is spaced differently by each engine (jsonb reorders keys): compare it parsed, keys sorted. */
function canonicalJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonicalJson);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonicalJson((v as Record<string, unknown>)[k])]));
  return v;
}

function normalise(v: unknown, type: string): unknown {
  if (v instanceof Date) return v.toISOString();
  if (type === 'json' && typeof v === 'string') return JSON.stringify(canonicalJson(JSON.parse(v)));
  return v;
}

/** A total order that does not depend on either engine's collation: exact columns first, then floats. */
function sortRows(rows: unknown[][], columns: Column[]): unknown[][] {
  const order = [...columns.keys()].sort((a, b) => Number(columns[a]!.type === 'float') - Number(columns[b]!.type === 'float'));
  const cmp = (x: unknown, y: unknown): number => {
    if (x === y) return 0;
    if (x === null || x === undefined) return -1;
    if (y === null || y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const sx = String(x);
    const sy = String(y);
    return sx < sy ? -1 : sx > sy ? 1 : 0;
  };
  return [...rows].sort((a, b) => {
    for (const i of order) {
      const c = cmp(a[i], b[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Floating-point day figures: the only columns allowed to differ, and only by rounding. */
const isDayColumn = (c: Column) => c.type === 'float' && /days/.test(c.name);

function sameValue(x: unknown, y: unknown, column: Column): boolean {
  if (Object.is(x, y)) return true;
  if (isDayColumn(column) && typeof x === 'number' && typeof y === 'number') {
    return Math.abs(x - y) <= Math.max(MICROSECOND_IN_DAYS, 1e-9 * Math.max(Math.abs(x), Math.abs(y)));
  }
  return false;
}

/** Row-by-row differences of one table, both sides sorted the same way. Empty when identical. */
function diffTable(name: string, duck: Table, pg: Table): string[] {
  const problems: string[] = [];
  if (JSON.stringify(duck.columns) !== JSON.stringify(pg.columns)) {
    problems.push(`${name} columns: duckdb ${JSON.stringify(duck.columns)}, postgres ${JSON.stringify(pg.columns)}`);
    return problems;
  }
  if (duck.rows.length !== pg.rows.length) problems.push(`${name}: duckdb has ${duck.rows.length} rows, postgres ${pg.rows.length}`);
  const n = Math.min(duck.rows.length, pg.rows.length);
  for (let r = 0; r < n && problems.length < 10; r++) {
    const a = duck.rows[r]!;
    const b = pg.rows[r]!;
    const cols = duck.columns.filter((c, i) => !sameValue(a[i], b[i], c)).map((c) => c.name);
    if (cols.length > 0) {
      const show = (row: unknown[]) => JSON.stringify(Object.fromEntries(duck.columns.map((c, i) => [c.name, row[i]])));
      problems.push(`${name} row ${r} differs in ${cols.join(', ')}:\n  duckdb   ${show(a)}\n  postgres ${show(b)}`);
    }
  }
  return problems;
}

describe('the parity comparison itself', () => {
  const columns: Column[] = [
    { name: 'id', type: 'text' },
    { name: 'at', type: 'timestamp' },
    { name: 'avg_days', type: 'float' },
    { name: 'hire_rate', type: 'float' },
  ];
  const table = (rows: unknown[][]): Table => ({ columns, rows: sortRows(rows, columns) });
  const base = [['a', '2024-01-01T00:00:00.000Z', 12.5, 0.25], ['b', null, null, 0.5]];

  it('accepts rounding in day columns, in any row order', () => {
    const rounded = [['b', null, null, 0.5], ['a', '2024-01-01T00:00:00.000Z', 12.5 + 1e-12, 0.25]];
    expect(diffTable('t', table(base), table(rounded))).toEqual([]);
  });

  it('rejects any other difference: a rate, a timestamp, a day figure off by more than 1e-9 relative and a microsecond, a row, a column', () => {
    const changed = (i: number, v: unknown) => base.map((r, j) => (j === 0 ? r.map((x, k) => (k === i ? v : x)) : r));
    expect(diffTable('t', table(base), table(changed(3, 0.25 + 1e-15)))).toHaveLength(1);
    expect(diffTable('t', table(base), table(changed(1, '2024-01-01T00:00:00.001Z')))).toHaveLength(1);
    expect(diffTable('t', table(base), table(changed(2, 12.5 * (1 + 1e-8))))).toHaveLength(1);
    expect(diffTable('t', table(base), table(base.slice(1)))).not.toEqual([]);
    expect(diffTable('t', table(base), { columns: columns.slice(0, 3), rows: base.map((r) => r.slice(0, 3)) })).toHaveLength(1);
  });
});

const DUCKDB = ENGINES.find((e) => e.kind === 'duckdb')!;
const POSTGRES = ENGINES.find((e) => e.kind === 'postgres')!;

describe('DuckDB and Postgres build identical core tables and marts from the same worlds', () => {
  const opened: TestEngine[] = [];
  const landed = new Map<EngineKind, Landed>();

  beforeAll(async () => {
    // Postgres does its work in its own process, so landing both at once saves most of the wall time.
    const settled = await Promise.allSettled(
      [DUCKDB, POSTGRES].map(async ({ kind, open }) => {
        const t = await open();
        opened.push(t);
        const config = await landEverything(t.engine);
        await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
        const tests = await runDataTests({ engine: t.engine, config, log: silentLogger });
        landed.set(kind, { engine: t.engine, config, tables: await readModels(t.engine), tests });
      }),
    );
    // Both finish before either fails the suite, so afterAll never closes an engine still in use.
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
  });
  afterAll(async () => {
    await Promise.all(opened.map((t) => t.dispose()));
  });

  it('have the same core and marts tables, all of them non-empty', () => {
    const duck = landed.get('duckdb')!;
    const pg = landed.get('postgres')!;
    const names = [...duck.tables.keys()];
    expect([...pg.tables.keys()]).toEqual(names);
    expect(names.filter((n) => n.startsWith('core.')).length).toBeGreaterThanOrEqual(10);
    expect(names.filter((n) => n.startsWith('marts.')).length).toBeGreaterThanOrEqual(5);
    expect(names).toContain('core.applications');
    expect(names).toContain('marts.funnel');
    expect(names.filter((n) => duck.tables.get(n)!.rows.length === 0)).toEqual([]);
  });

  it('every connection reaches the marts on both engines', () => {
    for (const kind of ['duckdb', 'postgres'] as const) {
      const apps = landed.get(kind)!.tables.get('core.applications')!;
      const c = apps.columns.findIndex((col) => col.name === 'connection');
      expect(new Set(apps.rows.map((r) => r[c])), kind).toEqual(new Set(['acme', 'globex', ...VENDOR_CONNECTIONS]));
    }
  });

  it('every table is identical row for row', () => {
    const duck = landed.get('duckdb')!;
    const pg = landed.get('postgres')!;
    const problems: string[] = [];
    for (const [name, table] of duck.tables) {
      const other = pg.tables.get(name);
      if (!other) problems.push(`${name} is missing on postgres`);
      else problems.push(...diffTable(name, table, other));
    }
    expect(problems.slice(0, 20), `${problems.length} differences`).toEqual([]);
  });

  it('no data test fails on either engine, both run the same tests and warn about the same rows', () => {
    const summary = (run: DataTestRun) => run.tests.map((t) => `${t.name}: ${t.status} ${t.failures}${t.error ? ` ${t.error}` : ''}`).sort();
    const duck = summary(landed.get('duckdb')!.tests);
    expect(duck.length).toBeGreaterThan(0);
    expect(landed.get('duckdb')!.tests.ok).toBe(true);
    // The untidy worlds raise warnings (references to deleted records, inferred stage names), never errors.
    expect(landed.get('duckdb')!.tests.tests.filter((t) => t.status !== 'pass' && t.severity !== 'warn').map((t) => t.name)).toEqual([]);
    expect(summary(landed.get('postgres')!.tests)).toEqual(duck);
  });
});
