// The world's records in Workable SPI v3 shapes (field names and value types as in Workable's
// reference and recorded responses): hex string ids, integer stage ids, top-level timestamps in
// whole seconds ("2026-04-11T03:36:38Z"), activity and offer timestamps in milliseconds
// ("2026-07-23T19:21:46.175Z"), nulls where Workable sends null. Pure functions of the world;
// `WorkableView` decides which records a request sees.
//
// How the world maps onto Workable (extractors/workable/README.md has the inverse rule):
// - world application → one Workable candidate (Workable candidates belong to one job; a person
//   with two applications is two candidates sharing an email). A prospect sourced into a pool is
//   a talent-pool candidate (`job: null`); a prospect sourced for a job sits in its Sourced stage.
// - every job's pipeline is Sourced, the job's own stages, Hired. A stage keeps its id and slug
//   through renames; activities show the name it had at the time.
// - world visits → activities: the first stay begins with the `applied` (or `uploaded`) activity
//   in that stage; every later one is a move (`target_stage` set, `action` = the target's slug),
//   backward moves included. A hire is the move into Hired; a rejection is `disqualified` with the
//   reason as body (none for the world's unspecified reasons), `withdrew` when the candidate
//   withdrew. A few candidates were disqualified by mistake and requalified (`reverted`) while
//   they stayed in the stage. Submitted scorecards are `comment` activities.
// - the world's latest offer of an application is the candidate's /offer (Workable shows only
//   the latest): accepted = `accepted`, declined = `rejected`, sent = `sent`, unsent = `draft`.
// - deleted jobs and users are gone from /jobs and /members; candidates and activities keep
//   naming them. An erased person's candidates are deleted (view.ts).
import type { Application, Department, Job, Offer, RejectionReason, Scorecard, Stage, User, World } from '../world/index.ts';
import { HIRED, SOURCED, SOURCE_CATEGORY, domainOf, kindOf, listedReason, roleOf, slugOf, type StageKind } from './catalog.ts';
import { ACTIVITY_SLOT, type WorkableIds } from './ids.ts';

export interface RenderContext {
  readonly world: World;
  readonly ids: WorkableIds;
  readonly subdomain: string;
  /** when a stage renamed in place got its current name (null: it has had it all along) */
  renamedAt(stage: Stage): number | null;
}

type Json = Record<string, unknown>;

const HOUR = 3_600_000;

/** Top-level objects carry whole seconds. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Activities and offers carry milliseconds. */
export const isoMillis = (ms: number) => new Date(ms).toISOString();

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

