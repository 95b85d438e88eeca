// One config with a connection per registered vendor (extractors/index.ts), each serving its own
// world through its emulator kit: all land, and every mart keeps each connection apart and equal
// to its own world. Compared without ids (each vendor renders ids its own way): per source, per
// cohort month and stage summed over jobs, and hires with their total days to hire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, PRESETS, createWorld, customStageMapping, type World } from '../../emulators/world/index.ts';
import type { EmulatorKit, RunningEmulator } from '../../emulators/shared/kit.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources, vendors } from '../../extractors/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { diffRows, MICROSECOND_IN_DAYS } from '../models/compare.ts';
import { build, readTable } from '../models/harness.ts';
import { Truth, type Row } from '../models/truth.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 200 * DAY;

/** funnel rows summed over jobs: connection × applied_month × stage → reached, visited */
function byMonthStage(rows: Row[]): Row[] {
  const m = new Map<string, Row>();
  for (const r of rows) {
    const k = `${r['connection']}|${r['applied_month']}|${r['canonical_stage']}`;
    const acc = m.get(k) ?? { connection: r['connection'], applied_month: r['applied_month'], canonical_stage: r['canonical_stage'], reached: 0, visited: 0 };
    acc['reached'] = (acc['reached'] as number) + Number(r['reached']);
    acc['visited'] = (acc['visited'] as number) + Number(r['visited']);
    m.set(k, acc);
  }
  return [...m.values()];
}

function hires(rows: Row[]): { connection: unknown; hires: number; days: number }[] {
  const m = new Map<string, { connection: unknown; hires: number; days: number }>();
  for (const r of rows) {
    const acc = m.get(String(r['connection'])) ?? { connection: r['connection'], hires: 0, days: 0 };
    acc.hires++;
    acc.days += Number(r['days_to_hire']);
    m.set(String(r['connection']), acc);
  }
  return [...m.values()].sort((a, b) => String(a.connection).localeCompare(String(b.connection)));
}

describe.each(ENGINES)('a connection per registered vendor in one config, on $kind', ({ open }) => {
  let t: TestEngine;
  const worlds: Record<string, World> = {};
  const kits: Record<string, EmulatorKit> = {};
  const running: RunningEmulator[] = [];
  let config: HirelakeConfig;
  /** connection name → vendor */
  const connections = Object.keys(vendors).map((v) => `c_${v}`);
  const vendorOf = (c: string) => c.slice(2);

  beforeAll(async () => {
    t = await open();
    let seed = 51;
    const entries: Record<string, unknown>[] = [];
    for (const c of connections) {
      const kit = (kits[c] = await vendors[vendorOf(c)]!.emulator());
      // Job-less applications wherever the vendor can show them: real accounts have them.
      const world = (worlds[c] = createWorld({ seed: seed++, size: { ...PRESETS.tiny, joblessApplications: kit.joblessApplications ? 0.3 : 0 }, start: START, now: NOW }));
      const emu = await kit.start(world);
      running.push(emu);
      entries.push(kit.connection(emu, c, { stage_mapping: customStageMapping(world) }));
    }
    config = resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' }, connections: entries }, '/nonexistent/hirelake.yml', sources);
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 1) });
    expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(async () => {
    await Promise.all(running.map((e) => e.stop()));
    await t?.dispose();
  });

  const truthOf = (c: string) => new Truth(kits[c]!.shownWorld?.(worlds[c]!) ?? worlds[c]!, c);

  it('lands every connection, and keeps every application of each in core', async () => {
    const apps = await t.engine.query<{ connection: string; n: number }>(
      `select connection, count(*) as n from ${t.engine.schemas.core}.applications where not is_prospect group by 1 order by 1`,
    );
    expect(apps.map((r) => ({ connection: r.connection, n: Number(r.n) }))).toEqual(
      [...connections].sort().map((c) => ({ connection: c, n: worlds[c]!.applications.filter((a) => !a.isProspect).length })),
    );
  });

  it('source_effectiveness holds each connection apart and equal to its world', async () => {
    const expected = connections.flatMap((c) => truthOf(c).sourceEffectiveness());
    const problems = diffRows(await readTable(t.engine, t.engine.schemas.marts, 'source_effectiveness'), expected, { key: ['connection', 'source_name'], rates: ['hire_rate'] });
    expect(problems).toEqual([]);
  });

  it('the funnel, summed over jobs, holds each connection apart and equal to its world', async () => {
    const expected = byMonthStage(connections.flatMap((c) => truthOf(c).funnel()));
    const actual = byMonthStage(await readTable(t.engine, t.engine.schemas.marts, 'funnel'));
    expect(diffRows(actual, expected, { key: ['connection', 'applied_month', 'canonical_stage'] })).toEqual([]);
  });

  it('hires and their total days to hire match per connection', async () => {
    const expected = hires(connections.flatMap((c) => truthOf(c).timeToHire()));
    const actual = hires(await readTable(t.engine, t.engine.schemas.marts, 'time_to_hire'));
    expect(actual.map((r) => [r.connection, r.hires])).toEqual(expected.map((r) => [r.connection, r.hires]));
    for (const e of expected) {
      const a = actual.find((r) => r.connection === e.connection)!;
      expect(Math.abs(a.days - e.days)).toBeLessThan(MICROSECOND_IN_DAYS * Math.max(1, e.hires));
    }
  });
});
