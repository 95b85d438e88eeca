// An incremental build (typed staging kept up to date from the versions landed since, models whose
// inputs did not change left as they are) equals a full rebuild row for row, on both engines, after
// rounds of random changes, deletes, late-arriving and undated versions, new records and re-read
// unchanged versions, of two vendors (Greenhouse, and Lever with its payload arrays).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../emulators/world/index.ts';
import { RESOURCES } from '../../emulators/greenhouse/index.ts';
import { startLeverEmulator } from '../../emulators/lever/index.ts';
import { sources } from '../../extractors/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../../src/landing/raw-table.ts';
import { pageRows } from '../../src/landing/to-rows.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { rand, seedRng } from '../../emulators/world/rng.ts';
import { buildModels } from '../../transforms/index.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { EMULATOR_NO_LIMIT, leverConnection } from '../lever/helpers.ts';
import { ENGINES, type TestEngine } from './fixtures.ts';

const DAY = 86_400_000;

async function snapshot(engine: Engine): Promise<Record<string, string[]>> {
  const tables = await engine.query<{ s: string; t: string }>(
    `select table_schema as s, table_name as t from information_schema.tables where table_schema in ($1, $2) and table_type <> 'VIEW' order by 1, 2`,
    [engine.schemas.core, engine.schemas.marts],
  );
  const out: Record<string, string[]> = {};
  for (const { s, t } of tables) {
    const rows = await engine.query(`select * from ${qualified(s, t)}`);
    // Floats as computed may differ in the last bits between plans; 9 significant digits decide.
    out[t] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v))).sort();
  }
  return out;
}

type RawRow = [string, string, Date | null, Date, string, boolean, string];

