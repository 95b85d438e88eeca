// The Greenhouse ground truth: every core table and mart the Greenhouse suites compare with the
// world (test/models/truth.ts), with what Greenhouse's API shows differently spelled out.
import { ATTRIBUTES } from '../../emulators/world/index.ts';
import type { TruthCheck } from './assertions.ts';
import type { Row, Truth } from './truth.ts';

type Check = TruthCheck;

/** Greenhouse's referrer record loses its user when the user is deleted from the account (v3 /referrers). */
function greenhousePeople(t: Truth): Row[] {
  const deleted = (id: unknown) => id !== null && t.world.users[Number(id) - 1]!.deletedAt !== null;
  return t.applicationPeople().map((r) => ({
    ...r,
    credited_to_user_id: deleted(r['credited_to_user_id']) ? null : r['credited_to_user_id'],
    referrer_user_id: deleted(r['referrer_user_id']) ? null : r['referrer_user_id'],
  }));
}

/** Greenhouse keys an attribute by the job's attribute record and keeps its rating word. */
const RATING_WORD: Record<number, string> = { 1: 'definitely_not', 2: 'no', 3: 'mixed', 4: 'yes', 5: 'strong_yes' };
function greenhouseRatings(t: Truth): Row[] {
  return t.scorecardRatings().map((r) => {
    const sc = t.world.scorecards[Number(r['scorecard_id']) - 1]!;
    const iv = t.world.interviews[sc.interviewId - 1]!;
    const attribute = ATTRIBUTES.findIndex((a) => a.name === r['item_name']);
    return { ...r, item_key: String((iv.jobId! - 1) * ATTRIBUTES.length + attribute + 1), raw_rating: r['rating'] === null ? 'no_decision' : RATING_WORD[r['rating'] as number] };
  });
}

export const CHECKS: readonly Check[] = [
  { schema: 'marts', table: 'funnel', truth: (t) => t.funnel(), compare: { key: ['job_id', 'applied_month', 'recruiter_id', 'canonical_stage'], rates: ['conversion_from_previous'] } },
  { schema: 'marts', table: 'time_to_hire', truth: (t) => t.timeToHire(), compare: { key: ['application_id'], days: ['days_to_hire'] } },
  { schema: 'marts', table: 'time_in_stage', truth: (t) => t.timeInStage(), compare: { key: ['job_id', 'canonical_stage'], days: ['avg_days', 'median_days', 'p90_days'] } },
  { schema: 'marts', table: 'source_effectiveness', truth: (t) => t.sourceEffectiveness(), compare: { key: ['source_name'], rates: ['hire_rate'] } },
  { schema: 'marts', table: 'offer_acceptance', truth: (t) => t.offerAcceptance(), compare: { key: ['job_id'], rates: ['acceptance_rate'] } },
  { schema: 'marts', table: 'pipeline_daily', truth: (t) => t.pipelineDaily(), compare: { key: ['day', 'job_id', 'canonical_stage'] } },
  { schema: 'marts', table: 'job_fill', truth: (t) => t.jobFill(), compare: { key: ['opening_id'], days: ['days_to_fill'] } },
  { schema: 'marts', table: 'source_funnel', truth: (t) => t.sourceFunnel(), compare: { key: ['job_id', 'applied_month', 'source_name'] } },
  { schema: 'marts', table: 'offers_monthly', truth: (t) => t.offersMonthly(), compare: { key: ['job_id', 'offer_month'] } },
  { schema: 'marts', table: 'stage_durations', truth: (t) => t.stageDurations(), compare: { key: ['visit_id'], days: ['days', 'open_days'] } },
  {
    schema: 'core', table: 'applications', truth: (t) => t.applications(), compare: { key: ['application_id'] },
    columns: ['connection', 'application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_canonical_stage', 'rejected_at', 'rejection_type', 'hired_at'],
  },
  {
    schema: 'core', table: 'stage_visits', truth: (t) => t.stageVisits(), compare: { key: ['visit_id'] },
    columns: ['connection', 'visit_id', 'application_id', 'job_id', 'stage_id', 'canonical_stage', 'entered_at', 'exited_at'],
  },
  {
    label: 'core.applications people', schema: 'core', table: 'applications', truth: greenhousePeople, compare: { key: ['application_id'] },
    columns: ['connection', 'application_id', 'recruiter_id', 'coordinator_id', 'credited_to_user_id', 'referrer_name', 'referrer_user_id'],
  },
  { schema: 'core', table: 'job_team', truth: (t) => t.jobTeam(), compare: { key: ['job_id', 'user_id', 'role'] } },
  { schema: 'core', table: 'users', truth: (t) => t.users(), compare: { key: ['user_id'] }, columns: ['connection', 'user_id', 'full_name', 'is_disabled'] },
  { schema: 'core', table: 'interview_interviewers', truth: (t) => t.interviewInterviewers(), compare: { key: ['interview_id', 'user_id'] } },
  { schema: 'core', table: 'scorecards', truth: (t) => t.scorecards(), compare: { key: ['scorecard_id'] } },
  { schema: 'core', table: 'scorecard_ratings', truth: greenhouseRatings, compare: { key: ['scorecard_id', 'item_key'] } },
  {
    schema: 'core', table: 'custom_field_values', truth: (t) => t.customFieldValues(['jobs', 'applications', 'candidates', 'offers', 'openings']),
    compare: { key: ['entity', 'record_id', 'field_key'] },
    // A candidate merged away after a run landed it keeps its last version (Greenhouse lists no deletions).
    actual: (rows, t) => rows.filter((r) => r['entity'] !== 'candidates' || t.world.candidates[Number(r['record_id']) - 1]!.mergedInto === null),
  },
  { schema: 'marts', table: 'recruiter_performance', truth: (t) => t.recruiterPerformance(), compare: { key: ['recruiter_id', 'applied_month'], days: ['median_days_to_hire'] } },
  {
    schema: 'marts', table: 'interviewer_load', truth: (t) => t.interviewerLoad(), compare: { key: ['user_id', 'week_start'], rates: ['hours', 'median_hours_to_submit', 'share_overdue'] },
  },
  { schema: 'marts', table: 'hiring_manager_summary', truth: (t) => t.hiringManagerSummary(), compare: { key: ['hiring_manager_id'], days: ['median_days_to_fill'] } },
];

