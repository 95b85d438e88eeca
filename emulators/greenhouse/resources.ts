// The /v3 collections the emulator serves: where each one's rows live in the world, how a row is
// rendered, and which filters it accepts beyond ids / created_at / updated_at.
import { isErased, type World } from '../world/index.ts';
import * as render from './render.ts';
import { derived } from './derived.ts';
import type { Json } from './render.ts';
import { eeocRows, renderEeoc, type EeocRow } from './eeoc.ts';
import {
  answerRows, optionRows, questionRows, questionSetRows, renderAnswer, renderOption, renderQuestion, renderQuestionSet,
  type AnswerRow, type OptionRow, type QuestionRow, type SetRow,
} from './demographic-data.ts';

export interface Row {
  id: number;
  createdAt: number;
  updatedAt: number;
}

type Predicate<T> = (w: World, row: T) => boolean;

export interface ResourceDef<T extends Row = Row> {
  name: string;
  /** id-indexed rows (rows[id - 1].id === id) */
  rows(w: World): readonly T[];
  render(w: World, row: T): Json;
  /** parent filter param (e.g. application_ids) → the row's foreign key */
  parents: Record<string, (row: T) => number | null>;
  /** for parent filters with a natural index: parent id → child row ids, so no full scan is needed */
  children: Record<string, (w: World, parentId: number) => readonly number[]>;
  /** other query params: value → predicate, or undefined when the value is invalid */
  flags: Record<string, (value: string) => Predicate<T> | undefined>;
  /** rows the API shows at all (deleted and merged-away records are gone); default every row */
  visible: Predicate<T>;
  /** flag values applied when the request leaves the flag out (e.g. include_defaults=false) */
  flagDefaults: Record<string, string>;
}

function def<T extends Row>(d: Partial<ResourceDef<T>> & Pick<ResourceDef<T>, 'name' | 'rows' | 'render'>): ResourceDef {
  return { parents: {}, children: {}, flags: {}, flagDefaults: {}, visible: () => true, ...d } as unknown as ResourceDef;
}

/**
 * Erasing a candidate in Greenhouse hard-deletes the person with their applications and what hangs
 * off them: none of it is listed any more.
 */
const shownApp = (w: World, appId: number): boolean => !isErased(w.candidates[w.applications[appId - 1]!.candidateId - 1]!);

const bool = (v: string): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);

/** a boolean filter param over a row's flag: undefined for a value that is not true / false */
function boolFlag<T>(v: string, flag: (row: T) => boolean): Predicate<T> | undefined {
  const want = bool(v);
  return want === undefined ? undefined : (_w, row) => flag(row) === want;
}

