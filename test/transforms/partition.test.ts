// A rebuild of only the connections whose raw data changed leaves every core table and mart equal
// to a full rebuild, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sources } from '../../extractors/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildModels } from '../../transforms/index.ts';
import { landWorlds } from '../models/harness.ts';
import { ENGINES, type TestEngine } from './fixtures.ts';

async function snapshot(engine: Engine): Promise<Record<string, string[]>> {
  const tables = await engine.query<{ s: string; t: string }>(
    `select table_schema as s, table_name as t from information_schema.tables where table_schema in ($1, $2) and table_type <> 'VIEW' order by 1, 2`,
    [engine.schemas.core, engine.schemas.marts],
  );
  const out: Record<string, string[]> = {};
  for (const { s, t } of tables) {
    const rows = await engine.query(`select * from ${qualified(s, t)}`);
    // Floats as computed may differ in the last bits between plans; 9 significant digits decide.
    out[`${s}.${t}`] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v))).sort();
  }
  return out;
}

describe.each(ENGINES.map((e) => ({ kind: e.kind, open: e.open })))('partitioned rebuild on $kind', ({ open }) => {
  let t: TestEngine;
  let config: HirelakeConfig;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.dispose());

  const build = async (connections?: string[]) => {
    const r = await buildModels({ engine: t.engine, config, log: silentLogger, runId: 'p', sources, ...(connections ? { connections } : {}) });
    expect(r.models.filter((m) => m.status !== 'succeeded').map((m) => `${m.name}: ${m.error}`)).toEqual([]);
    return r;
  };

  it('equals a full rebuild after one connection changed and another was added', async () => {
    const first = await landWorlds(t.engine, [
      { connection: 'c1', seed: 1, size: 'tiny', days: 90, mapStages: false },
      { connection: 'c2', seed: 2, size: 'tiny', days: 90, mapStages: false },
    ]);
    config = first.config;
    await build();
    const before = await snapshot(t.engine);
    // c2 gets more (and newer) records, c3 is new; c1 is untouched.
    const second = await landWorlds(t.engine, [
      { connection: 'c2', seed: 7, size: 'tiny', days: 120, mapStages: false },
      { connection: 'c3', seed: 3, size: 'tiny', days: 90, mapStages: false },
    ]);
    config = resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/x.duckdb' }, connections: [...first.config.connections, ...second.config.connections.filter((c) => c.name === 'c3')] }, '/nonexistent/hirelake.yml', sources);
    await build(['c2', 'c3']);
    const partitioned = await snapshot(t.engine);
    expect(partitioned).not.toEqual(before);
    await build();
    const full = await snapshot(t.engine);
    expect(Object.keys(partitioned)).toEqual(Object.keys(full));
    for (const table of Object.keys(full)) expect(partitioned[table], table).toEqual(full[table]);
    // c1's rows were not rebuilt but are still right.
    expect(full[`${t.engine.schemas.marts}.funnel`]!.some((r) => r.includes('"connection":"c1"'))).toBe(true);
  });
});
