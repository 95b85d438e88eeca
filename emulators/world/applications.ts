// Applications moving through a job's plan. Each time an application enters a stage the engine
// decides, right then, how long it stays and what happens next (advance, skip ahead, move back,
// reject, withdraw) and schedules that one step; everything is therefore decided by the seeded
// RNG in event order.
import type { Application, Candidate, CanonicalStage, Job, StageVisit, World } from './types.ts';
import { EV, STEP_MOVE, STEP_REJECT, schedule } from './events.ts';
import { chance, logNormal, pick, pickWeighted, rand, randInt } from './rng.ts';
import { DAY, MINUTE } from './time.ts';
import { CANDIDATE_TITLES, COMPANIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, slug } from './names.ts';
import { REASON, SOURCES } from './org.ts';
import { GROUP_PASS, RATES, STAGE_DAYS, WITHDRAW } from './rates.ts';
import { holdOpening, releaseOpenings, scheduleNextArrival } from './jobs.ts';
import { MOOD, scheduleInterviews, type Mood } from './interviews.ts';

const AREA_CODES = ['212', '415', '646', '312', '206', '512', '617', '303', '020', '030'] as const;
const SOURCE_WEIGHTS = SOURCES.map((s) => s[2]);

export function fakePhone(world: World): string {
  const rng = world.sim.rng;
  return `+1 ${pick(rng, AREA_CODES)}-555-${String(randInt(rng, 0, 9999)).padStart(4, '0')}`;
}

function newCandidate(world: World, t: number): Candidate {
  const rng = world.sim.rng;
  const id = world.candidates.length + 1;
  const firstName = pick(rng, FIRST_NAMES);
  const lastName = pick(rng, LAST_NAMES);
  const c: Candidate = {
    id,
    firstName,
    lastName,
    email: `${slug(firstName)}.${slug(lastName)}${id}@${pick(rng, EMAIL_DOMAINS)}`,
    phone: fakePhone(world),
    company: chance(rng, 0.7) ? pick(rng, COMPANIES) : null,
    title: chance(rng, 0.7) ? pick(rng, CANDIDATE_TITLES) : null,
    applicationIds: [],
    createdAt: t,
    updatedAt: t,
  };
  world.candidates.push(c);
  return c;
}

/** an existing candidate applying again, to a job they have not applied to yet */
function returningCandidate(world: World, jobId: number): Candidate | undefined {
  const n = world.candidates.length;
  if (n < 10) return undefined;
  const c = world.candidates[Math.floor(rand(world.sim.rng) * n)]!;
  for (const appId of c.applicationIds) if (world.applications[appId - 1]!.jobId === jobId) return undefined;
  return c;
}

