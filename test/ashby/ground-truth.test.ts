// Every mart, built from what the Ashby extractor landed, equals what the simulated world says
// happened. The expected rows come from the shared Truth (test/models), computed from the world
// alone, over the world as Ashby can show it (a prospect in a pool is a candidate, not an
// application); only the ids are translated into the ids Ashby shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { advanceWorld, createWorld, customStageMapping, type SizePreset, type World, type WorldSize } from '../../emulators/world/index.ts';
import { AshbyIds, startAshbyEmulator } from '../../emulators/ashby/index.ts';
import { kit } from '../../emulators/ashby/kit.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { type CompareOptions } from '../models/compare.ts';
import { deletedReferences, expectDataTestsPass, expectEveryDropExplained, expectRowsEqual } from '../models/assertions.ts';
import { build, readTable } from '../models/harness.ts';
import { Truth, type Row } from '../models/truth.ts';
import { EMULATOR_NO_LIMIT, ashbyConfig, failures } from './helpers.ts';

const DAY = 86_400_000;
const CONNECTION = 'delta';

interface Spec {
  label: string;
  seed: number;
  size: SizePreset | WorldSize;
  days: number;
  advanceDays?: number;
  /** full_resync_days for the connection (null: the second run reads only the sync tokens' changes) */
  resync?: number | null;
  engines: readonly string[];
}

const WORLDS: readonly Spec[] = [
  { label: 'tiny, seed 1', seed: 1, size: 'tiny', days: 150, engines: ['duckdb'] },
  { label: 'small, seed 4, advanced 30 days, second run incremental by sync token', seed: 4, size: 'small', days: 200, advanceDays: 30, resync: null, engines: ['duckdb'] },
  { label: 'tiny, seed 3, advanced 45 days, second run a reconciling full pass', seed: 3, size: 'tiny', days: 90, advanceDays: 45, engines: ['postgres'] },
  { label: 'tiny, seed 7, advanced 20 days, second run incremental by sync token', seed: 7, size: 'tiny', days: 120, advanceDays: 20, resync: null, engines: ['postgres'] },
];

const USER_COLUMNS = ['user_id', 'recruiter_id', 'coordinator_id', 'credited_to_user_id', 'referrer_user_id', 'hiring_manager_id', 'interviewer_id'];

/** World ids → the ids the Ashby emulator renders. */
class AshbyIdsOf {
  readonly ids: AshbyIds;
  constructor(readonly world: World) {
    this.ids = new AshbyIds(world.seed);
  }
  rows(rows: Row[]): Row[] {
    const map: Record<string, (v: unknown) => string> = {
      application_id: (v) => this.ids.of('application', Number(v)), candidate_id: (v) => this.ids.of('candidate', Number(v)),
      job_id: (v) => this.ids.of('job', Number(v)), stage_id: (v) => this.ids.of('stage', Number(v)),
      visit_id: (v) => this.ids.of('history', Number(v)), opening_id: (v) => this.ids.of('opening', Number(v)),
      interview_id: (v) => this.ids.of('event', Number(v)), scorecard_id: (v) => this.ids.of('feedback', Number(v)),
      ...Object.fromEntries(USER_COLUMNS.map((c) => [c, (v: unknown) => this.ids.of('user', Number(v))])),
    };
    return rows.map((r) => {
      const out: Row = { ...r };
      for (const [col, f] of Object.entries(map)) if (col in out && out[col] !== null) out[col] = f(out[col]);
      return out;
    });
  }
}

interface Check {
  label?: string;
  schema: 'core' | 'marts';
  table: string;
  truth: (t: Truth, ids: AshbyIdsOf, world: World) => Row[];
  compare: CompareOptions;
  columns?: readonly string[];
}

/** Pool prospects (no job) are Ashby candidates without an application. */
const shownApplications = (world: World, rows: Row[]) => {
  const pool = new Set(world.applications.filter((a) => a.isProspect && a.jobId === null).map((a) => String(a.id)));
  return rows.filter((r) => !pool.has(String(r['application_id'])));
};

