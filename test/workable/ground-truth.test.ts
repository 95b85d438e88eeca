// Every mart, built from what the Workable extractor landed, equals what the simulated world says
// happened. The expected rows come from the shared Truth (test/models), computed from the world
// alone; only the ids are translated into the ids Workable shows. Workable has no openings, so
// job_fill stays empty.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceWorld, createWorld, customStageMapping, type SizePreset, type World } from '../../emulators/world/index.ts';
import { startWorkableEmulator, WorkableView } from '../../emulators/workable/index.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import type { CompareOptions } from '../models/compare.ts';
import { deletedReferences, expectDataTestsPass, expectEveryDropExplained, expectRowsEqual, inferredStages } from '../models/assertions.ts';
import { build, readTable } from '../models/harness.ts';
import { Truth, type Row } from '../models/truth.ts';
import { failures } from '../lever/helpers.ts';
import { EMULATOR_NO_LIMIT, workableConfig } from './helpers.ts';

const DAY = 86_400_000;
const CONNECTION = 'gamma';

interface Spec {
  label: string;
  seed: number;
  size: SizePreset;
  days: number;
  advanceDays?: number;
  engines: readonly string[];
}

// Seeds whose worlds have every untidy shape the last checks list (the shapes are chance events;
// the small one deletes its jobs before the first sync).
const WORLDS: readonly Spec[] = [
  { label: 'tiny, seed 2', seed: 2, size: 'tiny', days: 150, engines: ['duckdb'] },
  { label: 'small, seed 8, advanced 30 days between two incremental runs', seed: 8, size: 'small', days: 200, advanceDays: 30, engines: ['duckdb', 'postgres'] },
  { label: 'tiny, seed 3, advanced 45 days between two incremental runs', seed: 3, size: 'tiny', days: 90, advanceDays: 45, engines: ['postgres'] },
];

/**
 * World ids → the ids the Workable emulator renders. A candidate (application) is a hex id; a
 * person is the md5 of their email; a job its shortcode; a visit the id of the activity that began
 * it (the arrival for the first, the move for the others); an office its location string.
 */
class WorkableIdsOf {
  readonly view: WorkableView;
  constructor(readonly world: World) {
    this.view = new WorkableView(world, 'truth');
  }
  application = (id: unknown) => this.view.ids.candidate(Number(id));
  person = (id: unknown) => createHash('md5').update(this.world.candidates[Number(id) - 1]!.email.trim().toLowerCase()).digest('hex');
  job = (id: unknown) => this.view.ids.shortcode(Number(id));
  stage = (id: unknown) => String(this.view.ids.stage(Number(id)));
  visit = (id: unknown) => {
    const v = this.world.visits[Number(id) - 1]!;
    const app = this.world.applications[v.applicationId - 1]!;
    return this.view.visitActivityIds(app)[app.visitIds.indexOf(v.id)]!;
  };

  /** Workable has no offices: a job's office is its location string. */
  office = (name: unknown) => this.world.offices.find((o) => o.name === name)!.location;

  rows(rows: Row[]): Row[] {
    const map: Record<string, (v: unknown) => string> = {
      application_id: this.application, candidate_id: this.person, job_id: this.job, stage_id: this.stage, visit_id: this.visit, office_name: this.office,
    };
    return rows.map((r) => {
      const out: Row = { ...r };
      for (const [col, f] of Object.entries(map)) if (col in out && out[col] !== null) out[col] = f(out[col]);
      return out;
    });
  }
}

interface Check {
  schema: 'core' | 'marts';
  table: string;
  truth: (t: Truth, ids: WorkableIdsOf) => Row[];
  compare: CompareOptions;
  columns?: readonly string[];
}

const CHECKS: readonly Check[] = [
  { schema: 'marts', table: 'funnel', truth: (t, ids) => ids.rows(t.funnel()), compare: { key: ['job_id', 'applied_month', 'recruiter_id', 'canonical_stage'], rates: ['conversion_from_previous'] } },
  { schema: 'marts', table: 'time_to_hire', truth: (t, ids) => ids.rows(t.timeToHire()), compare: { key: ['application_id'], days: ['days_to_hire'] } },
  { schema: 'marts', table: 'time_in_stage', truth: (t, ids) => ids.rows(t.timeInStage()), compare: { key: ['job_id', 'canonical_stage'], days: ['avg_days', 'median_days', 'p90_days'] } },
  { schema: 'marts', table: 'source_effectiveness', truth: (t) => t.sourceEffectiveness(), compare: { key: ['source_name'], rates: ['hire_rate'] } },
  { schema: 'marts', table: 'offer_acceptance', truth: (t, ids) => ids.rows(t.offerAcceptance()), compare: { key: ['job_id'], rates: ['acceptance_rate'] } },
  { schema: 'marts', table: 'pipeline_daily', truth: (t, ids) => ids.rows(t.pipelineDaily()), compare: { key: ['day', 'job_id', 'canonical_stage'] } },
  {
    schema: 'core', table: 'applications', truth: (t, ids) => ids.rows(t.applications()), compare: { key: ['application_id'] },
    columns: ['connection', 'application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_canonical_stage', 'rejected_at', 'rejection_type', 'hired_at'],
  },
  {
    schema: 'core', table: 'stage_visits', truth: (t, ids) => ids.rows(t.stageVisits()), compare: { key: ['visit_id'] },
    columns: ['connection', 'visit_id', 'application_id', 'job_id', 'stage_id', 'canonical_stage', 'entered_at', 'exited_at'],
  },
];