export const RESOURCES: readonly ResourceDef[] = [
  def({
    name: 'applications',
    rows: (w) => w.applications,
    render: render.application,
    visible: (w, a) => shownApp(w, a.id),
    // Prospects render job_id null, so a job filter must not return them.
    parents: { job_ids: (a) => (a.isProspect ? null : a.jobId), candidate_ids: (a) => a.candidateId },
    children: {
      candidate_ids: (w, id) => w.candidates[id - 1]?.applicationIds ?? [],
      job_ids: (w, id) => w.sim.jobApps[id - 1] ?? [],
    },
    flags: {
      status: (v) => {
        const want = { in_process: 'active', rejected: 'rejected', hired: 'hired' }[v];
        if (v === 'converted') return () => false;
        return want ? (_w, a) => a.status === want : undefined;
      },
    },
  }),
  // A candidate merged into another is gone; the survivor carries the applications.
  def({ name: 'candidates', rows: (w) => w.candidates, render: render.candidate, visible: (_w, c) => c.mergedInto === null && !isErased(c) }),
  def({ name: 'jobs', rows: (w) => w.jobs, render: render.job, visible: (_w, j) => j.deletedAt === null }),
  def({
    name: 'job_interview_stages',
    rows: (w) => w.stages,
    render: render.jobInterviewStage,
    // Stages belong to jobs in Greenhouse; the world's general plan has no counterpart.
    visible: (_w, s) => s.jobId !== null,
    parents: { job_ids: (s) => s.jobId },
    children: { job_ids: (w, id) => w.jobs[id - 1]?.stageIds ?? [] },
  }),
  def({
    name: 'application_stages',
    rows: (w) => w.visits,
    render: render.applicationStage,
    visible: (w, v) => shownApp(w, v.applicationId),
    parents: { application_ids: (v) => v.applicationId, job_interview_stage_ids: (v) => v.stageId },
    children: { application_ids: (w, id) => w.applications[id - 1]?.visitIds ?? [] },
    flags: {
      current: (v) => {
        const want = bool(v);
        if (want === undefined) return undefined;
        return (w, visit) => {
          const ids = w.applications[visit.applicationId - 1]!.visitIds;
          return (ids[ids.length - 1] === visit.id) === want;
        };
      },
    },
  }),
  def({
    name: 'offers',
    rows: (w) => w.offers,
    render: render.offer,
    visible: (w, o) => shownApp(w, o.applicationId),
    parents: { application_ids: (o) => o.applicationId, job_ids: (o) => o.jobId, candidate_ids: (o) => o.candidateId },
    children: { application_ids: (w, id) => w.applications[id - 1]?.offerIds ?? [] },
    flags: {
      current_only: (v) => {
        const want = bool(v);
        if (want === undefined) return undefined;
        return want ? (_w, o) => o.status !== 'deprecated' : () => true;
      },
    },
  }),
  def({
    name: 'interviews',
    rows: (w) => w.interviews,
    render: render.interview,
    visible: (w, i) => shownApp(w, i.applicationId),
    parents: { application_ids: (i) => i.applicationId, job_ids: (i) => i.jobId },
    children: { application_ids: (w, id) => w.applications[id - 1]?.interviewIds ?? [] },
  }),
  def({
    name: 'scorecards',
    rows: (w) => w.scorecards,
    render: render.scorecard,
    visible: (w, sc) => shownApp(w, sc.applicationId),
    parents: { application_ids: (s) => s.applicationId, candidate_ids: (s) => s.candidateId },
  }),
  // Voluntary self-identification, one row per application that answered (harvest:eeoc:list).
  def<EeocRow>({
    name: 'eeoc',
    rows: eeocRows,
    render: (w, row) => renderEeoc(w, row, render.iso),
    visible: (w, row) => row.response !== null && shownApp(w, row.id),
    parents: { application_ids: (row) => row.id },
  }),
  // The account's own demographic question sets and their answers (harvest:demographic_*:list).
  // A deleted set, question or option stays listed with active false; `active` filters.
  def<SetRow>({
    name: 'demographic_question_sets',
    rows: questionSetRows,
    render: (_w, r) => renderQuestionSet(render.iso, r),
    flags: { active: (v) => boolFlag(v, (r: SetRow) => r.set.active), enabled: (v) => boolFlag(v, (r: SetRow) => r.set.active) },
  }),
  def<QuestionRow>({
    name: 'demographic_questions',
    rows: questionRows,
    render: (_w, r) => renderQuestion(r),
    parents: { demographic_question_set_ids: (r) => r.question.setId },
    flags: { active: (v) => boolFlag(v, (r: QuestionRow) => r.question.active), required: (v) => boolFlag(v, () => false) },
  }),
  def<OptionRow>({
    name: 'demographic_answer_options',
    rows: optionRows,
    render: (_w, r) => renderOption(r),
    parents: { demographic_question_ids: (r) => r.questionId },
    flags: { active: (v) => boolFlag(v, (r: OptionRow) => r.option.active) },
  }),
  def<AnswerRow>({
    name: 'demographic_answers',
    rows: (w) => answerRows(w).rows,
    render: (_w, r) => renderAnswer(render.iso, r),
    visible: (w, r) => shownApp(w, r.applicationId),
    parents: {
      application_ids: (r) => r.applicationId,
      demographic_question_ids: (r) => r.questionId,
      demographic_answer_option_ids: (r) => r.optionId,
    },
    children: { application_ids: (w, id) => answerRows(w).byApplication.get(id) ?? [] },
  }),
  // Greenhouse's own default reasons (here: the odd world ids) are listed only with
  // include_defaults=true; an account's custom reasons always are.
  def({
    name: 'rejection_reasons',
    rows: (w) => w.rejectionReasons,
    render: render.rejectionReason,
    flags: { include_defaults: (v) => (bool(v) === undefined ? undefined : bool(v) ? () => true : (_w, r) => r.id % 2 === 0) },
    flagDefaults: { include_defaults: 'false' },
  }),
  def({ name: 'close_reasons', rows: (w) => w.closeReasons, render: render.closeReason }),
  def({ name: 'sources', rows: (w) => w.sources, render: render.source }),
  def({ name: 'departments', rows: (w) => w.departments, render: render.department }),
  def({ name: 'offices', rows: (w) => w.offices, render: render.office }),
  def({ name: 'users', rows: (w) => w.users, render: render.user, visible: (_w, u) => u.deletedAt === null }),
  def({
    name: 'job_owners',
    rows: (w) => w.teamMembers,
    render: render.jobOwner,
    visible: (_w, m) => m.role !== 'hiring_manager',
    parents: { job_ids: (m) => m.jobId, user_ids: (m) => m.userId },
  }),
  def({
    name: 'job_hiring_managers',
    rows: (w) => w.teamMembers,
    render: render.jobHiringManager,
    visible: (_w, m) => m.role === 'hiring_manager',
    parents: { job_ids: (m) => m.jobId, user_ids: (m) => m.userId },
  }),
  def({
    name: 'interviewers',
    rows: (w) => derived(w).interviewers,
    render: render.interviewer,
    visible: (w, r) => r.seat < w.interviews[r.interviewId - 1]!.interviewerIds.length,
    parents: { interview_ids: (r) => r.interviewId },
  }),
  def({
    name: 'scorecard_candidate_attributes',
    rows: (w) => derived(w).ratings,
    render: render.scorecardAttribute,
    parents: { scorecard_ids: (r) => r.scorecardId },
  }),
  def({
    name: 'job_candidate_attributes',
    rows: (w) => derived(w).jobAttributes,
    render: render.jobCandidateAttribute,
    parents: { job_ids: (r) => r.jobId },
  }),
  def({
    name: 'candidate_attribute_types',
    rows: (w) => derived(w).attributeTypes,
    render: render.candidateAttributeType,
    parents: { job_ids: (r) => r.jobId },
  }),
  def({ name: 'referrers', rows: (w) => derived(w).referrers, render: render.referrer }),
  def({
    name: 'openings',
    rows: (w) => w.openings,
    render: render.opening,
    parents: { job_ids: (o) => o.jobId },
    children: { job_ids: (w, id) => w.jobs[id - 1]?.openingIds ?? [] },
  }),
];

export const RESOURCE_BY_NAME: ReadonlyMap<string, ResourceDef> = new Map(RESOURCES.map((r) => [r.name, r]));
