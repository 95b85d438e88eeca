// The world's records in Lever's wire shapes (field names and types as in captured Lever
// responses: epoch-ms integers, UUID strings, nulls where Lever sends null). Pure functions of the
// world; `LeverView` decides which records a request sees.
//
// How the world maps onto Lever (see extractors/lever/README.md for the inverse rule):
// - world application → one opportunity with exactly one application (its posting = the job);
//   a candidate with several applications has several opportunities sharing one `contact`.
// - world application without a job → an opportunity whose application has `posting: null` (odd
//   world ids) or that has no application at all (even ids; prospects in a pool always).
// - world prospect → an opportunity parked in `lead-new`, origin `sourced`, application type `user`.
// - deleted world job → its posting is in /postings/deleted; deleted world user → not in /users.
// - world visits → `stageChanges` (entry times); the last stay ends at `archived.archivedAt`.
// - hire → archived with the "Hired" reason (type hired) at hiredAt; rejection → archived with the
//   world rejection reason's text (type non-hired) at rejectedAt. The stage stays where it was.
// - world job → one posting and one requisition (headcount = its openings).
// - world offer → offer: accepted = `signed`; sent = `sent`; unsent = `draft`. Lever has no
//   declined/deprecated status: a declined offer stays `sent` and the opportunity is archived
//   non-hired; a revised offer is followed by a newer offer on the same opportunity.
import type { Application, Candidate, CustomFieldDef, CustomFieldValue, Interview, Job, Offer, Recommendation, Scorecard, User, World } from '../world/index.ts';
import { ATTRIBUTES, customFieldValues, isBackfill, isErased, teamOf } from '../world/index.ts';
import { HIRED_REASON, originOf, type LeverStage } from './catalog.ts';
import type { LeverIds } from './ids.ts';

export type IndexedStage = LeverStage & { index: number };

export interface RenderContext {
  readonly world: World;
  readonly ids: LeverIds;
  /** world stage template → Lever stage and its index in the pipeline */
  readonly stageByTemplate: ReadonlyMap<string, IndexedStage>;
  /** the stage's name now (admins rename stages) */
  stageText(stage: LeverStage): string;
  /** where sourced prospects sit */
  readonly leadStage: IndexedStage;
  /** Opportunities whose last change is older than this render `updatedAt: null` (pre-2019 Lever data). */
  readonly legacyBefore: number;
}

const APP_HOST = 'https://hire.lever.co';
const RATINGS: Readonly<Record<Recommendation, string | null>> = {
  strong_yes: '4 - Strong Hire', yes: '3 - Hire', no: '2 - No Hire', strong_no: '1 - Strong No Hire', no_decision: null,
};

const userId = (ctx: RenderContext, id: number) => ctx.ids.of('user', id);
const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

