// Applications moving through a plan. Each time an application enters a stage the engine
// decides, right then, how long it stays and what happens next (advance, skip ahead, move back,
// reject, withdraw) and schedules that one step; everything is therefore decided by the seeded
// RNG in event order.
//
// Most applications are to a job and move through its plan. Some have no job, as in real
// accounts: prospects sourced into a pool, and (when the world's joblessApplications share is
// set) candidates a recruiter moves through the general plan without any posting; those can be
// hired without an offer or opening, or turned away.
import type { Application, Candidate, CanonicalStage, StageVisit, World } from './types.ts';
import { EV, STEP_HIRE, STEP_MOVE, STEP_REJECT, schedule } from './events.ts';
import { chance, exponential, logNormal, pick, pickWeighted, rand, randInt } from './rng.ts';
import { DAY, MINUTE } from './time.ts';
import { CANDIDATE_TITLES, COMPANIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, ODD_NAMES, longText, slug } from './names.ts';
import { REASON, SOURCES } from './org.ts';
import { GROUP_PASS, RATES, STAGE_DAYS, UNTIDY, WITHDRAW } from './rates.ts';
import { fillOpening, holdOpening, releaseOpenings, scheduleNextArrival } from './jobs.ts';
import { MOOD, scheduleInterviews, type Mood } from './interviews.ts';
import { assignable, sourcerFor } from './team.ts';
import { progressFactor } from './demographics.ts';

const AREA_CODES = ['212', '415', '646', '312', '206', '512', '617', '303', '020', '030'] as const;
const SOURCE_WEIGHTS = SOURCES.map((s) => s[2]);
const SOURCED = SOURCES.findIndex((s) => s[1] === 'sourced');

/** The stages an application moves through and the people around it: its job's, or the general plan's. */
export interface Plan {
  /** null for the general plan */
  id: number | null;
  stageIds: readonly number[];
  recruiterId: number;
  coordinatorId: number;
  hiringManagerId: number;
}

export function planOf(world: World, app: Application): Plan {
  if (app.jobId !== null) return world.jobs[app.jobId - 1]!;
  const managers = world.sim.hiringManagers;
  return {
    id: null,
    stageIds: world.generalStageIds,
    recruiterId: app.recruiterId,
    coordinatorId: app.coordinatorId,
    hiringManagerId: managers[app.id % managers.length] ?? app.recruiterId,
  };
}

export function fakePhone(world: World): string {
  const rng = world.sim.rng;
  return `+1 ${pick(rng, AREA_CODES)}-555-${String(randInt(rng, 0, 9999)).padStart(4, '0')}`;
}

function newCandidate(world: World, t: number): Candidate {
  const rng = world.sim.rng;
  const id = world.candidates.length + 1;
  const [firstName, lastName] = chance(rng, UNTIDY.oddName) ? pick(rng, ODD_NAMES) : [pick(rng, FIRST_NAMES), pick(rng, LAST_NAMES)];
  const c: Candidate = {
    id,
    firstName,
    lastName,
    email: `${slug(firstName) || 'candidate'}.${slug(lastName) || 'x'}${id}@${pick(rng, EMAIL_DOMAINS)}`,
    phone: fakePhone(world),
    company: chance(rng, 0.7) ? pick(rng, COMPANIES) : null,
    title: chance(rng, 0.7) ? pick(rng, CANDIDATE_TITLES) : null,
    applicationIds: [],
    mergedInto: null,
    mergedAt: null,
    createdAt: t,
    updatedAt: t,
  };
  if (chance(rng, UNTIDY.longText)) c.company = longText(id);
  world.candidates.push(c);
  return c;
}

/** an existing candidate applying again, to a job they have not applied to yet */
function returningCandidate(world: World, jobId: number | null): Candidate | undefined {
  const n = world.candidates.length;
  if (n < 10) return undefined;
  const c = world.candidates[Math.floor(rand(world.sim.rng) * n)]!;
  if (c.mergedInto !== null || (c.erasedAt ?? null) !== null) return undefined;
  for (const appId of c.applicationIds) if (world.applications[appId - 1]!.jobId === jobId) return undefined;
  return c;
}

