// Public API of the simulated hiring world.
//
// createWorld() returns a plain-data World; its entity arrays ARE the ground truth that vendor
// emulators render and that tests compare pipeline output against. Semantics worth knowing:
// - A non-prospect application's stage path is `visitIds` → StageVisit rows, in order, contiguous
//   (each visit enters exactly when the previous one exits). Visits are never open-ended once the
//   application is decided: the last visit's exitedAt equals rejectedAt or hiredAt.
// - hiredAt is the instant of the hire: the filled opening's closedAt (applications to a job) and,
//   when the hire had an offer, that offer's resolvedAt are the same number. There is no "hired"
//   stage; a hire's last visit is in the offer stage. `hired` exists only as a FunnelStage.
// - Rejections (by the company or candidate withdrawals, told apart by the reason's type) can
//   happen in any stage; declining an offer is a withdrawal at the offer's resolvedAt.
// - Prospects (isProspect) have no visits, no stage, no interviews or offers, never leave
//   `active`, and belong in no funnel. Some have no job at all (jobId null: sourced into a pool),
//   some were sourced for jobs that stay drafts, some of those without any stage plan.
// - Applications without a job (jobId null, a share set by size.joblessApplications, default 0)
//   move through world.generalStageIds and end hired without an offer or opening, or rejected.
// - Untidy, as real accounts are (rates in UNTIDY): hires without any offer, accepted offers the
//   candidate backs out of (rejected later), closed jobs deleted (Job.deletedAt), stages renamed
//   in every plan while applications sit in them (Stage.name changes, Stage.template does not),
//   users hard-deleted while records name them (User.deletedAt), duplicate candidates merged
//   (Candidate.mergedInto; applications move), names with quotes, emoji and 10 kB of text.
// - Who hires: every job has a team (world.teamMembers: recruiters, coordinators, hiring managers,
//   sourcers; one primary per role, the primary hiring manager always the one assigned last), and
//   teams change while jobs are open (Job.recruiterId / coordinatorId / hiringManagerId are the
//   primaries now). An application keeps the recruiter and coordinator it was assigned (or, when
//   `unassigned`, has its job's); `creditedToId` is the sourcer or referring employee, and a
//   referral by someone who is no user has `referrerName` instead of `referrerId`. Users are
//   deactivated (User.deactivatedAt) while records name them; nobody new is assigned to them.
// - Interviews seat panels (an extra interviewer now and then); some scorecards never come; each
//   scorecard rates its kit's attributes on a 1–5 scale (ratings.ts). Custom fields of every type
//   on jobs, applications, candidates, offers and openings are a pure function of the record
//   (custom-fields.ts). All of this draws from sim.aux, so older worlds keep their history.
// - Survey answers (demographicsOf; the account's own question sets: surveyResponseOf) and
//   backfill flags (isBackfill) are pure functions of the seed and an id; some groups pass stages
//   less often (progressFactor). eraseCandidate erases a person.
// - Skipped stages are simply absent from the path (e.g. applied → interview); moving back
//   creates a new visit of an earlier stage, and moving forward again re-enters a stage that
//   was already visited (two visits, same stageId).
// - Everything is deterministic in the seed and the sequence of createWorld/advanceWorld calls.
export type * from './types.ts';
export { CANONICAL_RANK } from './types.ts';
export { createWorld } from './generate.ts';
export { advanceWorld, touchWorld, type AdvanceOptions, type AdvanceResult } from './simulate.ts';
export {
  CUSTOM_STAGE_NAMES, DEFAULT_STAGE_NAMES, RENAMES, STAGE_CATALOG, customStageMapping, type StageTemplate,
} from './stage-catalog.ts';
export { PRESETS, UNTIDY } from './rates.ts';
export {
  CUSTOM_FIELDS, customFieldValue, customFieldValues, customFieldsOf,
  type CustomFieldDef, type CustomFieldEntity, type CustomFieldType, type CustomFieldValue,
} from './custom-fields.ts';
export { ATTRIBUTE_CATEGORIES, ATTRIBUTES, kitAttributes, type Attribute } from './ratings.ts';
export { teamOf } from './team.ts';
export { DAY, HOUR, MINUTE, isoDate } from './time.ts';
export {
  DECLINED, DEMOGRAPHIC_CATEGORIES, DEMOGRAPHIC_OPTIONS, SURVEY_RESPONSE_RATE, demographicsOf, progressFactor,
  type DemographicCategory, type DemographicResponse,
} from './demographics.ts';
export {
  CUSTOM_SURVEY_RESPONSE_RATE, SURVEY_OPTIONS, SURVEY_QUESTIONS, SURVEY_SETS, surveyResponseOf, surveySetOf,
  type SurveyAnswer, type SurveyOption, type SurveyQuestion, type SurveyResponse, type SurveySet,
} from './surveys.ts';
export { BACKFILL_RATE, isBackfill } from './requisitions.ts';
export { eraseCandidate, erasableCandidates, isErased } from './erasure.ts';
export {
  acceptedOffer, applicationsOf, byId, canonicalOf, canonicalPath, entityTables, furthestCanonicalStage,
  offersOf, outcomeAt, recordCounts, stagesOf, visitsOf, type ApplicationFilter, type RecordCounts,
} from './truth.ts';