interface Person {
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * What Lever shows of a candidate. Once erased, Lever anonymizes the person's opportunities in
 * place: the records stay (stages, dates, outcome) with `isAnonymized: true` and no name or contact.
 */
function personOf(c: Candidate): Person {
  if (isErased(c)) return { name: 'Anonymized Candidate', company: null, phone: null, email: null };
  return { name: fullName(c), company: c.company, phone: c.phone, email: c.email };
}

export function stageOf(ctx: RenderContext, worldStageId: number): IndexedStage {
  const { template } = ctx.world.stages[worldStageId - 1]!;
  const st = ctx.stageByTemplate.get(template);
  if (!st) throw new Error(`world stage "${template}" has no Lever stage`);
  return st;
}

/** The job's hiring manager at time t: the one assigned last by then (the primary is always the latest). */
export function hiringManagerAt(world: World, job: Job, t: number): number {
  let best: { userId: number; createdAt: number; id: number } | undefined;
  for (const m of teamOf(world, job, 'hiring_manager')) {
    if (m.createdAt > t) continue;
    if (!best || m.createdAt > best.createdAt || (m.createdAt === best.createdAt && m.id > best.id)) best = m;
  }
  return best?.userId ?? job.hiringManagerId;
}

export function jobOf(world: World, app: Application): Job | null {
  return app.jobId === null ? null : world.jobs[app.jobId - 1]!;
}

/** Pool prospects and half of the other job-less opportunities carry no application object. */
export function hasApplication(app: Application): boolean {
  return app.jobId !== null || (!app.isProspect && app.id % 2 === 1);
}

/** The last moment anything shown on the opportunity or its offers/interviews/feedback changed. */
export function opportunityChangedAt(world: World, app: Application): number {
  let t = Math.max(app.updatedAt, world.candidates[app.candidateId - 1]!.updatedAt);
  for (const id of app.offerIds) t = Math.max(t, world.offers[id - 1]!.updatedAt);
  for (const id of app.interviewIds) t = Math.max(t, world.interviews[id - 1]!.updatedAt);
  return t;
}

/** `updatedAt` as Lever shows it: null for opportunities untouched since before the field existed. */
export function opportunityUpdatedAt(ctx: RenderContext, app: Application): number | null {
  const t = opportunityChangedAt(ctx.world, app);
  return t < ctx.legacyBefore ? null : t;
}

export function currentStage(ctx: RenderContext, app: Application): IndexedStage {
  return app.currentStageId === null ? ctx.leadStage : stageOf(ctx, app.currentStageId);
}

/** Entry time of the current stage. */
export function lastAdvancedAt(world: World, app: Application): number {
  const last = app.visitIds.at(-1);
  return last === undefined ? app.createdAt : world.visits[last - 1]!.enteredAt;
}

function archivedOf(ctx: RenderContext, app: Application): { reason: string; archivedAt: number } | null {
  if (app.status === 'hired') return { reason: ctx.ids.of('archive_reason', HIRED_REASON), archivedAt: app.hiredAt! };
  if (app.status === 'rejected') return { reason: ctx.ids.of('archive_reason', app.rejectionReasonId!), archivedAt: app.rejectedAt! };
  return null;
}

export function renderApplication(ctx: RenderContext, app: Application): Record<string, unknown> {
  const { world, ids } = ctx;
  const c = world.candidates[app.candidateId - 1]!;
  const who = personOf(c);
  const job = jobOf(world, app);
  const oppId = ids.of('opportunity', app.id);
  return {
    id: ids.of('application', app.id),
    type: app.isProspect || job === null ? 'user' : isReferral(world, app) ? 'referral' : 'posting',
    candidateId: oppId,
    opportunityId: oppId,
    posting: job === null ? null : ids.of('posting', job.id),
    // The posting's hiring manager and owner when the candidate applied (teams change later).
    postingHiringManager: job === null ? null : userId(ctx, hiringManagerAt(world, job, app.createdAt)),
    postingOwner: job === null ? null : userId(ctx, app.recruiterId),
    name: who.name,
    company: who.company,
    phone: who.phone === null ? null : { type: 'mobile', value: who.phone },
    email: who.email,
    links: [],
    comments: null,
    // A referral's user is the referring employee (none for a referrer who is no user).
    user: app.isProspect || job === null ? userId(ctx, app.recruiterId) : isReferral(world, app) ? (app.referrerId === null ? null : userId(ctx, app.referrerId)) : null,
    customQuestions: [],
    createdAt: app.appliedAt,
    archived: archivedOf(ctx, app),
    requisitionForHire: app.status === 'hired' && job !== null ? { id: ids.of('requisition', job.id), requisitionCode: job.requisitionId, hiringManagerOnHire: userId(ctx, hiringManagerAt(world, job, app.hiredAt!)) } : null,
  };
}

/** An application from a referral source (Lever: an application of type referral). */
export function isReferral(world: World, app: Application): boolean {
  return world.sources[app.sourceId - 1]!.type === 'referral';
}

export interface ExpandOptions {
  applications?: boolean;
  stage?: boolean;
  owner?: boolean;
}

export function renderOpportunity(ctx: RenderContext, app: Application, expand: ExpandOptions = {}): Record<string, unknown> {
  const { world, ids } = ctx;
  const c: Candidate = world.candidates[app.candidateId - 1]!;
  const who = personOf(c);
  const job = jobOf(world, app);
  const id = ids.of('opportunity', app.id);
  const stage = currentStage(ctx, app);
  const owner = userId(ctx, app.recruiterId);
  const source = world.sources[app.sourceId - 1]!;
  const location = job === null ? null : world.offices[job.officeId - 1]!.location;
  const lead = ctx.leadStage;
  const stageChanges = app.isProspect
    ? [{ toStageId: lead.id, toStageIndex: lead.index, updatedAt: app.createdAt, userId: owner }]
    : app.visitIds.map((vid) => {
        const v = world.visits[vid - 1]!;
        const st = stageOf(ctx, v.stageId);
        return { toStageId: st.id, toStageIndex: st.index, updatedAt: v.enteredAt, userId: owner };
      });
  return {
    id,
    name: who.name,
    contact: ids.of('contact', c.id),
    headline: who.company ?? '',
    stage: expand.stage ? { id: stage.id, text: ctx.stageText(stage) } : stage.id,
    confidentiality: job?.confidential ? 'confidential' : 'non-confidential',
    location,
    phones: who.phone === null ? [] : [{ type: 'mobile', value: who.phone }],
    emails: who.email === null ? [] : [who.email],
    links: [],
    archived: archivedOf(ctx, app),
    tags: [],
    sources: [source.name],
    stageChanges,
    origin: originOf(source.type, app.isProspect),
    // Whoever is credited: the sourcer, or the referring employee.
    sourcedBy: app.creditedToId === null ? null : userId(ctx, app.creditedToId),
    // Nobody assigned: the opportunity has no owner.
    owner: app.unassigned ? null : expand.owner ? renderUser(ctx, world.users[app.recruiterId - 1]!) : owner,
    followers: [...new Set([owner, userId(ctx, app.coordinatorId)])],
    applications: !hasApplication(app) ? [] : [expand.applications ? renderApplication(ctx, app) : ids.of('application', app.id)],
    createdAt: app.createdAt,
    updatedAt: opportunityUpdatedAt(ctx, app),
    lastInteractionAt: app.lastActivityAt,
    lastAdvancedAt: lastAdvancedAt(world, app),
    snoozedUntil: null,
    urls: { list: `${APP_HOST}/candidates`, show: `${APP_HOST}/candidates/${id}` },
    isAnonymized: isErased(c),
    dataProtection: null,
    opportunityLocation: location,
  };
}

const ACCESS_ROLE: Readonly<Record<User['role'], string>> = {
  admin: 'super admin', recruiter: 'admin', coordinator: 'team member', hiring_manager: 'team member', interviewer: 'interviewer',
};
const JOB_TITLE: Readonly<Record<User['role'], string>> = {
  admin: 'Head of Talent', recruiter: 'Recruiter', coordinator: 'Recruiting Coordinator', hiring_manager: 'Hiring Manager', interviewer: 'Interviewer',
};

export function renderUser(ctx: RenderContext, u: User): Record<string, unknown> {
  return {
    id: userId(ctx, u.id),
    name: fullName(u),
    username: u.email.split('@')[0],
    email: u.email,
    accessRole: u.role === 'recruiter' && !u.siteAdmin ? 'team member' : ACCESS_ROLE[u.role],
    photo: null,
    createdAt: u.createdAt,
    deactivatedAt: u.deactivatedAt,
    externalDirectoryId: u.employeeId,
    linkedContactIds: null,
    jobTitle: JOB_TITLE[u.role],
    managerId: null,
  };
}

function departmentNames(world: World, job: Job): { department: string; team: string } {
  const d = world.departments[job.departmentId - 1]!;
  const top = d.parentId === null ? d : world.departments[d.parentId - 1]!;
  return { department: top.name, team: d.name };
}

const POSTING_STATE: Readonly<Record<Job['status'], string>> = { draft: 'draft', open: 'published', closed: 'closed' };

export function renderPosting(ctx: RenderContext, job: Job): Record<string, unknown> {
  const { world, ids } = ctx;
  const id = ids.of('posting', job.id);
  const office = world.offices[job.officeId - 1]!;
  const { department, team } = departmentNames(world, job);
  const recruiter = userId(ctx, job.recruiterId);
  return {
    id,
    text: job.name,
    state: POSTING_STATE[job.status],
    distributionChannels: job.status === 'open' ? ['public', 'internal'] : [],
    user: recruiter,
    owner: recruiter,
    hiringManager: userId(ctx, job.hiringManagerId),
    categories: { commitment: 'Full-time', department, location: office.name, team, allLocations: [office.name] },
    tags: [],
    content: { description: `Join ${world.companyName} as a ${job.name}.`, descriptionHtml: `<div>Join ${world.companyName} as a ${job.name}.</div>`, lists: [], closing: '', closingHtml: '' },
    country: office.location.endsWith('United States') ? 'US' : null,
    followers: [...new Set([recruiter, userId(ctx, job.coordinatorId)])],
    reqCode: job.requisitionId,
    requisitionCodes: [job.requisitionId],
    urls: { list: `https://jobs.lever.co/${slugOf(world.companyName)}`, show: `https://jobs.lever.co/${slugOf(world.companyName)}/${id}`, apply: `https://jobs.lever.co/${slugOf(world.companyName)}/${id}/apply` },
    confidentiality: job.confidential ? 'confidential' : 'non-confidential',
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    workplaceType: office.name.startsWith('Remote') ? 'remote' : 'onsite',
  };
}

function slugOf(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** A requisition's last change: the job's or one of its openings'. */
export function requisitionChangedAt(world: World, job: Job): number {
  let t = job.updatedAt;
  for (const oid of job.openingIds) t = Math.max(t, world.openings[oid - 1]!.updatedAt);
  return t;
}

export function renderRequisition(ctx: RenderContext, job: Job): Record<string, unknown> {
  const { world, ids } = ctx;
  const openings = job.openingIds.map((oid) => world.openings[oid - 1]!);
  const { department, team } = departmentNames(world, job);
  const recruiter = userId(ctx, job.recruiterId);
  const offerIds: string[] = [];
  for (const appId of world.sim.jobApps[job.id - 1] ?? []) {
    for (const oid of world.applications[appId - 1]!.offerIds) offerIds.push(ids.of('offer', oid));
  }
  return {
    id: ids.of('requisition', job.id),
    requisitionCode: job.requisitionId,
    name: job.name,
    backfill: isBackfill(world, job.id),
    confidentiality: job.confidential ? 'confidential' : 'non-confidential',
    createdAt: job.createdAt,
    creator: recruiter,
    headcountHired: openings.filter((o) => o.applicationId !== null).length,
    headcountTotal: openings.length,
    status: job.status,
    hiringManager: userId(ctx, job.hiringManagerId),
    owner: recruiter,
    employmentStatus: 'Full-Time',
    location: world.offices[job.officeId - 1]!.name,
    internalNotes: '',
    department,
    team,
    headcountInfinite: false,
    compensationBand: null,
    approval: { steps: [] },
    postings: [ids.of('posting', job.id)],
    offerIds,
    timeToFillStartAt: job.openedAt,
    timeToFillEndAt: job.status === 'closed' && openings.some((o) => o.applicationId !== null) ? job.closedAt : null,
    updatedAt: requisitionChangedAt(world, job),
    customFields: requisitionCustomFields(world, job),
    closedAt: job.closedAt,
  };
}

function offerStatus(o: Offer): string {
  if (o.status === 'accepted') return 'signed';
  return o.sentOn === null ? 'draft' : 'sent';
}

export function renderOffer(ctx: RenderContext, o: Offer): Record<string, unknown> {
  const { world, ids } = ctx;
  const app = world.applications[o.applicationId - 1]!;
  const c = world.candidates[app.candidateId - 1]!;
  const who = personOf(c);
  const job = world.jobs[o.jobId - 1]!;
  const sentAt = o.sentOn === null ? null : Date.parse(`${o.sentOn}T00:00:00Z`);
  const doc = (at: number, kind: string) => ({ fileName: `${kind}-${isErased(c) ? 'anonymized' : c.lastName.toLowerCase()}-v${o.version}.pdf`, uploadedAt: at, downloadUrl: `https://api.lever.co/v1/opportunities/${ids.of('opportunity', app.id)}/offers/${ids.of('offer', o.id)}/download?status=${kind}` });
  return {
    id: ids.of('offer', o.id),
    posting: ids.of('posting', job.id),
    createdAt: o.createdAt,
    status: offerStatus(o),
    creator: userId(ctx, app.recruiterId),
    fields: [
      { text: 'Job title', identifier: 'job_title', value: job.name },
      { text: 'Anticipated start date', identifier: 'anticipated_start_date', value: Date.parse(`${o.startsOn}T00:00:00Z`) },
      { text: 'Salary', identifier: 'salary_amount', value: 90_000 + 5_000 * ((o.id * 7) % 17) },
      { text: 'Currency', identifier: 'compensation_currency', value: 'USD' },
      { text: 'Hiring manager', identifier: 'hiring_manager', value: fullName(world.users[job.hiringManagerId - 1]!) },
    ],
    signatures: { candidate: { role: 'candidate', name: who.name, email: who.email } },
    approved: true,
    approvedAt: o.createdAt,
    sentAt,
    sentDocument: sentAt === null ? null : doc(sentAt, 'sent'),
    signedDocument: o.status === 'accepted' ? doc(o.resolvedAt!, 'signed') : null,
  };
}

export function renderInterview(ctx: RenderContext, iv: Interview): Record<string, unknown> {
  const { world, ids } = ctx;
  const template = ids.of('feedback_template', 1);
  return {
    id: ids.of('interview', iv.id),
    panel: ids.of('panel', iv.visitId),
    subject: iv.name,
    note: '',
    interviewers: iv.interviewerIds.map((uid) => {
      const u = world.users[uid - 1]!;
      return { id: userId(ctx, uid), name: fullName(u), email: u.email, feedbackTemplate: template };
    }),
    timezone: 'UTC',
    createdAt: iv.createdAt,
    date: iv.startAt,
    duration: Math.round((iv.endAt - iv.startAt) / 60_000),
    location: '',
    feedbackTemplate: template,
    feedbackForms: iv.scorecardIds.map((sid) => ids.of('feedback', sid)),
    feedbackReminder: 'daily',
    user: userId(ctx, iv.organizerId),
    stage: stageOf(ctx, iv.stageId).id,
    canceledAt: iv.status === 'cancelled' ? iv.updatedAt : null,
    postings: iv.jobId === null ? [] : [ids.of('posting', iv.jobId)],
    gcalEventUrl: null,
    opportunityId: ids.of('opportunity', iv.applicationId),
  };
}

/** Lever's 4-point skill scores: there is no middle, so a mixed rating (3) is left unscored. */
export const LEVER_SKILL_SCORE: Readonly<Record<number, number | null>> = { 1: 1, 2: 2, 3: null, 4: 3, 5: 4 };

/**
 * The requisition field schema (/requisition_fields): the world's job fields whose type a
 * requisition field has (text, number, date, dropdown); yes/no, multi select, currency and user
 * fields have no requisition counterpart and are not shown.
 */
export const REQUISITION_FIELD_TYPE: Readonly<Partial<Record<CustomFieldDef['type'], string>>> = {
  short_text: 'text', long_text: 'text', url: 'text', number: 'number', date: 'date', single_select: 'dropdown',
};

export function renderRequisitionField(def: CustomFieldDef): Record<string, unknown> {
  const type = REQUISITION_FIELD_TYPE[def.type]!;
  return {
    id: def.key, text: def.name, type, isRequired: false,
    ...(type === 'dropdown' ? { options: def.options!.map((text, i) => ({ id: `${def.key}-${i}`, text })) } : {}),
  };
}

const epochOfDate = (d: string) => Date.parse(`${d}T00:00:00Z`);

function requisitionCustomFields(world: World, job: Job): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { def, value } of customFieldValues(world, 'jobs', job.id, job.createdAt)) {
    if (value === null || REQUISITION_FIELD_TYPE[def.type] === undefined) continue;
    out[def.key] = value.type === 'date' ? epochOfDate(value.value) : value.type === 'options' ? value.value[0] : (value as { value: unknown }).value;
  }
  return out;
}

