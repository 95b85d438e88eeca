// Every mart, built from what the Greenhouse extractor landed, equals what the simulated world
// says happened: counts exactly, day figures within a microsecond.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_STAGE_NAMES, DEFAULT_STAGE_NAMES } from '../../emulators/world/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { inferredStageMappings, runDataTests, unmappedStages } from '../../transforms/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { diffRows } from './compare.ts';
import { checkName, deletedReferences, expectDataTestsPass, expectEveryDropExplained, inferredStages, expectRowsEqual } from './assertions.ts';
import { build, landWorld, landWorlds, readTable, type Landed, type WorldSpec } from './harness.ts';
import { Truth } from './truth.ts';
import { CHECKS } from './checks.ts';

const WORLDS: readonly (WorldSpec & { label: string; engines: readonly string[] })[] = [
  { label: 'tiny, seed 1', seed: 1, size: 'tiny', days: 150, engines: ['duckdb'] },
  { label: 'small, seed 2', seed: 2, size: 'small', days: 365, engines: ['duckdb'] },
  { label: 'small, seed 5, a year', seed: 5, size: 'small', days: 400, engines: ['duckdb'] },
  { label: 'tiny, seed 3, advanced 45 days between two incremental runs', seed: 3, size: 'tiny', days: 90, advanceDays: 45, engines: ['duckdb', 'postgres'] },
  { label: 'small, seed 4, advanced 30 days between two incremental runs', seed: 4, size: 'small', days: 200, advanceDays: 30, engines: ['duckdb'] },
];

const CASES = WORLDS.flatMap((w) => ENGINES.filter((e) => w.engines.includes(e.kind)).map((e) => ({ ...w, kind: e.kind, open: e.open })));

describe.each(CASES)('world $label on $kind', (spec) => {
  let t: TestEngine;
  let landed: Landed;

  beforeAll(async () => {
    t = await spec.open();
    landed = await landWorld(t.engine, spec);
    await build(t.engine, landed.config);
  });
  afterAll(() => t.dispose());

  it('has every kind of edge case the marts must handle', () => {
    const w = landed.world;
    expect(w.applications.some((a) => a.isProspect)).toBe(true);
    expect(w.applications.some((a) => a.status === 'hired')).toBe(true);
    expect(w.applications.some((a) => a.status === 'rejected')).toBe(true);
    // backward moves show up as a stage visited twice
    const twice = w.applications.some((a) => new Set(a.visitIds.map((v) => w.visits[v - 1]!.stageId)).size < a.visitIds.length);
    if (spec.size === 'small') expect(twice).toBe(true);
  });

  it.each(CHECKS.map((c) => ({ name: checkName(c) })))('$name equals the world', async ({ name }) => {
    const c = CHECKS.find((x) => checkName(x) === name)!;
    const truth = new Truth(landed.world, 'acme', { completeReadAt: landed.completeReadAt });
    const rows = await readTable(t.engine, t.engine.schemas[c.schema], c.table, c.columns);
    expectRowsEqual(name, c.actual ? c.actual(rows, truth) : rows, c.truth(truth), c.compare);
  });

  it('explains every raw record that did not reach core (marts.dropped_records)', async () => {
    await expectEveryDropExplained(t.engine);
  });

  it('fails no data test, and warns only about references to jobs and users the ATS deleted', async () => {
    const w = landed.world;
    const ids = (rows: readonly { id: number; deletedAt: number | null }[]) => new Set(rows.filter((r) => r.deletedAt !== null).map((r) => String(r.id)));
    await expectDataTestsPass(t.engine, landed.config, deletedReferences(ids(w.jobs), ids(w.users)));
  });
});