/** Every raw table's rows, to land the same versions in the second warehouse. */
async function rawRows(engine: Engine): Promise<Map<string, RawRow[]>> {
  const out = new Map<string, RawRow[]>();
  const tables = await engine.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = $1 and table_type <> 'VIEW'`, [engine.schemas.raw]);
  for (const { t } of tables) {
    const rows = await engine.query<Record<string, unknown>>(`select * from ${qualified(engine.schemas.raw, t)} order by _extracted_at`);
    out.set(t, rows.map((r) => RAW_COLUMNS.map((c) => r[c.name]) as RawRow));
  }
  return out;
}

async function land(engines: Engine[], table: string, rows: RawRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (const e of engines) {
    const ref = { schema: e.schemas.raw, table };
    await ensureRawTable(e, ref);
    await e.transaction((tx) => tx.bulkInsert(ref, RAW_COLUMNS, rows));
  }
}

describe.each(ENGINES.map((e) => ({ kind: e.kind, open: e.open })))('incremental build on $kind', ({ open }) => {
  let inc: TestEngine;
  let full: TestEngine;
  let config: HirelakeConfig;
  let clock = Date.now();
  const nextLanding = () => new Date((clock = Math.max(Date.now(), clock + 1)));
  beforeAll(async () => {
    inc = await open();
    full = await open();
  });
  afterAll(async () => {
    await inc.dispose();
    await full.dispose();
  });

  const build = async (engine: Engine, fullRefresh: boolean) => {
    const r = await engine.withQueryMemory(() => buildModels({ engine, config, log: silentLogger, runId: fullRefresh ? 'full' : 'inc', sources, fullRefresh }));
    expect(r.models.filter((m) => m.status !== 'succeeded').map((m) => `${m.name}: ${m.error}`)).toEqual([]);
    return r;
  };

  it('equals a full rebuild after rounds of random changes, deletes, late and undated versions', { timeout: 900_000 }, async () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    // Greenhouse rendered straight into the raw zone as its extractor would land it.
    const world = createWorld({ seed: 11, size: 'tiny', start, now: start + 90 * DAY });
    const greenhouse = sources['greenhouse']!;
    for (const stream of greenhouse.streams) {
      const resource = RESOURCES.find((r) => r.name === stream.name)!;
      const ref = rawTableRef(inc.engine, 'greenhouse', stream.name);
      await ensureRawTable(inc.engine, ref);
      const page = { records: resource.rows(world).filter((r) => resource.visible(world, r)).map((r) => resource.render(world, r)), resume: null };
      await inc.engine.transaction((tx) => tx.bulkInsert(ref, RAW_COLUMNS, pageRows(stream, page, { connection: 'gh', runId: 'land', extractedAt: nextLanding() })));
    }
    // Lever through its emulator and extractor (payload arrays: stage changes, offer and feedback fields).
    const leverWorld = createWorld({ seed: 12, size: 'tiny', start, now: start + 60 * DAY });
    const emu = await startLeverEmulator({ world: leverWorld, rateLimit: EMULATOR_NO_LIMIT });
    const connections = [{ name: 'gh', source: 'greenhouse', credentials: { client_id: 'x', client_secret: 'y', user_id: '1' } }, leverConnection(emu)];
    config = resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/x.duckdb' }, connections }, '/nonexistent/hirelake.yml', sources);
    try {
      const res = await extractInto(inc.engine, resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/x.duckdb' }, connections: [leverConnection(emu)] }, '/nonexistent/hirelake.yml', sources), { now: new Date(leverWorld.now + 1) });
      expect(res.ok).toBe(true);
    } finally {
      await emu.stop();
    }
    for (const [table, rows] of await rawRows(inc.engine)) await land([full.engine], table, rows);

    await build(inc.engine, false);
    await build(full.engine, true);
    expect(await snapshot(inc.engine)).toEqual(await snapshot(full.engine));

    const st = seedRng(2024);
    const rng = () => rand(st);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const tables = [...(await rawRows(inc.engine)).keys()].filter((t) => !t.endsWith('__latest'));
    // Rounds 1-3 change every stream; rounds 4-5 only Greenhouse's application and interview streams (an hourly
    // extract's usual news), so the tables declared incremental_key are rebuilt per key.
    const perKey = new Set(['greenhouse__applications', 'greenhouse__application_stages', 'greenhouse__offers', 'greenhouse__openings', 'greenhouse__interviews', 'greenhouse__scorecards', 'greenhouse__interviewers', 'greenhouse__scorecard_candidate_attributes']);
    for (let round = 1; round <= 5; round++) {
      const changes = { changed: 0, deleted: 0, late: 0, undated: 0, added: 0, same: 0 };
      for (const table of tables) {
        if (round > 3 && !perKey.has(table)) continue;
        const latest = await inc.engine.query<{ id: string; conn: string; u: Date | null; p: string; del: boolean }>(
          `select _record_id as id, _connection as conn, _updated_at as u, cast(_payload as text) as p, _deleted as del from ${qualified(inc.engine.schemas.raw, `${table}__latest`)} order by 1, 2`,
        );
        const live = latest.filter((r) => !r.del);
        if (live.length < 2) continue;
        const stream = sources[table.split('__')[0]!]!.streams.find((s) => s.name === table.split('__')[1])!;
        const rows: RawRow[] = [];
        let at = nextLanding();
        // A record picked again in one round lands on a later page (as a record re-listed by a later
        // page does): two versions of one record, one undated, landed at one instant, have no order.
        const picked = new Set<string>();
        const pickLive = () => {
          const r = pick(live);
          if (picked.has(`${r.conn}/${r.id}`)) at = nextLanding();
          picked.add(`${r.conn}/${r.id}`);
          return r;
        };
        const version = (conn: string, id: string, payload: Record<string, unknown>, deleted = false): RawRow => {
          const u = stream.updatedAt(payload);
          const d = typeof u === 'number' ? new Date(u) : typeof u === 'string' && u ? new Date(u) : null;
          return [conn, id, d && !Number.isNaN(d.getTime()) ? d : deleted ? at : null, at, `round${round}`, deleted, JSON.stringify(payload)];
        };
        // A few records each: take some fields from another record (a real change of any kind).
        for (let i = 0; i < Math.max(1, Math.floor(live.length * 0.05)); i++) {
          const a = pickLive();
          const b = pick(live);
          const pa = JSON.parse(a.p) as Record<string, unknown>;
          const pb = JSON.parse(b.p) as Record<string, unknown>;
          const next: Record<string, unknown> = { ...pa };
          for (const k of Object.keys(pb)) if (rng() < 0.3 && !/^(id|updated_at|updatedAt)$/.test(k)) next[k] = pb[k];
          const r = rng();
          if (r < 0.55) {
            bump(next, a.u, 1 + Math.floor(rng() * 1000));
            rows.push(version(a.conn, a.id, next));
            changes.changed++;
          } else if (r < 0.7) {
            // Late: an older version arriving after the newer one; it must not win.
            bump(next, a.u, -(1 + Math.floor(rng() * 1000)));
            rows.push(version(a.conn, a.id, next));
            changes.late++;
          } else if (r < 0.8) {
            rows.push([a.conn, a.id, at, at, `round${round}`, true, JSON.stringify({ id: a.id, deleted_at: at.toISOString() })]);
            changes.deleted++;
          } else if (r < 0.87) {
            // Undated: the record's versions are ranked by landing sequence from now on.
            delete next['updated_at'];
            delete next['updatedAt'];
            rows.push(version(a.conn, a.id, next));
            changes.undated++;
          } else if (r < 0.94) {
            const id = `${a.id}-new${round}${i}`;
            rows.push(version(a.conn, id, { ...next, id }));
            changes.added++;
          } else {
            // The latest again, unchanged (a lookback re-read): changes nothing.
            rows.push([a.conn, a.id, a.u, at, `round${round}`, false, a.p]);
            changes.same++;
          }
        }
        await land([inc.engine, full.engine], table, rows);
      }
      const incremental = await build(inc.engine, false);
      await build(full.engine, true);
      expect(incremental.staging.some((s) => s.mode === 'incremental'), JSON.stringify(changes)).toBe(true);
      expect(incremental.staging.every((s) => s.mode !== 'full')).toBe(true);
      if (round > 3) {
        const keyed = incremental.models.filter((m) => m.keys !== undefined).map((m) => m.name);
        expect(keyed, JSON.stringify(changes)).toEqual(expect.arrayContaining(['applications', 'stage_visits', 'custom_field_values', 'int_applications_progressed', 'interviews', 'scorecards', 'scorecard_ratings', 'stage_durations']));
      }
      const a = await snapshot(inc.engine);
      const b = await snapshot(full.engine);
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const t of Object.keys(b)) expect(a[t], `round ${round}: ${t}`).toEqual(b[t]);
    }

    // One application applied later than anything before: the connection's latest activity moves
    // on, so every open visit's open_days changes though one application changed (incremental_refresh).
    const apps = 'greenhouse__applications';
    const [one] = await inc.engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as text) as p from ${qualified(inc.engine.schemas.raw, `${apps}__latest`)} where not _deleted and _connection = 'gh' order by 1 limit 1`,
    );
    const [activity] = await inc.engine.query<{ last: Date }>(`select last_activity as last from ${qualified(inc.engine.schemas.staging, 'int_connection_activity')} where connection = 'gh'`);
    const later = new Date(activity!.last.getTime() + 10 * DAY);
    const moved = { ...(JSON.parse(one!.p) as Record<string, unknown>), applied_at: later.toISOString(), updated_at: later.toISOString() };
    await land([inc.engine, full.engine], apps, [['gh', one!.id, later, nextLanding(), 'activity', false, JSON.stringify(moved)]]);
    const refreshed = await build(inc.engine, false);
    await build(full.engine, true);
    const [open] = await inc.engine.query<{ n: number }>(`select count(distinct application_id) as n from ${qualified(inc.engine.schemas.marts, 'stage_durations')} where connection = 'gh' and exited_at is null`);
    expect(open!.n).toBeGreaterThan(1);
    expect(refreshed.models.find((m) => m.name === 'stage_durations')?.keys).toBeGreaterThanOrEqual(open!.n);
    expect(await snapshot(inc.engine)).toEqual(await snapshot(full.engine));

    // Nothing landed since: nothing is built again.
    const idle = await build(inc.engine, false);
    expect(idle.staging.every((s) => s.mode === 'unchanged')).toBe(true);
    expect(idle.models.filter((m) => m.materialized === 'table' && !m.unchanged).map((m) => m.name)).toEqual([]);
  });
});

/** Moves a record's updated time (ISO text or epoch ms) by `minutes` from its latest version's. */
function bump(p: Record<string, unknown>, latest: Date | null, minutes: number): void {
  const base = latest?.getTime() ?? Date.parse('2024-06-01T00:00:00Z');
  const t = base + minutes * 60_000;
  if (typeof p['updatedAt'] === 'number') p['updatedAt'] = t;
  else if ('updatedAt' in p) p['updatedAt'] = t;
  else p['updated_at'] = new Date(t).toISOString();
}
