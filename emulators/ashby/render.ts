// The world's records in Ashby's wire shapes: field names, types and enums as in Ashby's public API
// reference (developers.ashbyhq.com, its OpenAPI document) and in recorded responses: ISO 8601
// timestamps with milliseconds, UUID strings, keys omitted rather than null where real responses
// omit them (archivedAt and archiveReason on applications that are not archived, leftStageAt on
// the current history entry, a missing phone number). Pure functions of the world; AshbyView
// decides which records a request sees.
//
// How the world maps onto Ashby (extractors/ashby/README.md has the inverse rule):
// - world job → one job with its own interview plan (Ashby plans are per job here): a Lead stage,
//   the job's stages (applied → PreInterviewScreen, screen and interview → Active, offer → Offer),
//   then the Hired and Archived stages every Ashby plan ends with. A deleted world job is an
//   archived Ashby job (Ashby archives jobs; it lists them with status Archived).
// - world application to a job → one application. A prospect sourced for a job is an application
//   with status Lead in the Lead stage. A prospect in a pool (no job) is a candidate only: an Ashby
//   application always has a job (application.create requires jobId).
// - world visits → application history entries; a hire adds an entry in the Hired stage at the
//   hire, a rejection an entry in the Archived stage at the rejection (the application is then
//   "in" that stage, as Ashby shows it), with the archive reason (type RejectedByOrg,
//   RejectedByCandidate or Other).
// - world offers of one application → one Ashby offer whose latestVersion is the newest world
//   version (a revision is a new version of the same offer; offer.list shows only the latest).
// - world interview → one interview schedule with one interview event; its scorecards →
//   application feedback submissions with an overall_recommendation value.
// - world opening → opening (identifier = the opening key; Filled when a hire filled it).
// - world users deleted from the ATS are not listed; disabled users are listed only with
//   includeDeactivated. Merged-away candidates are not listed.
// - a world candidate erased on request → anonymized as candidate.anonymize does (it requires every
//   application archived or hired, the world's own rule for erasure): the same id, still listed,
//   with no contact data, files, position or company; Ashby sets no flag. The placeholder name is
//   unverified (the reference only says the call returns "the anonymized candidate").
import { isBackfill, type Application, type Candidate, type Department, type Interview, type Job, type Office, type Offer, type Opening, type RejectionType, type Scorecard, type Source, type SourceType, type Stage, type User, type World } from '../world/index.ts';
import { isErased, teamOf } from '../world/index.ts';
import type { AshbyIds } from './ids.ts';

export type Json = Record<string, unknown>;