async function landWorkableWorld(engine: Engine, spec: Spec): Promise<{ world: World; config: HirelakeConfig }> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const world = createWorld({ seed: spec.seed, size: spec.size, start, now: start + spec.days * DAY });
  const emulator = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
  const config = () => workableConfig(emulator, '/nonexistent/unused.duckdb', { stage_mapping: customStageMapping(world) });
  try {
    const extract = async () => {
      const res = await extractInto(engine, config(), { now: new Date(world.now + 1) });
      if (!res.ok) throw new Error(`extract failed: ${failures(res)}`);
    };
    await extract();
    if (spec.advanceDays) {
      advanceWorld(world, { days: spec.advanceDays });
      await extract();
    }
    // Stage names a new job brought in while advancing need mapping too, so read them at the end.
    return { world, config: config() };
  } finally {
    await emulator.stop();
  }
}

const CASES = WORLDS.flatMap((w) => ENGINES.filter((e) => w.engines.includes(e.kind)).map((e) => ({ ...w, kind: e.kind, open: e.open })));

describe.each(CASES)('Workable world $label on $kind', (spec) => {
  let t: TestEngine;
  let landed: { world: World; config: HirelakeConfig };
  let ids: WorkableIdsOf;

  beforeAll(async () => {
    t = await spec.open();
    landed = await landWorkableWorld(t.engine, spec);
    ids = new WorkableIdsOf(landed.world);
    await build(t.engine, landed.config as HirelakeConfig & { models: { include_pii: boolean } });
  });
  afterAll(() => t.dispose());

  it.each(CHECKS.map((c) => ({ name: `${c.schema}.${c.table}` })))('$name equals the world', async ({ name }) => {
    const c = CHECKS.find((x) => `${x.schema}.${x.table}` === name)!;
    const rows = await readTable(t.engine, t.engine.schemas[c.schema], c.table, c.columns);
    expectRowsEqual(`${c.schema}.${c.table}`, rows, c.truth(new Truth(landed.world, CONNECTION, { namesPeople: false }), ids), c.compare);
  });

  it('has no opening rows: Workable shows no openings', async () => {
    expect(await readTable(t.engine, t.engine.schemas.marts, 'job_fill')).toEqual([]);
  });

  it('the world had the untidy shapes the rule must survive', () => {
    const w = landed.world;
    const order = (visitId: number) => w.stages[w.visits[visitId - 1]!.stageId - 1]!.sortOrder;
    const shapes: Record<string, number> = {
      'requalified after a mistaken disqualification': w.applications.filter((a) => ids.view.requalification(a) !== null).length,
      'moved back': w.applications.filter((a) => a.visitIds.some((v, i) => i > 0 && order(v) < order(a.visitIds[i - 1]!))).length,
      'renamed stages': w.stages.filter((s) => s.name !== s.template).length,
      'disqualified without a reason': w.applications.filter((a) => a.rejectionReasonId !== null && w.rejectionReasons[a.rejectionReasonId - 1]!.type === 'unspecified').length,
      'talent-pool prospects': w.applications.filter((a) => a.jobId === null).length,
      'deleted members': w.users.filter((u) => u.deletedAt !== null).length,
      // The small world also deletes jobs (before the first sync) and merges candidates.
      ...(spec.size === 'small' ? { 'deleted jobs': w.jobs.filter((j) => j.deletedAt !== null).length, 'merged candidates': w.candidates.filter((c) => c.mergedInto !== null).length } : {}),
    };
    expect(Object.entries(shapes).filter(([, n]) => n === 0)).toEqual([]);
  });

  it('explains every raw record that did not reach core (marts.dropped_records)', async () => {
    await expectEveryDropExplained(t.engine);
  });

  it('fails no data test, and warns only about deleted jobs and members and stage names it inferred', async () => {
    const w = landed.world;
    const deletedJobs = new Set(w.jobs.filter((j) => j.deletedAt !== null).map((j) => ids.job(j.id)));
    const deletedUsers = new Set(w.users.filter((u) => u.deletedAt !== null).map((u) => ids.view.ids.member(u.id)));
    const canonical = new Map(w.stages.map((s) => [s.name, s.canonical]));
    await expectDataTestsPass(t.engine, landed.config, [...deletedReferences(deletedJobs, deletedUsers), inferredStages(canonical)]);
  });
});