const CHECKS: readonly Check[] = [
  { schema: 'marts', table: 'funnel', truth: (t, ids) => ids.rows(t.funnel()), compare: { key: ['job_id', 'applied_month', 'recruiter_id', 'canonical_stage'], rates: ['conversion_from_previous'] } },
  { schema: 'marts', table: 'time_to_hire', truth: (t, ids) => ids.rows(t.timeToHire()), compare: { key: ['application_id'], days: ['days_to_hire'] } },
  { schema: 'marts', table: 'time_in_stage', truth: (t, ids) => ids.rows(t.timeInStage()), compare: { key: ['job_id', 'canonical_stage'], days: ['avg_days', 'median_days', 'p90_days'] } },
  { schema: 'marts', table: 'source_effectiveness', truth: (t) => t.sourceEffectiveness(), compare: { key: ['source_name'], rates: ['hire_rate'] } },
  { schema: 'marts', table: 'offer_acceptance', truth: (t, ids) => ids.rows(t.offerAcceptance()), compare: { key: ['job_id'], rates: ['acceptance_rate'] } },
  { schema: 'marts', table: 'pipeline_daily', truth: (t, ids) => ids.rows(t.pipelineDaily()), compare: { key: ['day', 'job_id', 'canonical_stage'] } },
  { schema: 'marts', table: 'job_fill', truth: (t, ids) => ids.rows(t.jobFill()), compare: { key: ['opening_id'], days: ['days_to_fill'] } },
  { schema: 'marts', table: 'source_funnel', truth: (t, ids) => ids.rows(t.sourceFunnel()), compare: { key: ['job_id', 'applied_month', 'source_name'] } },
  { schema: 'marts', table: 'offers_monthly', truth: (t, ids) => ids.rows(t.offersMonthly()), compare: { key: ['job_id', 'offer_month'] } },
  { schema: 'marts', table: 'stage_durations', truth: (t, ids) => ids.rows(t.stageDurations()), compare: { key: ['visit_id'], days: ['days', 'open_days'] } },
  {
    schema: 'core', table: 'applications', compare: { key: ['application_id'] },
    truth: (t, ids, world) => ids.rows(shownApplications(world, t.applications())),
    columns: ['connection', 'application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_canonical_stage', 'rejected_at', 'rejection_type', 'hired_at'],
  },
  {
    schema: 'core', table: 'stage_visits', truth: (t, ids) => ids.rows(t.stageVisits()), compare: { key: ['visit_id'] },
    columns: ['connection', 'visit_id', 'application_id', 'job_id', 'stage_id', 'canonical_stage', 'entered_at', 'exited_at'],
  },
  {
    label: 'core.applications people', schema: 'core', table: 'applications', compare: { key: ['application_id'] },
    truth: (t, ids, world) => ids.rows(shownApplications(world, ashbyPeople(t))),
    columns: ['connection', 'application_id', 'recruiter_id', 'coordinator_id', 'credited_to_user_id', 'referrer_name', 'referrer_user_id'],
  },
  {
    // A job's hiringTeam lists its recruiter, hiring manager and coordinator (one each, so each is the primary).
    schema: 'core', table: 'job_team', compare: { key: ['job_id', 'user_id', 'role'] },
    truth: (t, ids) => ids.rows(t.jobTeam().filter((r) => r['is_primary'] === true && r['role'] !== 'sourcer')),
  },
  { schema: 'core', table: 'users', truth: (t, ids) => ids.rows(t.users()), compare: { key: ['user_id'] }, columns: ['connection', 'user_id', 'full_name', 'is_disabled'] },
  { schema: 'core', table: 'scorecards', truth: (t, ids) => ids.rows(t.scorecards()), compare: { key: ['scorecard_id'] } },
  { schema: 'core', table: 'interview_interviewers', truth: (t, ids) => ids.rows(t.interviewInterviewers()), compare: { key: ['interview_id', 'user_id'] } },
  {
    schema: 'marts', table: 'recruiter_performance', truth: (t, ids) => ids.rows(t.recruiterPerformance()),
    compare: { key: ['recruiter_id', 'applied_month'], days: ['median_days_to_hire'] },
  },
  {
    schema: 'marts', table: 'interviewer_load', truth: (t, ids) => ids.rows(t.interviewerLoad()),
    compare: { key: ['user_id', 'week_start'], rates: ['hours', 'median_hours_to_submit', 'share_overdue'] },
  },
  {
    schema: 'marts', table: 'hiring_manager_summary', truth: (t, ids) => ids.rows(t.hiringManagerSummary()),
    compare: { key: ['hiring_manager_id'], days: ['median_days_to_fill'] },
  },
];

const checkName = (c: Check) => c.label ?? `${c.schema}.${c.table}`;