describe('stage mapping and PII on DuckDB', () => {
  let t: TestEngine;
  let landed: Landed;
  beforeAll(async () => {
    t = await ENGINES[0]!.open();
    // A seed whose jobs use several team-specific stage names.
    landed = await landWorld(t.engine, { seed: 7, size: 'tiny', days: 200, mapStages: false });
  });
  afterAll(() => t.dispose());

  it('without stage_mapping, names no default knows are inferred to their true stage, with reasons, and the marts stay right', async () => {
    await build(t.engine, landed.config);
    const w = landed.world;
    const canonical = new Map(w.stages.map((s) => [s.name, s.canonical]));
    // Greenhouse shows the stages of job plans only (the world's general plan is for job-less applications).
    const custom = [...new Set(w.stages.filter((s) => s.jobId !== null && !(s.name in DEFAULT_STAGE_NAMES)).map((s) => s.name))].sort();
    expect(custom.length).toBeGreaterThan(2);
    const inferred = await inferredStageMappings(t.engine);
    expect([...new Set(inferred.map((i) => i.stage_name))].sort()).toEqual(custom);
    for (const i of inferred) {
      expect(i.canonical_stage, i.stage_name).toBe(canonical.get(i.stage_name));
      expect(i.mapping_reason).toMatch(/^(keyword "[a-z ]+"|after ".+")$/);
    }
    expect(await unmappedStages(t.engine)).toEqual([]);
    const [visits] = await t.engine.query<{ n: number; unmapped: number }>(
      `select count(*) as n, count(*) filter (where canonical_stage is null) as unmapped from core.stage_visits`,
    );
    expect(Number(visits?.n)).toBe(w.visits.length);
    expect(Number(visits?.unmapped)).toBe(0);
    for (const c of CHECKS.filter((x) => x.schema === 'marts')) {
      expectRowsEqual(c.table, await readTable(t.engine, t.engine.schemas.marts, c.table, c.columns), c.truth(new Truth(w, 'acme')), c.compare);
    }
    const deleted = (rows: readonly { id: number; deletedAt: number | null }[]) => new Set(rows.filter((r) => r.deletedAt !== null).map((r) => String(r.id)));
    await expectDataTestsPass(t.engine, landed.config, [...deletedReferences(deleted(w.jobs), deleted(w.users)), inferredStages(canonical)]);
  });

  it('infers the team-specific names real accounts use', async () => {
    const names = ['HM Review', 'HM Screen', 'Reference Check', 'Background Check', 'Take Home', 'Work Sample', 'Intro Call', 'Culture Add Chat', 'Bar Raiser'];
    const inferred = new Map((await inferredStageMappings(t.engine)).map((i) => [i.stage_name, i.canonical_stage]));
    const present = names.filter((n) => inferred.has(n));
    expect(present.length).toBeGreaterThan(1);
    for (const n of present) expect(inferred.get(n), n).toBe(CUSTOM_STAGE_NAMES[n]);
  });

  it('config stage_mapping matches names regardless of case and spacing', async () => {
    const mapping: Record<string, string> = {};
    for (const [name, canonical] of Object.entries(CUSTOM_STAGE_NAMES)) mapping[`  ${name.toUpperCase().replaceAll(' ', '_')} `] = canonical;
    const config = { ...landed.config, connections: [{ ...landed.config.connections[0]!, stage_mapping: mapping }] };
    await build(t.engine, config as typeof landed.config);
    expect(await unmappedStages(t.engine)).toEqual([]);
  });

  it('keeps candidate names, emails and phones out of core unless models.include_pii is set', async () => {
    await build(t.engine, landed.config);
    const cols = async () => (await t.engine.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'core' and table_name = 'candidates' order by ordinal_position`,
    )).map((r) => r.column_name);
    expect(await cols()).toEqual(['connection', 'candidate_id', 'created_at']);
    await build(t.engine, { ...landed.config, models: { include_pii: true } });
    expect(await cols()).toEqual(['connection', 'candidate_id', 'created_at', 'first_name', 'last_name', 'email', 'phone']);
    const c = landed.world.candidates[0]!;
    const [row] = await t.engine.query(`select first_name, last_name, email, phone from core.candidates where candidate_id = $1`, [String(c.id)]);
    expect(row).toEqual({ first_name: c.firstName, last_name: c.lastName, email: c.email, phone: c.phone });
  });
});


describe('two connections in one warehouse (ids overlap: both worlds number from 1)', () => {
  let t: TestEngine;
  let worlds: Awaited<ReturnType<typeof landWorlds>>;
  beforeAll(async () => {
    t = await ENGINES[0]!.open();
    worlds = await landWorlds(t.engine, [
      { connection: 'acme', seed: 8, size: 'tiny', days: 160 },
      { connection: 'globex', seed: 9, size: 'tiny', days: 100 },
    ]);
    await build(t.engine, worlds.config);
  });
  afterAll(() => t.dispose());

  it('keep every mart apart: each connection equals its own world', async () => {
    for (const [connection, world] of worlds.worlds) {
      const truth = new Truth(world, connection);
      for (const c of CHECKS) {
        const rows = (await readTable(t.engine, t.engine.schemas[c.schema], c.table, c.columns)).filter((r) => r['connection'] === connection);
        const actual = c.actual ? c.actual(rows, truth) : rows;
        const problems = diffRows(actual, c.truth(truth), c.compare);
        expect(problems.slice(0, 10), `${connection} ${c.schema}.${c.table}: ${problems.length} differences`).toEqual([]);
      }
    }
  });
});
