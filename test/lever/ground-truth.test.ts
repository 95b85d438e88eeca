// Every mart, built from what the Lever extractor landed, equals what the simulated world says
// happened. The expected rows come from the Greenhouse ground-truth tests' Truth (test/models),
// computed from the world alone; only the ids are translated into the ids Lever shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CUSTOM_FIELDS, CUSTOM_STAGE_NAMES, advanceWorld, createWorld, type SizePreset, type World, type WorldSize } from '../../emulators/world/index.ts';
import { LeverView, startLeverEmulator } from '../../emulators/lever/index.ts';
import { LEVER_SKILL_SCORE } from '../../emulators/lever/render.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { type CompareOptions } from '../models/compare.ts';
import { checkName, deletedReferences, expectDataTestsPass, expectEveryDropExplained, expectRowsEqual, inferredStages } from '../models/assertions.ts';
import { build, readTable } from '../models/harness.ts';
import { Truth, type Row } from '../models/truth.ts';
import { EMULATOR_NO_LIMIT, failures, leverConfig } from './helpers.ts';

const DAY = 86_400_000;
const CONNECTION = 'beta';

interface Spec {
  label: string;
  seed: number;
  size: SizePreset | WorldSize;
  days: number;
  advanceDays?: number;
  engines: readonly string[];
}

const WORLDS: readonly Spec[] = [
  { label: 'tiny, seed 1', seed: 1, size: 'tiny', days: 150, engines: ['duckdb'] },
  { label: 'small, seed 4, advanced 30 days between two incremental runs', seed: 4, size: 'small', days: 200, advanceDays: 30, engines: ['duckdb'] },
  { label: 'tiny, seed 3, advanced 45 days between two incremental runs', seed: 3, size: 'tiny', days: 90, advanceDays: 45, engines: ['postgres'] },
  // A real account's shape: most opportunities have no posting (sourced leads, candidates added by hand).
  { label: 'most opportunities without a posting, seed 12', seed: 12, size: { jobs: 8, applicationsPerJob: 40, joblessApplications: 0.6 }, days: 160, advanceDays: 20, engines: ['duckdb', 'postgres'] },
];

/**
 * World ids → the ids the Lever emulator renders. A visit is the n-th entry of its opportunity's
 * stageChanges; Lever openings are numbered per requisition in hire order, so job_fill rows are
 * matched by job and position instead of by opening id.
 */
class LeverIdsOf {
  readonly view: LeverView;
  constructor(readonly world: World) {
    this.view = new LeverView(world);
  }
  opportunity = (id: unknown) => this.view.ids.of('opportunity', Number(id));
  contact = (id: unknown) => this.view.ids.of('contact', Number(id));
  posting = (id: unknown) => this.view.ids.of('posting', Number(id));
  stage = (id: unknown) => this.view.ctx.stageByTemplate.get(this.world.stages[Number(id) - 1]!.template)!.id;
  visit = (id: unknown) => {
    const v = this.world.visits[Number(id) - 1]!;
    return `${this.opportunity(v.applicationId)}:${this.world.applications[v.applicationId - 1]!.visitIds.indexOf(v.id)}`;
  };

  user = (id: unknown) => this.view.ids.of('user', Number(id));

  rows(rows: Row[]): Row[] {
    const map: Record<string, (v: unknown) => string> = {
      application_id: this.opportunity, candidate_id: this.contact, job_id: this.posting, stage_id: this.stage, visit_id: this.visit,
      user_id: this.user, recruiter_id: this.user, coordinator_id: this.user, credited_to_user_id: this.user, referrer_user_id: this.user,
      hiring_manager_id: this.user, interviewer_id: this.user,
      interview_id: (id) => this.view.ids.of('interview', Number(id)), scorecard_id: (id) => this.view.ids.of('feedback', Number(id)),
    };
    return rows.map((r) => {
      const out: Row = { ...r };
      for (const [col, f] of Object.entries(map)) if (col in out && out[col] !== null) out[col] = f(out[col]);
      return out;
    });
  }
}

