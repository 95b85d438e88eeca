// A candidate erased in the ATS between two runs: afterwards no value of theirs is anywhere in
// the warehouse (every text column, the raw JSON included), and every mart is what it was, but
// for the diversity funnel, where their answers are gone ("No response"). For every registered
// vendor that declares where its records hold personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, createWorld, customStageMapping, demographicsOf, eraseCandidate, type Candidate, type World } from '../../emulators/world/index.ts';
import type { EmulatorKit, RunningEmulator } from '../../emulators/shared/kit.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { sources, vendors } from '../../extractors/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { expectRowsEqual } from '../models/assertions.ts';
import { build, readTable } from '../models/harness.ts';
import type { Row } from '../models/truth.ts';
import { diversityFunnelTruth } from './diversity-truth.ts';
import { findValues, needlesOf, uniqueErasable } from './search.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 200 * DAY;
const ERASING = Object.keys(vendors).filter((v) => sources[v]!.personalData);
const withDemographics = (vendor: string) => sources[vendor]!.streams.some((s) => s.demographics);
const CASES = ERASING.flatMap((vendor) => ENGINES.filter((e) => e.kind === 'duckdb' || vendor === 'greenhouse').map((e) => ({ vendor, kind: e.kind, open: e.open })));

async function marts(t: TestEngine): Promise<Map<string, Row[]>> {
  const tables = await t.engine.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [t.engine.schemas.marts]);
  const out = new Map<string, Row[]>();
  for (const { name } of tables) {
    const rows = await readTable(t.engine, t.engine.schemas.marts, name);
    out.set(name, rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).sort().map((s) => JSON.parse(s) as Row));
  }
  return out;
}

describe.each(CASES)('a candidate erased in $vendor between two runs, on $kind', ({ vendor, open }) => {
  let t: TestEngine;
  let kit: EmulatorKit;
  let emu: RunningEmulator;
  let world: World;
  let config: HirelakeConfig;
  let erased: Candidate;
  let before: Map<string, Row[]>;
  let schemas: string[];

  beforeAll(async () => {
    t = await open();
    schemas = [t.engine.schemas.raw, t.engine.schemas.staging, t.engine.schemas.core, t.engine.schemas.marts, t.engine.schemas.meta];
    kit = await vendors[vendor]!.emulator();
    world = createWorld({ seed: 23, size: { jobs: 8, applicationsPerJob: 30, joblessApplications: kit.joblessApplications ? 0.3 : 0 }, start: START, now: NOW });
    emu = await kit.start(world);
    config = resolveConfig(
      {
        warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' },
        // Demographics where the vendor's API has them (Workable's has none, and refuses the switch).
        connections: [kit.connection(emu, 'acme', { stage_mapping: customStageMapping(world), ...(withDemographics(vendor) ? { demographics: true } : {}) })],
        models: { include_pii: true },
      },
      '/nonexistent/hirelake.yml',
      sources,
    );
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 1) });
    expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
    before = await marts(t);
    erased = uniqueErasable(world, (id) => demographicsOf(world, world.applications[id - 1]!) !== null);
  });
  afterAll(async () => {
    await emu?.stop();
    await t?.dispose();
  });

  it('finds the person in the warehouse before the erasure (the search works)', async () => {
    const hits = await findValues(t.engine, schemas, needlesOf(world, erased));
    expect(hits.some((h) => h.startsWith(`${t.engine.schemas.raw}.`))).toBe(true);
    expect(hits.some((h) => h.startsWith(`${t.engine.schemas.core}.candidates.`))).toBe(true);
  });

  it('after the ATS erases them, the next run leaves no value of theirs anywhere and every mart as it was', async () => {
    eraseCandidate(world, erased.id);
    // Greenhouse and Workday show an erasure only as a record missing from a full read.
    const absent = sources[vendor]!.personalData!.erasures.some((e) => e.kind === 'absent');
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 2), fullRefresh: absent });
    expect(res.ok, JSON.stringify(res)).toBe(true);
    const summary = res.privacy.find((p) => p.connection === 'acme')!;
    expect(summary.erasure!.applications).toBeGreaterThan(0);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });

    expect(await findValues(t.engine, schemas, needlesOf(world, erased))).toEqual([]);

    const after = await marts(t);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, rows] of after) {
      if (name === 'diversity_funnel') continue;
      expect(rows, `marts.${name}`).toEqual(before.get(name));
    }
    // The answers went with the person: their applications count as "No response" (where the
    // vendor's API has answers at all: Ashby's has none).
    const shown = kit.shownWorld?.(world) ?? world;
    if (withDemographics(vendor)) expectRowsEqual('int_diversity_funnel', await readTable(t.engine, t.engine.schemas.staging, 'int_diversity_funnel'), diversityFunnelTruth(shown, 'acme', { customSurveys: kit.customSurveys }), {
      key: ['connection', 'applied_quarter', 'canonical_stage', 'category', 'answer'],
    });
    const [ledger] = await t.engine.query<{ n: number }>(`select count(*) as n from ${qualified(t.engine.schemas.meta, 'erasures')} where connection = 'acme'`);
    expect(Number(ledger!.n)).toBeGreaterThan(0);
  });

  it('a later run purges nothing more and keeps the person out', async () => {
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 3) });
    expect(res.ok).toBe(true);
    expect(res.privacy[0]!.erasure!.candidates + res.privacy[0]!.erasure!.applications).toBe(0);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
    expect(await findValues(t.engine, schemas, needlesOf(world, erased))).toEqual([]);
  });
});