/**
 * Ashby credits a referral to the user who referred (creditedToUser, named in the embedded user);
 * a referrer who is no user is not recorded.
 */
function ashbyPeople(t: Truth): Row[] {
  return t.applicationPeople().map((r) => (r['referrer_user_id'] === null ? { ...r, referrer_name: null } : r));
}

async function landAshbyWorld(engine: Engine, spec: Spec): Promise<{ world: World; config: HirelakeConfig }> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const world = createWorld({ seed: spec.seed, size: spec.size, start, now: start + spec.days * DAY });
  const emulator = await startAshbyEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
  const configWith = (extra: Record<string, unknown>) =>
    ashbyConfig(emulator, join('/nonexistent', 'unused.duckdb'), { ...(spec.resync !== undefined ? { full_resync_days: spec.resync } : {}), ...extra });
  try {
    const extract = async () => {
      const res = await extractInto(engine, configWith({}), { now: new Date(world.now + 1) });
      if (!res.ok) throw new Error(`extract failed: ${failures(res)}`);
    };
    await extract();
    if (spec.advanceDays) {
      advanceWorld(world, { days: spec.advanceDays });
      await extract();
    }
    // Stage names a new job brought in while advancing need mapping too, so read them at the end.
    return { world, config: configWith({ stage_mapping: customStageMapping(world) }) };
  } finally {
    await emulator.stop();
  }
}

const CASES = WORLDS.flatMap((w) => ENGINES.filter((e) => w.engines.includes(e.kind)).map((e) => ({ ...w, kind: e.kind, open: e.open })));

describe.each(CASES)('Ashby world $label on $kind', (spec) => {
  let t: TestEngine;
  let landed: { world: World; config: HirelakeConfig };
  let ids: AshbyIdsOf;

  beforeAll(async () => {
    t = await spec.open();
    landed = await landAshbyWorld(t.engine, spec);
    ids = new AshbyIdsOf(landed.world);
    await build(t.engine, landed.config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(() => t.dispose());

  it.each(CHECKS.map((c) => ({ name: checkName(c) })))('$name equals the world', async ({ name }) => {
    const c = CHECKS.find((x) => checkName(x) === name)!;
    const rows = await readTable(t.engine, t.engine.schemas[c.schema], c.table, c.columns);
    const shown = kit.shownWorld!(landed.world);
    // An incremental second run (by sync token) sees no deleted user; a reconciling full pass does.
    const completeReadAt = spec.advanceDays && spec.resync === null ? Date.parse('2024-01-01T00:00:00Z') + spec.days * DAY : undefined;
    const expected = c.truth(new Truth(shown, CONNECTION, completeReadAt === undefined ? {} : { completeReadAt }), ids, landed.world);
    expectRowsEqual(name, rows, expected, c.compare);
  });

  it('keeps every application Ashby has, every hire and every stage entry', async () => {
    const w = landed.world;
    const [apps] = await t.engine.query<{ n: number; prospects: number }>(`select count(*) as n, count(*) filter (where is_prospect) as prospects from ${t.engine.schemas.core}.applications`);
    const shown = w.applications.filter((a) => a.jobId !== null);
    expect(Number(apps!.n)).toBe(shown.length);
    expect(Number(apps!.prospects)).toBe(shown.filter((a) => a.isProspect).length);
    const [visits] = await t.engine.query<{ n: number }>(`select count(*) as n from ${t.engine.schemas.core}.stage_visits`);
    expect(Number(visits!.n)).toBe(w.visits.length);
    const [cands] = await t.engine.query<{ n: number }>(`select count(*) as n from ${t.engine.schemas.core}.candidates`);
    // Merged-away candidates leave Ashby; a reconciling full pass tombstones them, an incremental one cannot see it.
    const live = w.candidates.filter((c) => c.mergedInto === null).length;
    if (spec.resync === null && spec.advanceDays) expect(Number(cands!.n)).toBeGreaterThanOrEqual(live);
    else expect(Number(cands!.n)).toBe(live);
  });

  it('explains every raw record that did not reach core (marts.dropped_records)', async () => {
    await expectEveryDropExplained(t.engine);
  });

  it('fails no data test, and warns only about deleted users', async () => {
    const w = landed.world;
    const deletedUsers = new Set(w.users.filter((u) => u.deletedAt !== null).map((u) => ids.ids.of('user', u.id)));
    await expectDataTestsPass(t.engine, landed.config, deletedReferences(new Set(), deletedUsers));
  });
});