/** job_fill rows keyed by job and rank (filled first, in fill order), as both sides number openings differently. */
function byJobRank(rows: Row[]): Row[] {
  const sorted = [...rows].sort((a, b) => String(a['job_id']).localeCompare(String(b['job_id'])) || String(a['filled_at'] ?? '~').localeCompare(String(b['filled_at'] ?? '~')));
  const seen = new Map<string, number>();
  return sorted.map((r) => {
    const n = seen.get(String(r['job_id'])) ?? 0;
    seen.set(String(r['job_id']), n + 1);
    return { ...r, opening_id: `${r['job_id']}#${n}` };
  });
}

interface Check {
  label?: string;
  schema: 'core' | 'marts';
  table: string;
  truth: (t: Truth, ids: LeverIdsOf) => Row[];
  compare: CompareOptions;
  columns?: readonly string[];
  actual?: (rows: Row[]) => Row[];
}

const CHECKS: readonly Check[] = [
  { schema: 'marts', table: 'funnel', truth: (t, ids) => ids.rows(t.funnel()), compare: { key: ['job_id', 'applied_month', 'recruiter_id', 'canonical_stage'], rates: ['conversion_from_previous'] } },
  { schema: 'marts', table: 'time_to_hire', truth: (t, ids) => ids.rows(t.timeToHire()), compare: { key: ['application_id'], days: ['days_to_hire'] } },
  { schema: 'marts', table: 'time_in_stage', truth: (t, ids) => ids.rows(t.timeInStage()), compare: { key: ['job_id', 'canonical_stage'], days: ['avg_days', 'median_days', 'p90_days'] } },
  { schema: 'marts', table: 'source_effectiveness', truth: (t) => t.sourceEffectiveness(), compare: { key: ['source_name'], rates: ['hire_rate'] } },
  { schema: 'marts', table: 'offer_acceptance', truth: (t, ids) => ids.rows(t.offerAcceptance()), compare: { key: ['job_id'], rates: ['acceptance_rate'] } },
  { schema: 'marts', table: 'pipeline_daily', truth: (t, ids) => ids.rows(t.pipelineDaily()), compare: { key: ['day', 'job_id', 'canonical_stage'] } },
  {
    schema: 'marts', table: 'job_fill', truth: (t, ids) => byJobRank(ids.rows(t.jobFill())), actual: byJobRank,
    compare: { key: ['opening_id'], days: ['days_to_fill'] },
  },
  {
    schema: 'core', table: 'applications', compare: { key: ['application_id'] },
    // Lever archive reasons do not say who ended an application: every rejection is 'unspecified'.
    truth: (t, ids) => ids.rows(t.applications()).map((r) => ({ ...r, rejection_type: r['status'] === 'rejected' ? 'unspecified' : null })),
    columns: ['connection', 'application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_canonical_stage', 'rejected_at', 'rejection_type', 'hired_at'],
  },
  {
    schema: 'core', table: 'stage_visits', truth: (t, ids) => ids.rows(t.stageVisits()), compare: { key: ['visit_id'] },
    columns: ['connection', 'visit_id', 'application_id', 'job_id', 'stage_id', 'canonical_stage', 'entered_at', 'exited_at'],
  },
  {
    label: 'core.applications people', schema: 'core', table: 'applications', compare: { key: ['application_id'] }, truth: leverPeople,
    columns: ['connection', 'application_id', 'recruiter_id', 'coordinator_id', 'credited_to_user_id', 'referrer_name', 'referrer_user_id'],
  },
  {
    // A posting names its owner and hiring manager only; deleted postings are gone.
    schema: 'core', table: 'job_team', compare: { key: ['job_id', 'user_id', 'role'] },
    truth: (t, ids) => ids.rows(t.jobTeam().filter((r) => r['is_primary'] === true && (r['role'] === 'recruiter' || r['role'] === 'hiring_manager')
      && t.world.jobs[Number(r['job_id']) - 1]!.deletedAt === null)),
  },
  { schema: 'core', table: 'users', truth: (t, ids) => ids.rows(t.users()), compare: { key: ['user_id'] }, columns: ['connection', 'user_id', 'full_name', 'is_disabled'] },
  { schema: 'core', table: 'interview_interviewers', truth: (t, ids) => ids.rows(t.interviewInterviewers()), compare: { key: ['interview_id', 'user_id'] } },
  { schema: 'core', table: 'scorecards', truth: (t, ids) => ids.rows(t.scorecards()), compare: { key: ['scorecard_id'] } },
  { schema: 'core', table: 'scorecard_ratings', truth: leverRatings, compare: { key: ['scorecard_id', 'item_key'] } },
  { schema: 'core', table: 'custom_field_values', truth: leverCustomFields, compare: { key: ['entity', 'record_id', 'field_key'] } },
  { schema: 'marts', table: 'recruiter_performance', truth: (t, ids) => ids.rows(t.recruiterPerformance()), compare: { key: ['recruiter_id', 'applied_month'], days: ['median_days_to_hire'] } },
  {
    schema: 'marts', table: 'interviewer_load', truth: (t, ids) => ids.rows(t.interviewerLoad()),
    compare: { key: ['user_id', 'week_start'], rates: ['hours', 'median_hours_to_submit', 'share_overdue'] },
  },
  { schema: 'marts', table: 'hiring_manager_summary', truth: (t, ids) => ids.rows(t.hiringManagerSummary()), compare: { key: ['hiring_manager_id'], days: ['median_days_to_fill'] } },
];