/** A profile-form field's type and value for a world application field (Lever forms have no number type: numbers are text). */
function formField(def: CustomFieldDef, value: CustomFieldValue | null): Record<string, unknown> {
  const base = { text: def.name, description: '', required: false };
  const v = value as (CustomFieldValue & { value?: unknown }) | null;
  switch (def.type) {
    case 'yes_no': return { ...base, type: 'yes-no', value: v === null ? null : v.value ? 'yes' : 'no' };
    case 'date': return { ...base, type: 'date', value: v === null ? null : epochOfDate(v.value as string) };
    case 'single_select': return { ...base, type: 'dropdown', options: def.options!.map((text) => ({ text })), value: v === null ? null : (v.value as string[])[0] };
    case 'multi_select': return { ...base, type: 'multiple-select', options: def.options!.map((text) => ({ text })), value: v === null ? null : v.value };
    case 'currency': return { ...base, type: 'currency', value: v === null ? null : (v as { amount: number }).amount, currency: v === null ? null : (v as { unit: string }).unit };
    case 'long_text': return { ...base, type: 'textarea', value: v === null ? null : v.value };
    case 'number': return { ...base, type: 'text', value: v === null ? null : String(v.value) };
    default: return { ...base, type: 'text', value: v === null ? null : v.value };
  }
}