interface NewApplication {
  jobId: number | null;
  isProspect: boolean;
  sourceIdx: number;
  recruiterId: number;
  coordinatorId: number;
}

function addApplication(world: World, spec: NewApplication, t: number): Application {
  const { sim } = world;
  const rng = sim.rng;
  const again = chance(rng, RATES.repeatCandidate) ? returningCandidate(world, spec.jobId) : undefined;
  const candidate = again ?? newCandidate(world, t);
  const sourceType = SOURCES[spec.sourceIdx]![1];
  const referral = sourceType === 'referral';
  const id = world.applications.length + 1;
  let referrerId = referral ? assignable(world, sim.activeUsers, pick(rng, sim.activeUsers)) : null;
  // What follows was added to worlds later: drawn from the auxiliary generator (see team.ts).
  const aux = sim.aux;
  let referrerName: string | null = null;
  if (referral && chance(aux, UNTIDY.externalReferrer)) {
    referrerId = null;
    referrerName = `${pick(aux, FIRST_NAMES)} ${pick(aux, LAST_NAMES)}`;
  }
  const job = spec.jobId === null ? null : world.jobs[spec.jobId - 1]!;
  const sourced = spec.isProspect || sourceType === 'sourced';
  const app: Application = {
    id,
    candidateId: candidate.id,
    jobId: spec.jobId,
    sourceId: spec.sourceIdx + 1,
    referrerId,
    referrerName,
    creditedToId: referral ? referrerId : sourced ? sourcerFor(world, job, spec.recruiterId) : null,
    recruiterId: spec.recruiterId,
    coordinatorId: spec.coordinatorId,
    unassigned: job !== null && chance(aux, UNTIDY.unassigned),
    isProspect: spec.isProspect,
    appliedAt: t,
    createdAt: t,
    updatedAt: t,
    lastActivityAt: t,
    status: 'active',
    currentStageId: null,
    visitIds: [],
    rejectedAt: null,
    rejectionReasonId: null,
    hiredAt: null,
    offerIds: [],
    interviewIds: [],
  };
  world.applications.push(app);
  sim.appToken.push(0);
  if (spec.jobId !== null) sim.jobApps[spec.jobId - 1]!.push(id);
  candidate.applicationIds.push(id);
  candidate.updatedAt = t;
  return app;
}

export function applicationArrives(world: World, jobId: number, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const job = world.jobs[jobId - 1]!;
  if (job.status !== 'open') return;
  scheduleNextArrival(world, jobId);

  const isProspect = chance(rng, RATES.prospect);
  // A recruiter adding someone by hand often never attaches a posting.
  const jobless = !isProspect && chance(rng, world.params.joblessApplications);
  // Prospects are mostly found by sourcers rather than applying.
  const sourceIdx = (isProspect || jobless) && chance(rng, 0.7) ? SOURCED : pickWeighted(rng, SOURCE_WEIGHTS);
  const app = addApplication(world, {
    jobId: jobless ? null : jobId, isProspect, sourceIdx, recruiterId: job.recruiterId, coordinatorId: job.coordinatorId,
  }, t);
  if (!isProspect) enterStage(world, app, 0, t);
}

/**
 * A prospect sourced for a job (that may never open) or, with jobId 0, into a pool without any job.
 * `stream` reschedules the pool's open-ended Poisson stream.
 */
export function prospectSourced(world: World, jobId: number, stream: boolean, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const job = jobId === 0 ? null : world.jobs[jobId - 1]!;
  addApplication(world, {
    jobId: job?.id ?? null,
    isProspect: true,
    sourceIdx: chance(rng, 0.8) ? SOURCED : pickWeighted(rng, SOURCE_WEIGHTS),
    recruiterId: job?.recruiterId ?? assignable(world, sim.recruiters, pick(rng, sim.recruiters)),
    coordinatorId: job?.coordinatorId ?? assignable(world, sim.coordinators, pick(rng, sim.coordinators)),
  }, t);
  if (stream) schedulePoolProspect(world, t);
}