/**
 * Lever has no coordinator; an application of type referral (one with a posting, from a referral
 * source) names its referring user, whose name comes from /users (none for someone who is no user
 * or a user since deleted).
 */
function leverPeople(t: Truth, ids: LeverIdsOf): Row[] {
  return ids.rows(t.applicationPeople().map((r) => {
    const a = t.world.applications[Number(r['application_id']) - 1]!;
    const referral = a.jobId !== null && !a.isProspect && t.world.sources[a.sourceId - 1]!.type === 'referral';
    const user = a.referrerId === null ? undefined : t.world.users[a.referrerId - 1]!;
    return {
      ...r, coordinator_id: null,
      referrer_user_id: referral && user ? String(user.id) : null,
      referrer_name: referral && user && !t.userGone(user.id) ? `${user.firstName} ${user.lastName}` : null,
    };
  }));
}

/** Skills keyed by name, no group; Lever's 4-point score has no middle, so a mixed rating comes back unscored. */
function leverRatings(t: Truth, ids: LeverIdsOf): Row[] {
  return ids.rows(t.scorecardRatings().map((r) => {
    const score = r['rating'] === null ? null : LEVER_SKILL_SCORE[r['rating'] as number]!;
    return { ...r, item_key: r['item_name'], item_group: null, rating: score === null ? null : ({ 1: 1, 2: 2, 3: 4, 4: 5 } as Record<number, number>)[score], raw_rating: score === null ? null : String(score) };
  }));
}

/** Job fields a requisition field can hold (by the posting's requisition), and the profile form's application fields. */
function leverCustomFields(t: Truth, ids: LeverIdsOf): Row[] {
  const TYPES: Record<string, string> = { short_text: 'text', long_text: 'text', url: 'text', number: 'number', date: 'date', single_select: 'dropdown' };
  const jobs = t.customFieldValues(['jobs'])
    .filter((r) => TYPES[String(r['field_type'])] !== undefined)
    .map((r) => ({ ...r, record_id: ids.posting(r['record_id']), field_type: TYPES[String(r['field_type'])] }));
  const FORM: Record<string, string> = { yes_no: 'yes-no', date: 'date', single_select: 'dropdown', multi_select: 'multiple-select', currency: 'currency', long_text: 'textarea', number: 'text' };
  const fields = new Map(CUSTOM_FIELDS.map((f) => [f.key, f]));
  const apps = t.customFieldValues(['applications']).map((r) => {
    const def = fields.get(String(r['field_key']))!;
    const text = def.type === 'number' ? { value_text: String(r['value_number']), value_number: null } : {};
    return { ...r, ...text, record_id: ids.opportunity(r['record_id']), field_key: ids.view.ids.of('form_field', def.id), field_type: FORM[def.type] ?? 'text' };
  });
  return [...jobs, ...apps];
}

