// One config with a Greenhouse, a Lever and a Workday connection, each serving its own world: all
// three land, and every mart keeps each connection apart and equal to its own world. Compared
// without ids (each vendor renders ids its own way): per source, per cohort month and stage summed
// over jobs, and hires with their total days to hire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, createWorld, customStageMapping, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { startLeverEmulator, type LeverEmulator } from '../../emulators/lever/index.ts';
import { startWorkdayEmulator, type WorkdayEmulator } from '../../emulators/workday/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { diffRows, MICROSECOND_IN_DAYS } from '../models/compare.ts';
import { build, readTable } from '../models/harness.ts';
import { Truth, type Row } from '../models/truth.ts';
import { EMULATOR_NO_LIMIT, leverConnection } from '../lever/helpers.ts';
import { workdayConnection } from './helpers.ts';
import { workdayView } from './truth.ts';

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

describe('a Greenhouse, a Lever and a Workday connection in one config, on duckdb', () => {
  let t: TestEngine;
  const worlds: Record<string, World> = {};
  let gh: GreenhouseEmulator;
  let lv: LeverEmulator;
  let wd: WorkdayEmulator;
  let config: HirelakeConfig;

  beforeAll(async () => {
    t = await ENGINES[0]!.open();
    worlds['acme'] = createWorld({ seed: 51, size: 'tiny', start: START, now: NOW });
    worlds['beta'] = createWorld({ seed: 52, size: 'tiny', start: START, now: NOW });
    worlds['gamma'] = createWorld({ seed: 53, size: 'tiny', start: START, now: NOW });
    gh = await startGreenhouseEmulator({ world: worlds['acme']!, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    lv = await startLeverEmulator({ world: worlds['beta']!, rateLimit: EMULATOR_NO_LIMIT });
    wd = await startWorkdayEmulator({ world: worlds['gamma']! });
    config = resolveConfig(
      {
        warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' },
        connections: [
          { name: 'acme', source: 'greenhouse', credentials: gh.credentials, base_url: gh.url, token_url: gh.tokenUrl, stage_mapping: customStageMapping(worlds['acme']!) },
          leverConnection(lv, { stage_mapping: customStageMapping(worlds['beta']!) }),
          workdayConnection(wd, { stage_mapping: customStageMapping(worlds['gamma']!) }, true),
        ],
      },
      '/nonexistent/hirelake.yml',
      sources,
    );
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 1) });
    expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
    await build(t.engine, config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(async () => {
    await Promise.all([gh?.stop(), lv?.stop(), wd?.stop()]);
    await t?.dispose();
  });

  const truthOf = (c: string) => new Truth(c === 'gamma' ? workdayView(worlds[c]!) : worlds[c]!, c);
  const connections = ['acme', 'beta', 'gamma'];

  it('lands every connection into its own vendor tables, each stream under its connection', async () => {
    const landed = await t.engine.query<{ connection: string; n: number }>(
      `select _connection as connection, count(*) as n from (
         select _connection from raw.greenhouse__applications union all
         select _connection from raw.lever__opportunities union all
         select _connection from raw.workday__job_applications) x group by 1 order by 1`,
    );
    expect(landed.map((r) => r.connection)).toEqual(connections);
    const apps = await t.engine.query<{ connection: string; n: number }>(`select connection, count(*) as n from core.applications where not is_prospect group by 1 order by 1`);
    expect(apps).toEqual(connections.map((c) => ({ connection: c, n: worlds[c]!.applications.filter((a) => !a.isProspect).length })));
  });

  it('source_effectiveness holds each connection apart and equal to its world', async () => {
    const expected = connections.flatMap((c) => truthOf(c).sourceEffectiveness());
    const problems = diffRows(await readTable(t.engine, 'marts', 'source_effectiveness'), expected, { key: ['connection', 'source_name'], rates: ['hire_rate'] });
    expect(problems).toEqual([]);
  });

  it('the funnel, summed over jobs, holds each connection apart and equal to its world', async () => {
    const expected = byMonthStage(connections.flatMap((c) => truthOf(c).funnel()));
    const actual = byMonthStage(await readTable(t.engine, 'marts', 'funnel'));
    expect(diffRows(actual, expected, { key: ['connection', 'applied_month', 'canonical_stage'] })).toEqual([]);
  });

  it('hires and their total days to hire match per connection', async () => {
    const expected = hires(connections.flatMap((c) => truthOf(c).timeToHire()));
    const actual = hires(await readTable(t.engine, 'marts', 'time_to_hire'));
    expect(actual.map((r) => [r.connection, r.hires])).toEqual(expected.map((r) => [r.connection, r.hires]));
    for (const e of expected) {
      const a = actual.find((r) => r.connection === e.connection)!;
      expect(Math.abs(a.days - e.days)).toBeLessThan(MICROSECOND_IN_DAYS * Math.max(1, e.hires));
    }
  });
});