/** The pool's stream: a few percent of the application volume, with a floor so small worlds have some. */
export function schedulePoolProspect(world: World, from: number): void {
  const p = world.params;
  const perDay = Math.max(UNTIDY.poolProspectsMinPerDay, p.jobsPerDay * p.applicationsPerJob * UNTIDY.poolProspectShare);
  schedule(world.sim, from + exponential(world.sim.rng, DAY / perDay), EV.PROSPECT, 0, 1);
}

function enterStage(world: World, app: Application, planIndex: number, t: number): void {
  const plan = planOf(world, app);
  const stageId = plan.stageIds[planIndex]!;
  const visit: StageVisit = {
    id: world.visits.length + 1, applicationId: app.id, stageId, enteredAt: t, exitedAt: null, createdAt: t, updatedAt: t,
  };
  world.visits.push(visit);
  app.visitIds.push(visit.id);
  app.currentStageId = stageId;
  app.updatedAt = t;
  app.lastActivityAt = t;
  if (world.stages[stageId - 1]!.canonical === 'offer') enterOfferStage(world, app, plan, t);
  else decideStep(world, app, plan, planIndex, visit, t);
}

function indexOfFirst(world: World, plan: Plan, canonical: CanonicalStage): number {
  return plan.stageIds.findIndex((sid) => world.stages[sid - 1]!.canonical === canonical);
}

function companyReason(world: World, canonical: CanonicalStage, stageName: string): number {
  const rng = world.sim.rng;
  if (chance(rng, 0.05)) return chance(rng, 0.7) ? REASON.other : REASON.duplicate;
  if (canonical === 'applied') return pick(rng, [REASON.skills, REASON.skills, REASON.experience, REASON.unresponsive, REASON.compTooHigh]);
  if (canonical === 'screen') return pick(rng, [REASON.skills, REASON.experience, REASON.compTooHigh, REASON.unresponsive, REASON.skills]);
  if (stageName === 'Take Home' || stageName === 'Work Sample') return chance(rng, 0.8) ? REASON.assessment : REASON.unresponsive;
  return pick(rng, [REASON.interviews, REASON.interviews, REASON.interviews, REASON.skills, REASON.compTooHigh]);
}

export function candidateReason(world: World): number {
  return pick(world.sim.rng, [REASON.otherOffer, REASON.otherOffer, REASON.notInterested, REASON.compensation, REASON.location]);
}

function decideStep(world: World, app: Application, plan: Plan, idx: number, visit: StageVisit, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const stage = world.stages[plan.stageIds[idx]! - 1]!;
  const c = stage.canonical as Exclude<CanonicalStage, 'offer'>;
  let groupSize = 0;
  for (const sid of plan.stageIds) if (world.stages[sid - 1]!.canonical === c) groupSize++;
  const pass = GROUP_PASS[c] ** (1 / groupSize) * progressFactor(world, app, c);
  const [median, sigma] = STAGE_DAYS[c];
  const stay = Math.max(10 * MINUTE, logNormal(rng, median * DAY, sigma));

  let kind: number = STEP_REJECT;
  let arg: number;
  let mood: Mood;
  const r = rand(rng);
  if (idx > 0 && app.visitIds.length < plan.stageIds.length + 3 && chance(rng, RATES.moveBack)) {
    kind = STEP_MOVE;
    arg = idx - 1;
    mood = MOOD.positive;
  } else if (r < pass) {
    kind = STEP_MOVE;
    arg = idx + 1;
    const firstInterview = indexOfFirst(world, plan, 'interview');
    const next = world.stages[plan.stageIds[idx + 1]! - 1]!;
    if (c === 'applied' && firstInterview > idx + 1 && chance(rng, RATES.skipScreens)) arg = firstInterview;
    else if (c === 'interview' && next.canonical === 'interview' && chance(rng, RATES.skipInterviewStep)) arg = idx + 2;
    mood = MOOD.positive;
  } else if (r < pass + WITHDRAW[c]) {
    arg = candidateReason(world);
    mood = MOOD.neutral;
  } else {
    arg = companyReason(world, c, stage.template);
    mood = MOOD.negative;
  }
  schedule(sim, t + stay, EV.APP_STEP, app.id, kind, arg, sim.appToken[app.id - 1]);
  scheduleInterviews(world, app, plan, visit, stage, t, stay, mood);
}

