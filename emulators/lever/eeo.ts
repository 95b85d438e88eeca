// /v1/eeo/responses and /v1/eeo/responses/pii: the EEO survey answers of opportunities. The PII
// variant (what hirelake reads) names the opportunity, so answers can be tied to the funnel;
// the anonymous one carries only the application's title, stage and dates. Shapes as in a
// recorded Lever response; the answer fields (gender, race, veteran, disability) as Lever
// documents them. An anonymized (erased) opportunity's answers are gone, like the person.
import { DECLINED, demographicsOf, isErased, type DemographicCategory } from '../world/index.ts';
import { hasApplication, jobOf, stageOf, type RenderContext } from './render.ts';
import type { OpportunityRow } from './view.ts';

/** Lever's EEO form wording where it differs from the world's (EEO-1) wording. */
const WORDING: Readonly<Record<DemographicCategory, Readonly<Record<string, string>>>> = {
  gender: { [DECLINED]: 'Decline to self-identify' },
  race: {
    'American Indian or Alaskan Native': 'American Indian or Alaska Native (Not Hispanic or Latino)',
    Asian: 'Asian (Not Hispanic or Latino)',
    'Black or African American': 'Black or African American (Not Hispanic or Latino)',
    'Native Hawaiian or Other Pacific Islander': 'Native Hawaiian or Other Pacific Islander (Not Hispanic or Latino)',
    White: 'White (Not Hispanic or Latino)',
    'Two or More Races': 'Two or More Races (Not Hispanic or Latino)',
    [DECLINED]: 'Decline to self-identify',
  },
  veteran_status: {
    'I identify as one or more of the classifications of a protected veteran': 'I am a Protected Veteran',
    'I am not a protected veteran': 'I am not a Protected Veteran',
    [DECLINED]: "I don't wish to answer",
  },
  disability_status: {
    'Yes, I have a disability (or previously had a disability)': 'Yes, I have a disability, or have had one in the past',
    "No, I don't have a disability": 'No, I do not have a disability and have not had one in the past',
    [DECLINED]: 'I do not want to answer',
  },
};

const worded = (c: DemographicCategory, answer: string): string => WORDING[c][answer] ?? answer;

/** Opportunities with survey answers Lever still shows. */
export function eeoRows(ctx: RenderContext, live: readonly OpportunityRow[]): OpportunityRow[] {
  return live.filter((r) => !r.app.isProspect && demographicsOf(ctx.world, r.app) !== null && !isErased(ctx.world.candidates[r.app.candidateId - 1]!));
}

export function renderEeoResponse(ctx: RenderContext, row: OpportunityRow, pii: boolean): Record<string, unknown> {
  const { world, ids } = ctx;
  const app = row.app;
  const d = demographicsOf(world, app)!;
  const job = jobOf(world, app);
  const reason = app.status === 'rejected' ? world.rejectionReasons[app.rejectionReasonId! - 1]!.name : app.status === 'hired' ? 'Hired' : null;
  const anonymous = {
    applicationArchivedAt: app.hiredAt ?? app.rejectedAt,
    applicationArchivedBy: app.status === 'active' ? null : ids.of('user', app.recruiterId),
    applicationArchiveReason: reason,
    applicationTitle: job?.name ?? null,
    appliedAt: app.appliedAt,
    currentStage: app.currentStageId === null ? null : stageOf(ctx, app.currentStageId).id,
    gender: worded('gender', d.answers.gender),
    race: worded('race', d.answers.race),
    veteran: worded('veteran_status', d.answers.veteran_status),
    disability: worded('disability_status', d.answers.disability_status),
  };
  if (!pii) return anonymous;
  const opportunityId = ids.of('opportunity', app.id);
  const applicationId = hasApplication(app) ? ids.of('application', app.id) : null;
  return {
    id: applicationId ?? opportunityId,
    opportunityId,
    posting: job === null ? null : ids.of('posting', job.id),
    applicationId,
    contact: ids.of('contact', app.candidateId),
    eeoResponseSource: 'application',
    eeoSurveyRespondedAt: d.submittedAt,
    hiredDate: app.hiredAt,
    hiringManager: job === null ? null : ids.of('user', job.hiringManagerId),
    opportunityOwner: ids.of('user', app.recruiterId),
    origin: null,
    sources: [world.sources[app.sourceId - 1]!.name],
    ...anonymous,
  };
}
