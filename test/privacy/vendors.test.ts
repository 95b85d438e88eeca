// Every registered vendor whose API has demographics (a stream marked demographics): extracted only
// with demographics: true, and then the funnel before suppression equals the world's, on both
// engines. The funnel is aggregate (no ids), so one truth serves every vendor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, createWorld, customStageMapping, type World } from '../../emulators/world/index.ts';
import type { EmulatorKit, RunningEmulator } from '../../emulators/shared/kit.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources, vendors } from '../../extractors/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { expectRowsEqual } from '../models/assertions.ts';
import { build, readTable } from '../models/harness.ts';
import { diversityFunnelTruth, suppressOracle } from './diversity-truth.ts';
import { diffRows } from '../models/compare.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 240 * DAY;
const KEY = ['connection', 'applied_quarter', 'canonical_stage', 'category', 'answer'];
const WITH_DEMOGRAPHICS = Object.keys(vendors).filter((v) => sources[v]!.streams.some((s) => s.demographics));

const CASES = WITH_DEMOGRAPHICS.flatMap((vendor) => ENGINES.map((e) => ({ vendor, kind: e.kind, open: e.open })));

describe.each(CASES)('$vendor demographics on $kind', ({ vendor, kind, open }) => {
  let t: TestEngine;
  let kit: EmulatorKit;
  let emu: RunningEmulator;
  let world: World;
  let config: HirelakeConfig;

  beforeAll(async () => {
    t = await open();
    kit = await vendors[vendor]!.emulator();
    // Smaller on Postgres, whose landing is slower: the rule is the same.
    const jobs = kind === 'duckdb' ? 16 : 8;
    world = createWorld({ seed: 31, size: { jobs, applicationsPerJob: 40, joblessApplications: kit.joblessApplications ? 0.3 : 0 }, start: START, now: NOW });
    emu = await kit.start(world);
    const entries = [
      kit.connection(emu, 'optin', { stage_mapping: customStageMapping(world), demographics: true }),
      kit.connection(emu, 'plain', { stage_mapping: customStageMapping(world) }),
    ];
    config = resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' }, connections: entries }, '/nonexistent/hirelake.yml', sources);
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 1) });
    expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(async () => {
    await emu?.stop();
    await t?.dispose();
  });

  it('extracts demographic answers only for the connection that opted in', async () => {
    const streams = sources[vendor]!.streams.filter((s) => s.demographics).map((s) => s.name);
    for (const s of streams) {
      const rows = await t.engine.query<{ connection: string; n: number }>(`select _connection as connection, count(*) as n from ${t.engine.schemas.raw}.${vendor}__${s} group by 1`);
      expect(rows.map((r) => r.connection)).toEqual(['optin']);
    }
    const [core] = await t.engine.query<{ n: number }>(`select count(*) as n from ${t.engine.schemas.core}.demographic_answers where connection <> 'optin'`);
    expect(Number(core!.n)).toBe(0);
  });

  it('the funnel before suppression equals the world', async () => {
    const shown = kit.shownWorld?.(world) ?? world;
    const actual = await readTable(t.engine, t.engine.schemas.staging, 'int_diversity_funnel');
    expectRowsEqual('int_diversity_funnel', actual, diversityFunnelTruth(shown, 'optin', { customSurveys: kit.customSurveys }), { key: KEY });
  });

  it('the mart hides exactly what the small-cell rule hides', async () => {
    const shown = kit.shownWorld?.(world) ?? world;
    const actual = await readTable(t.engine, t.engine.schemas.marts, 'diversity_funnel');
    const problems = diffRows(actual, suppressOracle(diversityFunnelTruth(shown, 'optin', { customSurveys: kit.customSurveys }), 5), { key: KEY, rates: ['conversion_from_previous'] });
    expect(problems.slice(0, 10), `${problems.length} differences`).toEqual([]);
  });
});