export interface RenderContext {
  readonly world: World;
  readonly ids: AshbyIds;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Ashby interview stage types, in plan order. */
export type StageType = 'Lead' | 'PreInterviewScreen' | 'Active' | 'Offer' | 'Hired' | 'Archived';

export interface PlanStage {
  readonly id: string;
  readonly type: StageType;
  readonly order: number;
  /** null for the system stages (Lead, Hired, Archived) */
  readonly worldStage: Stage | null;
}

const GROUPS: readonly StageType[] = ['Lead', 'PreInterviewScreen', 'Active', 'Offer', 'Hired', 'Archived'];

function typeOf(stage: Stage): StageType {
  if (stage.canonical === 'applied') return 'PreInterviewScreen';
  if (stage.canonical === 'offer') return 'Offer';
  return 'Active';
}

/** A job's interview plan, in order: Lead, the job's own stages, Hired, Archived. */
export function planStages(ctx: RenderContext, job: Job): PlanStage[] {
  const { ids, world } = ctx;
  const own = job.stageIds.map((sid, i) => {
    const st = world.stages[sid - 1]!;
    return { id: ids.of('stage', sid), type: typeOf(st), order: i + 1, worldStage: st };
  });
  return [
    { id: ids.of('lead_stage', job.id), type: 'Lead', order: 0, worldStage: null },
    ...own,
    { id: ids.of('hired_stage', job.id), type: 'Hired', order: own.length + 1, worldStage: null },
    { id: ids.of('archived_stage', job.id), type: 'Archived', order: own.length + 2, worldStage: null },
  ];
}

const stageTitle = (s: PlanStage) => s.worldStage?.name ?? s.type;

export function renderStage(ctx: RenderContext, job: Job, s: PlanStage): Json {
  return {
    id: s.id,
    title: stageTitle(s),
    type: s.type,
    orderInInterviewPlan: s.order,
    interviewStageGroupId: ctx.ids.of('stage_group', GROUPS.indexOf(s.type)),
    interviewPlanId: ctx.ids.of('plan', job.id),
  };
}

/** The stage an application sits in now, as Ashby shows it. */
export function currentStage(ctx: RenderContext, app: Application): PlanStage {
  const job = ctx.world.jobs[app.jobId! - 1]!;
  const stages = planStages(ctx, job);
  if (app.isProspect) return stages[0]!;
  if (app.status === 'hired') return stages[stages.length - 2]!;
  if (app.status === 'rejected') return stages[stages.length - 1]!;
  const id = ctx.ids.of('stage', app.currentStageId!);
  return stages.find((s) => s.id === id)!;
}

export function renderPlan(ctx: RenderContext, job: Job, changedAt: number): Json {
  return {
    id: ctx.ids.of('plan', job.id),
    title: `${job.name} Interview Plan`,
    isArchived: job.deletedAt !== null,
    createdAt: iso(job.createdAt),
    updatedAt: iso(changedAt),
  };
}

const GLOBAL_ROLE: Readonly<Record<User['role'], string>> = {
  admin: 'Organization Admin', recruiter: 'Elevated Access', coordinator: 'Elevated Access', hiring_manager: 'Limited Access', interviewer: 'Limited Access',
};

export function renderUser(ctx: RenderContext, u: User): Json {
  return {
    id: ctx.ids.of('user', u.id),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    globalRole: u.siteAdmin ? 'Organization Admin' : GLOBAL_ROLE[u.role],
    isEnabled: !u.disabled,
    updatedAt: iso(u.updatedAt),
  };
}

const userById = (ctx: RenderContext, id: number) => renderUser(ctx, ctx.world.users[id - 1]!);

/** Who created the job (and its openings): its first recruiter, whoever the team names now. */
const firstRecruiter = (ctx: RenderContext, job: Job) => teamOf(ctx.world, job, 'recruiter')[0]?.userId ?? job.recruiterId;

function hiringTeamMember(ctx: RenderContext, id: number, role: string): Json {
  const u = ctx.world.users[id - 1]!;
  return { userId: ctx.ids.of('user', id), firstName: u.firstName, lastName: u.lastName, email: u.email, role };
}

const SOURCE_TYPE: Readonly<Record<SourceType, string>> = {
  job_board: 'Job Board', social_media: 'Social Media', referral: 'Referral', company_website: 'Inbound', agency: 'Agency', sourced: 'Sourced', event: 'Event',
};
const SOURCE_TYPES = Object.keys(SOURCE_TYPE) as SourceType[];

export function renderSource(ctx: RenderContext, s: Source): Json {
  return {
    id: ctx.ids.of('source', s.id),
    title: s.name,
    isArchived: false,
    sourceType: { id: ctx.ids.of('source_type', SOURCE_TYPES.indexOf(s.type)), title: SOURCE_TYPE[s.type], isArchived: false },
  };
}

const REASON_TYPE: Readonly<Record<RejectionType, string>> = {
  rejected_by_company: 'RejectedByOrg', withdrawn_by_candidate: 'RejectedByCandidate', unspecified: 'Other',
};

export function renderArchiveReason(ctx: RenderContext, id: number): Json {
  const r = ctx.world.rejectionReasons[id - 1]!;
  return { id: ctx.ids.of('archive_reason', r.id), text: r.name, reasonType: REASON_TYPE[r.type], isArchived: false };
}

export function renderDepartment(ctx: RenderContext, d: Department): Json {
  return {
    id: ctx.ids.of('department', d.id),
    name: d.name,
    externalName: d.name,
    isArchived: false,
    ...(d.parentId === null ? {} : { parentId: ctx.ids.of('department', d.parentId) }),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function renderLocation(ctx: RenderContext, o: Office): Json {
  const parts = o.location.split(',').map((p) => p.trim());
  const remote = o.name.startsWith('Remote');
  const postalAddress: Json = { addressCountry: parts[parts.length - 1] };
  if (parts.length === 3) postalAddress['addressRegion'] = parts[1];
  if (parts.length >= 2) postalAddress['addressLocality'] = parts[0];
  return {
    id: ctx.ids.of('location', o.id),
    name: o.name,
    externalName: o.name,
    isArchived: false,
    address: { postalAddress },
    isRemote: remote,
    workplaceType: remote ? 'Remote' : 'OnSite',
    type: 'Location',
  };
}

const JOB_STATUS: Readonly<Record<Job['status'], string>> = { draft: 'Draft', open: 'Open', closed: 'Closed' };

export function jobStatus(job: Job): string {
  return job.deletedAt !== null ? 'Archived' : JOB_STATUS[job.status];
}

export function renderJob(ctx: RenderContext, job: Job): Json {
  const { ids } = ctx;
  const posted = job.status !== 'draft';
  return {
    id: ids.of('job', job.id),
    title: job.name,
    confidential: job.confidential,
    status: jobStatus(job),
    employmentType: 'FullTime',
    locationId: ids.of('location', job.officeId),
    departmentId: ids.of('department', job.departmentId),
    defaultInterviewPlanId: ids.of('plan', job.id),
    interviewPlanIds: [ids.of('plan', job.id)],
    customFields: [],
    jobPostingIds: posted ? [ids.of('posting', job.id)] : [],
    customRequisitionId: job.requisitionId,
    brandId: ids.of('brand', 1),
    hiringTeam: [
      hiringTeamMember(ctx, job.recruiterId, 'Recruiter'),
      hiringTeamMember(ctx, job.hiringManagerId, 'Hiring Manager'),
      hiringTeamMember(ctx, job.coordinatorId, 'Recruiting Coordinator'),
    ],
    author: userById(ctx, firstRecruiter(ctx, job)),
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    openedAt: job.openedAt === null ? null : iso(job.openedAt),
    closedAt: job.closedAt === null ? null : iso(job.closedAt),
  };
}

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
const contact = (value: string) => ({ value, type: 'Personal', isPrimary: true });

export const ANONYMIZED_NAME = 'Anonymized Candidate';

/** A candidate's identity as Ashby shows it now: none once anonymized. */
function person(c: Candidate): { name: string; email: string | null; phone: string | null; title: string | null; company: string | null } {
  if (isErased(c)) return { name: ANONYMIZED_NAME, email: null, phone: null, title: null, company: null };
  return { name: fullName(c), email: c.email, phone: c.phone || null, title: c.title, company: c.company };
}

/** Where a job-board applicant came in: the job's posting (sourced, referred and agency candidates have none). */
function appliedViaPosting(ctx: RenderContext, app: Application): string | undefined {
  const type = ctx.world.sources[app.sourceId - 1]!.type;
  return !app.isProspect && (type === 'job_board' || type === 'company_website' || type === 'social_media') ? ctx.ids.of('posting', app.jobId!) : undefined;
}

export function applicationStatus(app: Application): string {
  if (app.isProspect) return 'Lead';
  return app.status === 'hired' ? 'Hired' : app.status === 'rejected' ? 'Archived' : 'Active';
}

export function renderApplication(ctx: RenderContext, app: Application): Json {
  const { world, ids } = ctx;
  const c = world.candidates[app.candidateId - 1]!;
  const job = world.jobs[app.jobId! - 1]!;
  const stage = currentStage(ctx, app);
  const archived = !app.isProspect && app.status === 'rejected';
  const posting = appliedViaPosting(ctx, app);
  return {
    id: ids.of('application', app.id),
    createdAt: iso(app.createdAt),
    updatedAt: iso(app.updatedAt),
    ...(archived ? { archivedAt: iso(app.rejectedAt!) } : {}),
    candidate: candidateSummary(ctx, c),
    status: applicationStatus(app),
    customFields: [],
    currentInterviewStage: renderStage(ctx, job, stage),
    source: renderSource(ctx, world.sources[app.sourceId - 1]!),
    ...(archived ? { archiveReason: { ...renderArchiveReason(ctx, app.rejectionReasonId!), customFields: [] } } : {}),
    // The user credited with bringing the candidate in: the referrer of a referral, the sourcer of a sourced candidate.
    creditedToUser: app.creditedToId === null ? null : userById(ctx, app.creditedToId),
    job: { id: ids.of('job', job.id), title: job.name, locationId: ids.of('location', job.officeId), departmentId: ids.of('department', job.departmentId), brandId: ids.of('brand', 1) },
    // An application nobody was assigned on has no team of its own (its job's applies).
    hiringTeam: app.unassigned ? [] : [hiringTeamMember(ctx, app.recruiterId, 'Recruiter'), hiringTeamMember(ctx, app.coordinatorId, 'Recruiting Coordinator')],
    ...(posting ? { appliedViaJobPostingId: posting } : {}),
    submitterClientIp: null,
    submitterUserAgent: null,
  };
}

/** The application's history, oldest first (stageNumber 0 is the first entry); the current entry has no leftStageAt. */
export function renderHistory(ctx: RenderContext, app: Application): Json[] {
  const { world, ids } = ctx;
  const job = world.jobs[app.jobId! - 1]!;
  const stages = planStages(ctx, job);
  const actor = ids.of('user', app.recruiterId);
  const byId = new Map(stages.map((s) => [s.id, s]));
  const entry = (id: string, stage: PlanStage, n: number, entered: number, left: number | null): Json => ({
    id,
    stageId: stage.id,
    title: stageTitle(stage),
    stageNumber: n,
    enteredStageAt: iso(entered),
    ...(left === null ? {} : { leftStageAt: iso(left) }),
    allowedActions: ['set_entered_at', 'delete'],
    actorId: actor,
  });
  if (app.isProspect) return [entry(ids.of('history_lead', app.id), stages[0]!, 0, app.createdAt, null)];
  const out = app.visitIds.map((vid, n) => {
    const v = world.visits[vid - 1]!;
    return entry(ids.of('history', vid), byId.get(ids.of('stage', v.stageId))!, n, v.enteredAt, v.exitedAt);
  });
  const outcome = app.status === 'hired' ? { stage: stages[stages.length - 2]!, at: app.hiredAt! } : app.status === 'rejected' ? { stage: stages[stages.length - 1]!, at: app.rejectedAt! } : null;
  if (outcome) out.push(entry(ids.of('history_outcome', app.id), outcome.stage, out.length, outcome.at, null));
  return out;
}

/** The candidate as an application embeds it. */
function candidateSummary(ctx: RenderContext, c: Candidate): Json {
  const p = person(c);
  return {
    id: ctx.ids.of('candidate', c.id),
    name: p.name,
    ...(p.email === null ? {} : { primaryEmailAddress: contact(p.email) }),
    ...(p.phone === null ? {} : { primaryPhoneNumber: contact(p.phone) }),
  };
}

export function renderCandidate(ctx: RenderContext, c: Candidate, shownApplicationIds: readonly number[]): Json {
  const { world, ids } = ctx;
  const first = shownApplicationIds[0] === undefined ? undefined : world.applications[shownApplicationIds[0] - 1];
  const p = person(c);
  return {
    id: ids.of('candidate', c.id),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    name: p.name,
    ...(p.email === null ? {} : { primaryEmailAddress: contact(p.email) }),
    emailAddresses: p.email === null ? [] : [contact(p.email)],
    ...(p.phone === null ? {} : { primaryPhoneNumber: contact(p.phone) }),
    phoneNumbers: p.phone === null ? [] : [contact(p.phone)],
    socialLinks: [],
    tags: [],
    ...(p.title === null ? {} : { position: p.title }),
    ...(p.company === null ? {} : { company: p.company }),
    applicationIds: shownApplicationIds.map((id) => ids.of('application', id)),
    fileHandles: [],
    customFields: [],
    profileUrl: `https://app.ashbyhq.com/candidate-searches/new/right-side/candidates/${ids.of('candidate', c.id)}`,
    source: first ? renderSource(ctx, world.sources[first.sourceId - 1]!) : null,
    creditedToUser: null,
    fraudStatus: null,
  };
}

/** Ashby's acceptance status of an offer whose newest version is `o`. */
export function acceptanceStatus(o: Offer): string {
  if (o.status === 'accepted') return 'Accepted';
  if (o.status === 'declined') return 'Declined';
  return o.sentOn === null ? 'Created' : 'WaitingOnResponse';
}

const OFFER_STATUS: Readonly<Record<string, string>> = {
  Accepted: 'CandidateAccepted', Declined: 'CandidateRejected', Created: 'WaitingOnApprovalStart', WaitingOnResponse: 'WaitingOnCandidateResponse',
};

/** One Ashby offer per application: `versions` are the world's offer versions, oldest first. */
export function renderOffer(ctx: RenderContext, versions: readonly Offer[]): Json {
  const { world, ids } = ctx;
  const latest = versions[versions.length - 1]!;
  const app = world.applications[latest.applicationId - 1]!;
  const status = acceptanceStatus(latest);
  return {
    id: ids.of('offer', versions[0]!.id),
    decidedAt: latest.resolvedAt === null ? null : iso(latest.resolvedAt),
    applicationId: ids.of('application', app.id),
    acceptanceStatus: status,
    offerStatus: OFFER_STATUS[status],
    latestVersion: {
      id: ids.of('offer_version', latest.id),
      startDate: latest.startsOn,
      salary: { currencyCode: 'USD', value: 90_000 + 5_000 * ((latest.id * 7) % 17) },
      createdAt: iso(latest.createdAt),
      ...(latest.openingId === null ? {} : { openingId: ids.of('opening', latest.openingId) }),
      customFields: [],
      fileHandles: [],
      author: userById(ctx, app.recruiterId),
      approvalStatus: 'Approved',
    },
  };
}

export function renderOpening(ctx: RenderContext, o: Opening): Json {
  const { world, ids } = ctx;
  const job = world.jobs[o.jobId - 1]!;
  const state = o.closedAt !== null ? (o.applicationId !== null ? 'Filled' : 'Closed') : o.openedAt !== null ? 'Open' : 'Draft';
  return {
    id: ids.of('opening', o.id),
    openedAt: o.openedAt === null ? null : iso(o.openedAt),
    closedAt: o.closedAt === null ? null : iso(o.closedAt),
    isArchived: false,
    closeReasonId: o.closeReasonId === null ? null : ids.of('close_reason', o.closeReasonId),
    openingState: state,
    latestVersion: {
      id: ids.of('opening_version', o.id),
      identifier: o.key,
      description: '',
      // Written by the job's first recruiter (a later change of recruiter does not rewrite the version).
      authorId: ids.of('user', firstRecruiter(ctx, job)),
      createdAt: iso(o.createdAt),
      teamId: ids.of('department', job.departmentId),
      jobIds: [ids.of('job', job.id)],
      ...(o.targetStartOn === null ? {} : { targetStartDate: o.targetStartOn }),
      isBackfill: isBackfill(world, job.id),
      employmentType: 'FullTime',
      locationIds: [ids.of('location', job.officeId)],
      hiringTeam: [],
      customFields: [],
    },
  };
}

/** An interview definition: one per world stage and interview slot (kitIndex). */
export interface InterviewDefinition {
  readonly stage: Stage;
  readonly kitIndex: number;
  readonly title: string;
  readonly createdAt: number;
}

export const definitionKey = (stageId: number, kitIndex: number) => `${stageId}.${kitIndex}`;

export function renderInterviewDefinition(ctx: RenderContext, d: InterviewDefinition): Json {
  return {
    id: ctx.ids.of('interview', definitionKey(d.stage.id, d.kitIndex)),
    title: d.title,
    externalTitle: d.title,
    isArchived: false,
    isDebrief: false,
    isFeedbackRequired: true,
    isFeedbackRequested: true,
    instructionsHtml: `<p>${d.title}</p>`,
    instructionsPlain: d.title,
    ...(d.stage.jobId === null ? {} : { jobId: ctx.ids.of('job', d.stage.jobId) }),
    feedbackFormDefinitionId: ctx.ids.of('form', 1),
  };
}

const SCHEDULE_STATUS: Readonly<Record<Interview['status'], string>> = {
  scheduled: 'Scheduled', awaiting_feedback: 'WaitingOnFeedback', complete: 'Complete', cancelled: 'Cancelled',
};

/** One interview schedule per world interview, holding one event. */
export function renderSchedule(ctx: RenderContext, iv: Interview, changedAt: number): Json {
  const { ids } = ctx;
  const scheduleId = ids.of('schedule', iv.id);
  const eventId = ids.of('event', iv.id);
  return {
    id: scheduleId,
    status: SCHEDULE_STATUS[iv.status],
    applicationId: ids.of('application', iv.applicationId),
    interviewStageId: ids.of('stage', iv.stageId),
    scheduledBy: userById(ctx, iv.organizerId),
    createdAt: iso(iv.createdAt),
    updatedAt: iso(changedAt),
    interviewEvents: [
      {
        id: eventId,
        interviewId: ids.of('interview', definitionKey(iv.stageId, iv.kitIndex)),
        interviewScheduleId: scheduleId,
        interviewerUserIds: iv.interviewerIds.map((u) => ids.of('user', u)),
        interviewers: iv.interviewerIds.map((u) => ({ ...userById(ctx, u), trainingRole: null, interviewerPool: null, isFeedbackRequired: true })),
        createdAt: iso(iv.createdAt),
        updatedAt: iso(changedAt),
        startTime: iso(iv.startAt),
        endTime: iso(iv.endAt),
        feedbackLink: `https://app.ashbyhq.com/interview-briefings/${eventId}/feedback`,
        location: null,
        meetingLink: `https://meet.example.com/${eventId.slice(0, 8)}`,
        hasSubmittedFeedback: iv.scorecardIds.length > 0,
      },
    ],
  };
}

const RECOMMENDATION: Readonly<Record<Scorecard['recommendation'], string | null>> = {
  strong_yes: 'strong_hire', yes: 'hire', no: 'no_hire', strong_no: 'strong_no_hire', no_decision: null,
};

const FEEDBACK_FORM = (ctx: RenderContext): Json => ({
  sections: [
    {
      title: 'Overall',
      fields: [
        {
          isRequired: false,
          field: {
            id: ctx.ids.of('form', 'overall_recommendation'),
            type: 'ValueSelect',
            path: 'overall_recommendation',
            title: 'Overall Recommendation',
            humanReadablePath: 'Overall Recommendation',
            isNullable: true,
            selectableValues: [
              { label: 'Strong Hire', value: 'strong_hire' },
              { label: 'Hire', value: 'hire' },
              { label: 'No Hire', value: 'no_hire' },
              { label: 'Strong No Hire', value: 'strong_no_hire' },
            ],
          },
        },
        { isRequired: false, field: { id: ctx.ids.of('form', 'detailed_feedback'), type: 'RichText', path: 'detailed_feedback', title: 'Detailed Feedback', humanReadablePath: 'Detailed Feedback', isNullable: true } },
      ],
    },
  ],
});

export function renderFeedback(ctx: RenderContext, sc: Scorecard): Json {
  const { world, ids } = ctx;
  const iv = world.interviews[sc.interviewId - 1]!;
  const value = RECOMMENDATION[sc.recommendation];
  return {
    id: ids.of('feedback', sc.id),
    formDefinition: FEEDBACK_FORM(ctx),
    submittedValues: { ...(value === null ? {} : { overall_recommendation: value }), detailed_feedback: 'Notes from the interview.' },
    submittedByUser: userById(ctx, sc.interviewerId),
    interviewId: ids.of('interview', definitionKey(iv.stageId, iv.kitIndex)),
    interviewEventId: ids.of('event', iv.id),
    feedbackFormDefinitionId: ids.of('form', 1),
    applicationHistoryId: ids.of('history', iv.visitId),
    applicationId: ids.of('application', sc.applicationId),
    submittedAt: iso(sc.submittedAt),
  };
}
