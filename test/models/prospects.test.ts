// Prospects are out of the stage marts by definition, even where a vendor gives one stage visits
// (the simulated worlds never do: their prospects sit in pools). An application with visits is
// turned into a prospect in the raw zone; its visits stay in core.stage_visits and leave
// time_in_stage, pipeline_daily and stage_durations exactly, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualified } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildModels } from '../../transforms/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { build, landWorld, type Landed } from './harness.ts';

const DAY = 86_400_000;
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY);

describe.each(ENGINES)('a prospect with stage visits on $kind', ({ kind, open }) => {
  let t: TestEngine;
  let landed: Landed;
  let target: string;
  const totals = async () => {
    const q = async (sql: string) => Number((await t.engine.query<{ n: number }>(sql))[0]!.n ?? 0);
    return {
      visits: await q(`select sum(closed_visits + open_visits) as n from ${qualified(t.engine.schemas.marts, 'time_in_stage')}`),
      activeDays: await q(`select sum(active_applications) as n from ${qualified(t.engine.schemas.marts, 'pipeline_daily')}`),
      durations: await q(`select count(*) as n from ${qualified(t.engine.schemas.marts, 'stage_durations')} where application_id = '${target}'`),
    };
  };
  let before: Awaited<ReturnType<typeof totals>>;
  let visits: { entered_at: Date; exited_at: Date | null }[];
  let lastDay: number;

  beforeAll(async () => {
    t = await open();
    landed = await landWorld(t.engine, { seed: 14, size: 'tiny', days: 120 });
    await build(t.engine, landed.config);
    const core = t.engine.schemas.core;
    const [pick] = await t.engine.query<{ id: string }>(
      `select v.application_id as id from ${qualified(core, 'stage_visits')} v join ${qualified(core, 'applications')} a on a.connection = v.connection and a.application_id = v.application_id
       where not a.is_prospect and v.canonical_stage is not null and v.entered_at is not null group by v.application_id having count(*) >= 2 order by v.application_id limit 1`,
    );
    target = pick!.id;
    visits = await t.engine.query(`select entered_at, exited_at from ${qualified(core, 'stage_visits')} where application_id = $1 and canonical_stage is not null and entered_at is not null`, [target]);
    const [activity] = await t.engine.query<{ last: Date }>(`select last_activity as last from ${qualified(t.engine.schemas.staging, 'int_connection_activity')}`);
    lastDay = utcDay(activity!.last);
    before = await totals();
    const raw = qualified(t.engine.schemas.raw, 'greenhouse__applications');
    const patch = JSON.stringify({ prospect: true });
    const edit = kind === 'postgres' ? `_payload = _payload || cast($1 as jsonb)` : `_payload = json_merge_patch(_payload, cast($1 as json))`;
    await t.engine.exec(`update ${raw} set ${edit} where _record_id = $2`, [patch, target]);
    // The raw version was rewritten in place, which only a full refresh reads again.
    const res = await t.engine.withQueryMemory(() => buildModels({ engine: t.engine, config: landed.config, log: silentLogger, runId: 'prospect', fullRefresh: true }));
    expect(res.ok).toBe(true);
  });
  afterAll(() => t.dispose());

  it('keeps its visits in core and leaves them out of time_in_stage, pipeline_daily and stage_durations', async () => {
    const core = t.engine.schemas.core;
    const [app] = await t.engine.query<{ p: boolean }>(`select is_prospect as p from ${qualified(core, 'applications')} where application_id = $1`, [target]);
    expect(app!.p).toBe(true);
    const [kept] = await t.engine.query<{ n: number }>(`select count(*) as n from ${qualified(core, 'stage_visits')} where application_id = $1 and canonical_stage is not null`, [target]);
    expect(Number(kept!.n)).toBe(visits.length);
    // pipeline_daily counts a visit on each day from its entry to the day before its exit (or to the last day).
    const days = visits.reduce((s, v) => s + Math.max(0, (v.exited_at ? utcDay(v.exited_at) : lastDay + 1) - utcDay(v.entered_at)), 0);
    expect(days).toBeGreaterThan(0);
    expect(before.durations).toBe(visits.length);
    expect(await totals()).toEqual({ visits: before.visits - visits.length, activeDays: before.activeDays - days, durations: 0 });
  });
});