export function applicationArrives(world: World, jobId: number, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const job = world.jobs[jobId - 1]!;
  if (job.status !== 'open') return;
  scheduleNextArrival(world, jobId);

  const again = chance(rng, RATES.repeatCandidate) ? returningCandidate(world, jobId) : undefined;
  const candidate = again ?? newCandidate(world, t);
  const isProspect = chance(rng, RATES.prospect);
  // Prospects are mostly found by sourcers rather than applying.
  const sourceIdx = isProspect && chance(rng, 0.7) ? SOURCES.findIndex((s) => s[1] === 'sourced') : pickWeighted(rng, SOURCE_WEIGHTS);
  const referral = SOURCES[sourceIdx]![1] === 'referral';
  const id = world.applications.length + 1;
  const app: Application = {
    id,
    candidateId: candidate.id,
    jobId,
    sourceId: sourceIdx + 1,
    referrerId: referral ? pick(rng, sim.activeUsers) : null,
    recruiterId: job.recruiterId,
    coordinatorId: job.coordinatorId,
    isProspect,
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
  sim.jobApps[jobId - 1]!.push(id);
  candidate.applicationIds.push(id);
  candidate.updatedAt = t;
  if (!isProspect) enterStage(world, app, 0, t);
}

function enterStage(world: World, app: Application, planIndex: number, t: number): void {
  const job = world.jobs[app.jobId - 1]!;
  const stageId = job.stageIds[planIndex]!;
  const visit: StageVisit = {
    id: world.visits.length + 1, applicationId: app.id, stageId, enteredAt: t, exitedAt: null, createdAt: t, updatedAt: t,
  };
  world.visits.push(visit);
  app.visitIds.push(visit.id);
  app.currentStageId = stageId;
  app.updatedAt = t;
  app.lastActivityAt = t;
  if (world.stages[stageId - 1]!.canonical === 'offer') enterOfferStage(world, app, job, t);
  else decideStep(world, app, job, planIndex, visit, t);
}

function indexOfFirst(world: World, job: Job, canonical: CanonicalStage): number {
  return job.stageIds.findIndex((sid) => world.stages[sid - 1]!.canonical === canonical);
}

function companyReason(world: World, canonical: CanonicalStage, stageName: string): number {
  const rng = world.sim.rng;
  if (chance(rng, 0.05)) return chance(rng, 0.7) ? REASON.other : REASON.duplicate;
  if (canonical === 'applied') return pick(rng, [REASON.skills, REASON.skills, REASON.experience, REASON.unresponsive, REASON.compTooHigh]);
  if (canonical === 'screen') return pick(rng, [REASON.skills, REASON.experience, REASON.compTooHigh, REASON.unresponsive, REASON.skills]);
  if (stageName === 'Take Home' || stageName === 'Work Sample') return chance(rng, 0.8) ? REASON.assessment : REASON.unresponsive;
  return pick(rng, [REASON.interviews, REASON.interviews, REASON.interviews, REASON.skills, REASON.compTooHigh]);
}

function candidateReason(world: World): number {
  return pick(world.sim.rng, [REASON.otherOffer, REASON.otherOffer, REASON.notInterested, REASON.compensation, REASON.location]);
}

function decideStep(world: World, app: Application, job: Job, idx: number, visit: StageVisit, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const stage = world.stages[job.stageIds[idx]! - 1]!;
  const c = stage.canonical as Exclude<CanonicalStage, 'offer'>;
  let groupSize = 0;
  for (const sid of job.stageIds) if (world.stages[sid - 1]!.canonical === c) groupSize++;
  const pass = GROUP_PASS[c] ** (1 / groupSize);
  const [median, sigma] = STAGE_DAYS[c];
  const stay = Math.max(10 * MINUTE, logNormal(rng, median * DAY, sigma));

  let kind: number = STEP_REJECT;
  let arg: number;
  let mood: Mood;
  const r = rand(rng);
  if (idx > 0 && app.visitIds.length < job.stageIds.length + 3 && chance(rng, RATES.moveBack)) {
    kind = STEP_MOVE;
    arg = idx - 1;
    mood = MOOD.positive;
  } else if (r < pass) {
    kind = STEP_MOVE;
    arg = idx + 1;
    const firstInterview = indexOfFirst(world, job, 'interview');
    const next = world.stages[job.stageIds[idx + 1]! - 1]!;
    if (c === 'applied' && firstInterview > idx + 1 && chance(rng, RATES.skipScreens)) arg = firstInterview;
    else if (c === 'interview' && next.canonical === 'interview' && chance(rng, RATES.skipInterviewStep)) arg = idx + 2;
    mood = MOOD.positive;
  } else if (r < pass + WITHDRAW[c]) {
    arg = candidateReason(world);
    mood = MOOD.neutral;
  } else {
    arg = companyReason(world, c, stage.name);
    mood = MOOD.negative;
  }
  schedule(sim, t + stay, EV.APP_STEP, app.id, kind, arg, sim.appToken[app.id - 1]);
  scheduleInterviews(world, app, job, visit, stage, t, stay, mood);
}

/** an offer needs a free opening; without one the candidate is turned away ("position filled") */
function enterOfferStage(world: World, app: Application, job: Job, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const tok = sim.appToken[app.id - 1];
  const openingId = holdOpening(world, job.id, app.id);
  if (openingId === 0) {
    schedule(sim, t + logNormal(rng, 1.5 * DAY, 0.6), EV.APP_STEP, app.id, STEP_REJECT, REASON.filled, tok);
  } else if (chance(rng, RATES.rejectBeforeOffer)) {
    const reason = chance(rng, 0.5) ? REASON.otherOffer : REASON.compTooHigh;
    schedule(sim, t + logNormal(rng, 3 * DAY, 0.6), EV.APP_STEP, app.id, STEP_REJECT, reason, tok);
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
  } else {
    finishApplication(world, app, t, 'rejected', arg);
  }
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
    releaseOpenings(world, app.jobId, app.id);
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