async function landLeverWorld(engine: Engine, spec: Spec): Promise<{ world: World; config: HirelakeConfig }> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const world = createWorld({ seed: spec.seed, size: spec.size, start, now: start + spec.days * DAY });
  const emulator = await startLeverEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
  // Lever's pipeline is account-wide, so every team-specific stage name is in every posting's plan.
  const config = leverConfig(emulator, join('/nonexistent', 'unused.duckdb'), { stage_mapping: { ...CUSTOM_STAGE_NAMES } });
  try {
    const extract = async () => {
      const res = await extractInto(engine, config, { now: new Date(world.now + 1) });
      if (!res.ok) throw new Error(`extract failed: ${failures(res)}`);
    };
    await extract();
    if (spec.advanceDays) {
      advanceWorld(world, { days: spec.advanceDays });
      await extract();
    }
    return { world, config };
  } finally {
    await emulator.stop();
  }
}

const CASES = WORLDS.flatMap((w) => ENGINES.filter((e) => w.engines.includes(e.kind)).map((e) => ({ ...w, kind: e.kind, open: e.open })));

describe.each(CASES)('Lever world $label on $kind', (spec) => {
  let t: TestEngine;
  let landed: { world: World; config: HirelakeConfig };
  let ids: LeverIdsOf;

  beforeAll(async () => {
    t = await spec.open();
    landed = await landLeverWorld(t.engine, spec);
    ids = new LeverIdsOf(landed.world);
    await build(t.engine, landed.config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(() => t.dispose());

  it.each(CHECKS.map((c) => ({ name: checkName(c) })))('$name equals the world', async ({ name }) => {
    const c = CHECKS.find((x) => checkName(x) === name)!;
    const rows = await readTable(t.engine, t.engine.schemas[c.schema], c.table, c.columns);
    const actual = c.actual ? c.actual(rows) : rows;
    // The second run is incremental: the first was the last complete read.
    const completeReadAt = Date.parse('2024-01-01T00:00:00Z') + spec.days * DAY;
    const expected = c.truth(new Truth(landed.world, CONNECTION, { deletedJobsKeepTeams: false, completeReadAt }), ids);
    expectRowsEqual(`${c.schema}.${c.table}`, actual, expected, c.compare);
  });

  it('keeps every opportunity, every hire and every stage entry, with or without a posting', async () => {
    const w = landed.world;
    const [apps] = await t.engine.query<{ n: number; jobless: number }>(`select count(*) as n, count(*) filter (where job_id is null) as jobless from ${t.engine.schemas.core}.applications`);
    expect(Number(apps!.n)).toBe(w.applications.length);
    expect(Number(apps!.jobless)).toBe(w.applications.filter((a) => a.jobId === null).length);
    const [hires] = await t.engine.query<{ n: number }>(`select count(*) as n from ${t.engine.schemas.marts}.time_to_hire`);
    expect(Number(hires!.n)).toBe(w.applications.filter((a) => a.status === 'hired' && !a.isProspect).length);
    const [visits] = await t.engine.query<{ n: number }>(`select count(*) as n from ${t.engine.schemas.core}.stage_visits`);
    expect(Number(visits!.n)).toBe(w.visits.length);
    if (typeof spec.size !== 'string' && spec.size.joblessApplications) {
      expect(Number(apps!.jobless) / Number(apps!.n)).toBeGreaterThan(0.5);
    }
  });

  it('explains every raw record that did not reach core (marts.dropped_records)', async () => {
    await expectEveryDropExplained(t.engine);
  });

  it('fails no data test, and warns only about deleted postings and users and renamed stages it inferred', async () => {
    const w = landed.world;
    const deletedJobs = new Set(w.jobs.filter((j) => j.deletedAt !== null).map((j) => ids.posting(j.id)));
    const deletedUsers = new Set(w.users.filter((u) => u.deletedAt !== null).map((u) => ids.view.ids.of('user', u.id)));
    const canonical = new Map(w.stages.map((s) => [s.name, s.canonical]));
    await expectDataTestsPass(t.engine, landed.config, [...deletedReferences(deletedJobs, deletedUsers), inferredStages(canonical)]);
  });
});