/**
 * An offer needs a free opening; without one the candidate is turned away ("position filled").
 * Now and then the hire is recorded without any offer in the ATS (an offer made outside it); an
 * application without a job has no opening and no offer: it is hired that way or turned away.
 */
function enterOfferStage(world: World, app: Application, plan: Plan, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const tok = sim.appToken[app.id - 1];
  if (plan.id === null) {
    const hire = chance(rng, UNTIDY.joblessHire);
    schedule(sim, t + logNormal(rng, 4 * DAY, 0.6), EV.APP_STEP, app.id, hire ? STEP_HIRE : STEP_REJECT, hire ? 0 : candidateReason(world), tok);
    return;
  }
  const openingId = holdOpening(world, plan.id, app.id);
  if (openingId === 0) {
    schedule(sim, t + logNormal(rng, 1.5 * DAY, 0.6), EV.APP_STEP, app.id, STEP_REJECT, REASON.filled, tok);
  } else if (chance(rng, RATES.rejectBeforeOffer)) {
    const reason = chance(rng, 0.5) ? REASON.otherOffer : REASON.compTooHigh;
    schedule(sim, t + logNormal(rng, 3 * DAY, 0.6), EV.APP_STEP, app.id, STEP_REJECT, reason, tok);
  } else if (chance(rng, UNTIDY.hireWithoutOffer)) {
    schedule(sim, t + logNormal(rng, 4 * DAY, 0.6), EV.APP_STEP, app.id, STEP_HIRE, 0, tok);
  } else {
    const [median, sigma] = STAGE_DAYS.offer;
    schedule(sim, t + logNormal(rng, median * DAY, sigma), EV.OFFER_CREATE, app.id, openingId, 0, tok);
  }
}

export function applicationStep(world: World, appId: number, kind: number, arg: number, tok: number, t: number): void {
  const app = world.applications[appId - 1]!;
  if (tok !== world.sim.appToken[appId - 1] || app.status !== 'active') return;
  if (kind === STEP_MOVE) {
    exitCurrentVisit(world, app, t);
    enterStage(world, app, arg, t);
  } else if (kind === STEP_HIRE) {
    const held = app.jobId === null ? 0 : heldOpening(world, app.jobId, app.id);
    finishApplication(world, app, t, 'hired');
    if (held !== 0) fillOpening(world, held, app.id, t);
  } else {
    finishApplication(world, app, t, 'rejected', arg);
  }
}

function heldOpening(world: World, jobId: number, appId: number): number {
  for (const oid of world.jobs[jobId - 1]!.openingIds) if (world.sim.openingHeldBy[oid - 1] === appId) return oid;
  return 0;
}

function exitCurrentVisit(world: World, app: Application, t: number): void {
  const visit = world.visits[app.visitIds[app.visitIds.length - 1]! - 1]!;
  visit.exitedAt = t;
  visit.updatedAt = t;
}

/** the last visit ends exactly at the outcome; interviews that have not started are called off */
export function finishApplication(
  world: World, app: Application, t: number, status: 'rejected' | 'hired', rejectionReasonId = 0,
): void {
  exitCurrentVisit(world, app, t);
  app.status = status;
  if (status === 'hired') {
    app.hiredAt = t;
  } else {
    app.rejectedAt = t;
    app.rejectionReasonId = rejectionReasonId;
    if (app.jobId !== null) releaseOpenings(world, app.jobId, app.id);
  }
  app.updatedAt = t;
  app.lastActivityAt = t;
  world.sim.appToken[app.id - 1] = (world.sim.appToken[app.id - 1] ?? 0) + 1;
  for (const ivId of app.interviewIds) {
    const iv = world.interviews[ivId - 1]!;
    if (iv.status === 'scheduled' && iv.startAt > t) {
      iv.status = 'cancelled';
      iv.updatedAt = t;
    }
  }
}