/** The opportunity's profile form (/opportunities/:id/forms), carrying the application's custom fields. */
export function renderForm(ctx: RenderContext, app: Application): Record<string, unknown> {
  const { world, ids } = ctx;
  return {
    id: ids.of('form', app.id),
    type: 'form',
    text: 'Candidate details',
    instructions: '',
    baseTemplateId: ids.of('form_template', 1),
    fields: customFieldValues(world, 'applications', app.id, app.createdAt).map(({ def, value }) => ({ id: ids.of('form_field', def.id), ...formField(def, value) })),
    user: userId(ctx, app.recruiterId),
    stage: null,
    createdAt: app.createdAt,
    completedAt: app.createdAt,
    deletedAt: null,
  };
}

/** Whether an opportunity has a profile form: one with any field filled in. */
export function hasForm(world: World, app: Application): boolean {
  return customFieldValues(world, 'applications', app.id, app.createdAt).some((f) => f.value !== null);
}

export function renderFeedback(ctx: RenderContext, sc: Scorecard): Record<string, unknown> {
  const { world, ids } = ctx;
  const iv = world.interviews[sc.interviewId - 1]!;
  return {
    id: ids.of('feedback', sc.id),
    type: 'interview',
    text: 'Interview feedback',
    instructions: '',
    fields: [
      {
        id: ids.of('field', 1),
        type: 'score-system',
        text: 'Overall rating',
        description: '',
        required: true,
        prompt: 'Select one',
        options: [{ text: '4 - Strong Hire' }, { text: '3 - Hire' }, { text: '2 - No Hire' }, { text: '1 - Strong No Hire' }],
        value: RATINGS[sc.recommendation],
      },
      {
        id: ids.of('field', 2),
        type: 'scorecard',
        text: 'Skills',
        description: '',
        required: false,
        scores: sc.ratings.map((r) => ({ text: ATTRIBUTES[r.attribute]!.name, description: '' })),
        value: sc.ratings.map((r) => ({ score: r.rating === null ? null : LEVER_SKILL_SCORE[r.rating]!, comment: '' })),
      },
    ],
    baseTemplateId: ids.of('feedback_template', 1),
    interview: ids.of('interview', iv.id),
    panel: ids.of('panel', iv.visitId),
    user: userId(ctx, sc.interviewerId),
    createdAt: sc.createdAt,
    completedAt: sc.submittedAt,
    updatedAt: sc.updatedAt,
    deletedAt: null,
  };
}