export function jobOf(world: World, app: Application): Job | null {
  return app.jobId === null ? null : world.jobs[app.jobId - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Stages

export interface StageRef {
  id: number;
  identifier: string;
  name: string;
  slug: string;
}

/** A stage's name at time t: its template name before it was renamed. */
export function nameAt(ctx: RenderContext, stage: Stage, t: number): string {
  const renamed = ctx.renamedAt(stage);
  return renamed !== null && t < renamed ? stage.template : stage.name;
}

export function stageRef(ctx: RenderContext, stage: Stage, t: number): StageRef {
  const id = ctx.ids.stage(stage.id);
  return { id, identifier: id.toString(16), name: nameAt(ctx, stage, t), slug: slugOf(stage.template) };
}

function fixedRef(id: number, s: { name: string; slug: string }): StageRef {
  return { id, identifier: id.toString(16), name: s.name, slug: s.slug };
}

export const sourcedRef = (ctx: RenderContext, jobId: number | null) => fixedRef(ctx.ids.sourcedStage(jobId), SOURCED);
export const hiredRef = (ctx: RenderContext, jobId: number) => fixedRef(ctx.ids.hiredStage(jobId), HIRED);

/** /jobs/:shortcode/stages: Sourced, the job's own stages, Hired, each with its position. */
export function renderJobStages(ctx: RenderContext, job: Job): Json[] {
  const { world, ids } = ctx;
  const own = job.stageIds.map((sid) => world.stages[sid - 1]!);
  const rows: { ref: StageRef; kind: StageKind }[] = [
    { ref: sourcedRef(ctx, job.id), kind: SOURCED.kind },
    ...own.map((st) => ({ ref: stageRef(ctx, st, world.now), kind: kindOf(st) })),
    { ref: fixedRef(ids.hiredStage(job.id), HIRED), kind: HIRED.kind },
  ];
  return rows.map(({ ref, kind }, position) => ({ id: ref.id, identifier: ref.identifier, slug: ref.slug, name: ref.name, kind, position }));
}

// ---------------------------------------------------------------------------------------------
// Activities

/** A candidate disqualified by mistake and requalified hours later, staying in the stage. */
export interface Requalification {
  visitIndex: number;
  disqualifiedAt: number;
  requalifiedAt: number;
}

/** Deterministic per (seed, application): about 6% of applications have one. */
function mix(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return (h >>> 0) % 1000;
}

/**
 * The first stay of at least six hours (so far) gets the mistaken disqualification, two hours in,
 * and the requalification, five hours in. It shows only once both have happened, so what a read
 * sees never changes later: a stay that is still open has already lasted past the requalification.
 */
export function requalificationOf(ctx: RenderContext, app: Application): Requalification | null {
  if (app.isProspect || mix(ctx.world.seed, app.id) >= 60) return null;
  const { world } = ctx;
  for (const [i, vid] of app.visitIds.entries()) {
    const v = world.visits[vid - 1]!;
    const end = v.exitedAt ?? world.now;
    if (end - v.enteredAt < 6 * HOUR) continue;
    const jitter = app.id % 997;
    return { visitIndex: i, disqualifiedAt: v.enteredAt + 2 * HOUR + jitter, requalifiedAt: v.enteredAt + 5 * HOUR + jitter };
  }
  return null;
}

export interface ActivityRow {
  id: string;
  /** created_at, epoch ms */
  at: number;
  updatedAt: number;
  body: Json;
}

function memberRef(ctx: RenderContext, userId: number): Json {
  return { id: ctx.ids.member(userId), name: fullName(ctx.world.users[userId - 1]!), type: 'Member' };
}

function scorecardsOf(world: World, app: Application): Scorecard[] {
  const cards = app.interviewIds.flatMap((id) => world.interviews[id - 1]!.scorecardIds.map((sid) => world.scorecards[sid - 1]!));
  return cards.filter((sc) => sc.submittedAt <= world.now).sort((a, b) => a.submittedAt - b.submittedAt || a.id - b.id);
}

/** A disqualification's text: the reason, unless it is one Workable has no such reason for. */
export function reasonText(world: World, app: Application): string | null {
  if (app.rejectionReasonId === null) return null;
  const r = world.rejectionReasons[app.rejectionReasonId - 1]!;
  return listedReason(r) ? r.name : null;
}

/** Every activity of the application's candidate that has happened by now, oldest first. */
export function activitiesOf(ctx: RenderContext, app: Application): ActivityRow[] {
  const { world, ids } = ctx;
  const job = jobOf(world, app);
  const visits = app.visitIds.map((vid) => world.visits[vid - 1]!);
  const stageOfVisit = (i: number, t: number) => stageRef(ctx, world.stages[visits[i]!.stageId - 1]!, t);
  const out: ActivityRow[] = [];
  const add = (slot: number, at: number, fields: Json, updatedAt = at) => {
    const id = ids.activity(app.id, slot);
    out.push({ id, at, updatedAt, body: { id, ...fields, created_at: isoMillis(at), updated_at: isoMillis(updatedAt) } });
  };
  const stageFields = (action: string, from: StageRef | null, to: StageRef | null, stageName: string | null) => ({
    action, stage_name: stageName, action_stage: from, target_stage: to,
  });

  // The candidate's arrival: applied through a job board or careers page, or uploaded by a recruiter.
  const sourced = app.isProspect || world.sources[app.sourceId - 1]!.type === 'sourced';
  const first = app.isProspect ? sourcedRef(ctx, app.jobId) : stageOfVisit(0, app.appliedAt);
  add(ACTIVITY_SLOT.created, app.appliedAt, {
    ...stageFields(sourced ? 'uploaded' : 'applied', first, null, first.name),
    ...(sourced ? { member: memberRef(ctx, app.recruiterId) } : {}),
    body: null,
  });

  for (let i = 1; i < visits.length; i++) {
    const at = visits[i]!.enteredAt;
    const from = stageOfVisit(i - 1, at);
    const to = stageOfVisit(i, at);
    add(ACTIVITY_SLOT.move(i), at, { ...stageFields(to.slug, from, to, from.name), member: memberRef(ctx, app.recruiterId), body: null });
  }

  const requalified = requalificationOf(ctx, app);
  if (requalified) {
    const { visitIndex, disqualifiedAt, requalifiedAt } = requalified;
    const stage = stageOfVisit(visitIndex, disqualifiedAt);
    // Workable updates the disqualification when it is reverted.
    add(ACTIVITY_SLOT.mistakenDisqualification, disqualifiedAt, {
      ...stageFields('disqualified', stage, null, null), member: memberRef(ctx, app.recruiterId), body: world.rejectionReasons[0]!.name,
    }, requalifiedAt);
    add(ACTIVITY_SLOT.requalified, requalifiedAt, { ...stageFields('reverted', stage, null, null), member: memberRef(ctx, app.recruiterId), body: null });
  }

  scorecardsOf(world, app).slice(0, 60).forEach((sc, n) => {
    const iv = world.interviews[sc.interviewId - 1]!;
    add(ACTIVITY_SLOT.comment(n), sc.submittedAt, {
      ...stageFields('comment', stageRef(ctx, world.stages[iv.stageId - 1]!, sc.submittedAt), null, null),
      member: memberRef(ctx, sc.interviewerId), body: `${iv.name}: ${sc.recommendation.replace('_', ' ')}`,
      visibility_roles: ['admin', 'recruiting_admin', 'hiring_manager'],
    });
  });

  const last = visits.length - 1;
  if (app.status === 'hired' && job !== null) {
    const from = stageOfVisit(last, app.hiredAt!);
    add(ACTIVITY_SLOT.hired, app.hiredAt!, { ...stageFields(HIRED.slug, from, hiredRef(ctx, job.id), from.name), member: memberRef(ctx, app.recruiterId), body: null });
  } else if (app.status === 'rejected') {
    const from = last >= 0 ? stageOfVisit(last, app.rejectedAt!) : sourcedRef(ctx, app.jobId);
    add(ACTIVITY_SLOT.disqualified, app.rejectedAt!, { ...stageFields('disqualified', from, null, null), member: memberRef(ctx, app.recruiterId), body: reasonText(world, app) });
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Candidates

/** The last moment anything a candidate shows (itself, its activities, its offer) changed. */
export function candidateChangedAt(ctx: RenderContext, app: Application): number {
  const { world } = ctx;
  let t = Math.max(app.updatedAt, world.candidates[app.candidateId - 1]!.updatedAt);
  for (const id of app.offerIds) t = Math.max(t, world.offers[id - 1]!.updatedAt);
  for (const sc of scorecardsOf(world, app)) t = Math.max(t, sc.submittedAt, sc.updatedAt);
  const requalified = requalificationOf(ctx, app);
  if (requalified) t = Math.max(t, requalified.requalifiedAt);
  return t;
}

export interface CurrentStage {
  name: string;
  kind: StageKind;
}

export function currentStageOf(ctx: RenderContext, app: Application): CurrentStage {
  const { world } = ctx;
  if (app.isProspect || app.currentStageId === null) return { name: SOURCED.name, kind: SOURCED.kind };
  if (app.status === 'hired') return { name: HIRED.name, kind: HIRED.kind };
  const st = world.stages[app.currentStageId - 1]!;
  return { name: nameAt(ctx, st, world.now), kind: kindOf(st) };
}

function movedToOfferAt(world: World, app: Application): number | null {
  for (const vid of app.visitIds) {
    const v = world.visits[vid - 1]!;
    if (world.stages[v.stageId - 1]!.canonical === 'offer') return v.enteredAt;
  }
  return null;
}

/** The reduced candidate of GET /candidates. */
export function renderCandidate(ctx: RenderContext, app: Application): Json {
  const { world, ids, subdomain } = ctx;
  const c = world.candidates[app.candidateId - 1]!;
  const job = jobOf(world, app);
  const source = world.sources[app.sourceId - 1]!;
  const stage = currentStageOf(ctx, app);
  const reason: RejectionReason | null = app.rejectionReasonId === null ? null : world.rejectionReasons[app.rejectionReasonId - 1]!;
  const offerAt = movedToOfferAt(world, app);
  const id = ids.candidate(app.id);
  return {
    id,
    name: fullName(c),
    firstname: c.firstName,
    lastname: c.lastName,
    headline: c.title === null ? null : c.company === null ? c.title : `${c.title} at ${c.company}`,
    account: { subdomain, name: world.companyName },
    job: job === null ? null : { shortcode: ids.shortcode(job.id), title: job.name },
    stage: stage.name,
    stage_kind: stage.kind,
    disqualified: app.status === 'rejected',
    // Erasure deletes the candidate instead (view.ts); nothing here is ever anonymized.
    anonymized: false,
    withdrew: app.status === 'rejected' && reason?.type === 'withdrawn_by_candidate',
    disqualification_reason: app.status === 'rejected' ? reasonText(world, app) : null,
    hired_at: app.status === 'hired' ? isoSeconds(app.hiredAt!) : null,
    moved_to_offer_at: offerAt === null ? null : isoSeconds(offerAt),
    sourced: app.isProspect || source.type === 'sourced',
    profile_url: `https://${subdomain}.workable.com/backend/${job === null ? 'talent_pool' : `jobs/${ids.job(job.id)}`}/candidates/${id}`,
    address: null,
    phone: c.phone,
    email: c.email,
    domain: domainOf(source.name, source.type),
    outlet: null,
    common_source: source.name,
    common_source_category: SOURCE_CATEGORY[source.type],
    created_at: isoSeconds(app.createdAt),
    updated_at: isoSeconds(candidateChangedAt(ctx, app)),
  };
}

/** GET /candidates/:id: the reduced candidate plus the detail fields hirelake does not read. */
export function renderCandidateDetail(ctx: RenderContext, app: Application): Json {
  const base = renderCandidate(ctx, app);
  return {
    ...base,
    image_url: null,
    disqualified_at: app.status === 'rejected' ? isoSeconds(app.rejectedAt!) : null,
    outbound_mailbox: null,
    uploader_id: base['sourced'] ? ctx.ids.member(app.recruiterId) : null,
    cover_letter: null,
    summary: null,
    education_entries: [],
    experience_entries: [],
    skills: [],
    answers: [],
    resume_url: null,
    tags: [],
    location: null,
    originating_candidate_id: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Offers

export function latestOffer(world: World, app: Application): Offer | null {
  const id = app.offerIds.at(-1);
  return id === undefined ? null : world.offers[id - 1]!;
}

const OFFER_STATE: Readonly<Record<Offer['status'], string>> = { accepted: 'accepted', declined: 'rejected', pending: 'sent', deprecated: 'sent' };

/** GET /candidates/:id/offer: the candidate's latest offer. */
export function renderOffer(ctx: RenderContext, app: Application, o: Offer): Json {
  const { world, ids, subdomain } = ctx;
  const c = world.candidates[app.candidateId - 1]!;
  const job = world.jobs[o.jobId - 1]!;
  const amount = 90_000 + 5_000 * ((o.id * 7) % 17);
  return {
    candidate: { id: ids.candidate(app.id), name: fullName(c), location: world.offices[job.officeId - 1]!.location },
    created_at: isoMillis(o.createdAt),
    document_variables: [
      { document_variable: { name: 'Job Title', slug: 'job_title' }, value: { body: job.name } },
      { document_variable: { name: 'Start Date', slug: 'start_date' }, value: { body: o.startsOn } },
      {
        document_variable: { name: 'Salary', slug: 'salary' },
        value: { data: { amount, frequency: 'year', cached_value: `$${amount.toLocaleString('en-US')}.00 per year`, currency_iso: 'USD' } },
      },
    ],
    documents: o.sentOn === null ? [] : [{ name: `offer-${c.lastName.toLowerCase()}.pdf`, preview_url: `https://${subdomain}.workable.com/offers/${ids.candidate(app.id)}/offer.pdf`, kind: 'Offer' }],
    state: o.status === 'pending' && o.sentOn === null ? 'draft' : OFFER_STATE[o.status],
  };
}

// ---------------------------------------------------------------------------------------------
// Jobs, members, departments, disqualification reasons

/** draft → draft; open → published (or `closed`: Workable's state for internal, confidential jobs); closed → archived. */
export function jobState(job: Job): string {
  if (job.status === 'draft') return 'draft';
  if (job.status === 'open') return job.confidential ? 'closed' : 'published';
  return 'archived';
}

function departmentPath(world: World, job: Job): Department[] {
  const d = world.departments[job.departmentId - 1]!;
  return d.parentId === null ? [d] : [world.departments[d.parentId - 1]!, d];
}

export function renderJob(ctx: RenderContext, job: Job): Json {
  const { world, ids, subdomain } = ctx;
  const office = world.offices[job.officeId - 1]!;
  const parts = office.location.split(', ');
  const remote = office.name.startsWith('Remote');
  const path = departmentPath(world, job);
  const numeric = ids.job(job.id);
  return {
    id: numeric,
    title: job.name,
    full_title: `${job.name} - ${job.requisitionId}`,
    shortcode: ids.shortcode(job.id),
    code: job.requisitionId,
    state: jobState(job),
    sample: false,
    confidential: job.confidential,
    department: path.at(-1)!.name,
    department_hierarchy: path.map((d) => ({ id: Number(ids.department(d.id)), name: d.name })),
    url: `https://${subdomain}.workable.com/jobs/${numeric}`,
    application_url: `https://${subdomain}.workable.com/jobs/${numeric}/candidates/new`,
    shortlink: `https://${subdomain}.workable.com/j/${ids.shortcode(job.id)}`,
    workplace_type: remote ? 'remote' : 'on_site',
    location: {
      location_str: office.location,
      country: parts.at(-1) ?? null,
      country_code: null,
      region: parts.length > 2 ? parts[1] : null,
      region_code: null,
      city: remote ? null : office.name,
      zip_code: null,
      telecommuting: remote,
      workplace_type: remote ? 'remote' : 'on_site',
    },
    salary: { salary_from: null, salary_to: null, salary_currency: null },
    created_at: isoSeconds(job.createdAt),
    updated_at: isoSeconds(job.updatedAt),
    keywords: [],
  };
}

const HEADLINE: Readonly<Record<User['role'], string>> = {
  admin: 'Head of Talent', recruiter: 'Recruiter', coordinator: 'Recruiting Coordinator', hiring_manager: 'Hiring Manager', interviewer: 'Interviewer',
};

export function renderMember(ctx: RenderContext, u: User): Json {
  const role = roleOf(u);
  return { id: ctx.ids.member(u.id), name: fullName(u), headline: HEADLINE[u.role], email: u.email, role, roles: [role], active: !u.disabled, collaboration_rules: [] };
}

export function renderDepartment(ctx: RenderContext, d: Department): Json {
  return { id: ctx.ids.department(d.id), name: d.name, parent_id: d.parentId === null ? null : ctx.ids.department(d.parentId) };
}

export function renderReasons(ctx: RenderContext): Json[] {
  return ctx.world.rejectionReasons.filter(listedReason).map((r, i) => ({
    id: ctx.ids.reason(r.id), description: r.name, candidate_withdrew: r.type === 'withdrawn_by_candidate', position: i,
  }));
}
