// core.openings' target start dates, close reasons and backfill flags, marts.requisition_aging and
// marts.hiring_plan against the simulated world, for every vendor that has openings, on both
// engines. Rows are compared without the vendors' ids (each renders its own); Greenhouse's, which
// are the world's, are checked as well.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, createWorld, customStageMapping, type World } from '../../emulators/world/index.ts';
import type { EmulatorKit, RunningEmulator } from '../../emulators/shared/kit.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources, vendors } from '../../extractors/index.ts';
import { DEFAULT_SQL_DIR } from '../../transforms/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { diffRows } from '../models/compare.ts';
import { build, readTable } from '../models/harness.ts';
import type { Row } from '../models/truth.ts';
import { agingTruth, hiringPlanTruth, type VendorShape } from './truth.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 300 * DAY;
const SHAPES: Readonly<Record<string, VendorShape>> = {
  greenhouse: { targets: true, backfill: false },
  lever: { targets: false, backfill: true },
  // One target per requisition, and opened on a date: the kit's shownWorld says so.
  workday: { targets: true, backfill: true },
  ashby: { targets: true, backfill: true },
};
const WITH_OPENINGS = Object.keys(vendors).filter((v) => existsSync(join(DEFAULT_SQL_DIR, 'staging', v, `int_${v}__openings.sql`)));
const CASES = WITH_OPENINGS.flatMap((vendor) => ENGINES.map((e) => ({ vendor, kind: e.kind, open: e.open })));

const AGING = ['job_name', 'department_name', 'office_name', 'is_backfill', 'opened_at', 'as_of', 'days_open', 'age_bucket', 'target_start_on', 'days_past_target_start',
  'pipeline_active', 'pipeline_applied', 'pipeline_screen', 'pipeline_interview', 'pipeline_offer'];

/** Rows as sortable text, day figures to the microsecond. */
function canonical(rows: readonly Row[], columns: readonly string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => (c === 'days_open' ? Math.round(Number(r[c]) * 86_400_000_000) : r[c])))).sort();
}

it('every vendor with openings says what it keeps of them', () => {
  expect(WITH_OPENINGS.sort()).toEqual(Object.keys(SHAPES).sort());
});

describe.each(CASES)('$vendor openings on $kind', ({ vendor, open }) => {
  let t: TestEngine;
  let kit: EmulatorKit;
  let emu: RunningEmulator;
  let world: World;
  let config: HirelakeConfig;
  let shown: () => World;
  const shape = SHAPES[vendor]!;

  beforeAll(async () => {
    t = await open();
    kit = await vendors[vendor]!.emulator();
    world = createWorld({ seed: 41, size: { jobs: 14, applicationsPerJob: 30, joblessApplications: kit.joblessApplications ? 0.2 : 0 }, start: START, now: NOW });
    // What the vendor can show of it (Workday: requisition dates and targets), for the truth.
    shown = () => kit.shownWorld?.(world) ?? world;
    emu = await kit.start(world);
    config = resolveConfig(
      { warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' }, connections: [kit.connection(emu, 'acme', { stage_mapping: customStageMapping(world) })] },
      '/nonexistent/hirelake.yml',
      sources,
    );
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 1) });
    expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(async () => {
    await emu?.stop();
    await t?.dispose();
  });

  it('marts.requisition_aging: every open opening with its age, target and pipeline', async () => {
    const actual = await readTable(t.engine, t.engine.schemas.marts, 'requisition_aging');
    const expected = agingTruth(shown(), 'acme', shape);
    expect(expected.length).toBeGreaterThan(0);
    expect(canonical(actual, AGING)).toEqual(canonical(expected, AGING));
    if (shape.targets) expect(actual.some((r) => r['days_past_target_start'] !== null)).toBe(true);
    if (shape.backfill) {
      // Backfills and new headcount both occur (among all openings: the open ones may be of one kind).
      const all = await readTable(t.engine, t.engine.schemas.core, 'openings', ['is_backfill']);
      expect(new Set(all.map((r) => r['is_backfill']))).toEqual(new Set([true, false]));
    }
  });

  it('marts.hiring_plan: openings due by target month against those filled, and hires per month', async () => {
    const actual = await readTable(t.engine, t.engine.schemas.marts, 'hiring_plan');
    const expected = hiringPlanTruth(shown(), 'acme', shape);
    const problems = diffRows(actual, expected, { key: ['department_name', 'month'], rates: ['fill_rate', 'on_time_rate', 'avg_slippage_days'] });
    expect(problems.slice(0, 10), `${problems.length} differences`).toEqual([]);
    expect(actual.reduce((n, r) => n + Number(r['hires']), 0)).toBeGreaterThan(0);
    if (shape.targets) expect(actual.reduce((n, r) => n + Number(r['openings_due']), 0)).toBeGreaterThan(0);
  });

  it.runIf(vendor === 'greenhouse')('core.openings keeps each opening\'s target start, close reason and ids', async () => {
    const rows = await readTable(t.engine, t.engine.schemas.core, 'openings', ['opening_id', 'target_start_on', 'close_reason', 'is_backfill']);
    const expected = world.openings.map((o) => ({
      opening_id: String(o.id),
      target_start_on: o.targetStartOn === null ? null : `${o.targetStartOn}T00:00:00.000Z`,
      close_reason: o.closeReasonId === null ? null : world.closeReasons[o.closeReasonId - 1]!.name,
      is_backfill: null,
    }));
    expect(diffRows(rows, expected, { key: ['opening_id'] })).toEqual([]);
    const aging = await readTable(t.engine, t.engine.schemas.marts, 'requisition_aging', ['opening_id', 'job_id']);
    expect(aging.map((r) => r['opening_id']).sort()).toEqual(world.openings.filter((o) => o.openedAt !== null && o.closedAt === null).map((o) => String(o.id)).sort());
  });
});
