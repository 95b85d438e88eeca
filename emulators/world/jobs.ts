// Job lifecycle: a job is created as a draft with its stage plan and openings, opens, attracts a
// front-loaded stream of applicants, and closes when its last opening is filled or when it has
// gone unfilled for too long (cancelled). Closing a job turns away everyone still in its pipeline.
// Untidy, as in real accounts: a few jobs never get a plan and stay drafts with prospects sourced
// for them, and a few closed jobs are deleted later while their applications still point at them.
import type { Job, Opening, Stage, World } from './types.ts';
import { EV, STEP_REJECT, schedule } from './events.ts';
import { exponential, logNormal, pick, pickWeighted, rand, randInt, chance, type RngState } from './rng.ts';
import { DAY, isoDate } from './time.ts';
import { DEPARTMENT_TREE, REASON } from './org.ts';
import { drawStagePlan, type StageTemplate } from './stage-catalog.ts';
import { RATES, UNTIDY } from './rates.ts';
import { ODD_JOB_SUFFIXES, longText } from './names.ts';
import { assignable, createTeam } from './team.ts';

const LEVELS: readonly [string, number][] = [['', 50], ['Senior ', 28], ['Staff ', 8], ['Junior ', 8], ['Principal ', 6]];

function jobTitle(world: World, rng: RngState, departmentId: number): string {
  const dept = world.departments[departmentId - 1]!;
  const topName = dept.parentId === null ? dept.name : world.departments[dept.parentId - 1]!.name;
  const top = DEPARTMENT_TREE.find((d) => d.name === topName) ?? DEPARTMENT_TREE[0]!;
  const title = pick(rng, top.titles);
  const level = LEVELS[pickWeighted(rng, LEVELS.map((l) => l[1]))]![0];
  const name = title.endsWith('Manager') ? title : level + title;
  return chance(rng, UNTIDY.oddJobName) ? name + pick(rng, ODD_JOB_SUFFIXES) : name;
}

/** A renamed template keeps its new name in plans created afterwards (renames are account-wide). */
function currentName(world: World, template: string): string {
  for (let i = world.stages.length - 1; i >= 0; i--) {
    const st = world.stages[i]!;
    if (st.template === template) return st.name;
  }
  return template;
}

/** Stage records for one plan; jobId null for the general plan of applications without a job. */
export function addStages(world: World, jobId: number | null, plan: readonly StageTemplate[], t: number): number[] {
  return plan.map((tpl, sortOrder) => {
    const st: Stage = {
      id: world.stages.length + 1, jobId, name: currentName(world, tpl.name), template: tpl.name, canonical: tpl.canonical, sortOrder, createdAt: t, updatedAt: t,
    };
    world.stages.push(st);
    return st.id;
  });
}

export function createJob(world: World, t: number): Job {
  const { sim } = world;
  const rng = sim.rng;
  const id = world.jobs.length + 1;
  const departmentId = 1 + Math.floor(rand(rng) * world.departments.length);
  const job: Job = {
    id,
    name: jobTitle(world, rng, departmentId),
    requisitionId: `REQ-${id}`,
    departmentId,
    officeId: 1 + Math.floor(rand(rng) * world.offices.length),
    status: 'draft',
    confidential: chance(rng, RATES.confidential),
    recruiterId: assignable(world, sim.recruiters, pick(rng, sim.recruiters)),
    coordinatorId: assignable(world, sim.coordinators, pick(rng, sim.coordinators)),
    hiringManagerId: assignable(world, sim.hiringManagers, pick(rng, sim.hiringManagers)),
    teamIds: [],
    stageIds: [],
    openingIds: [],
    notes: chance(rng, 0.02) ? longText(id) : null,
    createdAt: t,
    openedAt: null,
    closedAt: null,
    deletedAt: null,
    updatedAt: t,
  };
  world.jobs.push(job);
  createTeam(world, job, t);
  const planless = chance(rng, UNTIDY.planlessDraft);
  if (!planless) job.stageIds.push(...addStages(world, id, drawStagePlan(rng), t));
  const openings = 1 + pickWeighted(rng, RATES.openingWeights);
  for (let n = 1; n <= openings; n++) {
    const o: Opening = {
      id: world.openings.length + 1,
      jobId: id,
      key: `${job.requisitionId}-${n}`,
      sortOrder: n - 1,
      openedAt: null,
      closedAt: null,
      applicationId: null,
      closeReasonId: null,
      targetStartOn: chance(rng, 0.5) ? isoDate(t + Math.round(60 + rand(rng) * 60) * DAY) : null,
      createdAt: t,
      updatedAt: t,
    };
    world.openings.push(o);
    sim.openingHeldBy.push(0);
    job.openingIds.push(o.id);
  }
  sim.jobApps.push([]);
  sim.jobArrival.push([0, 0, 0]);
  if (!planless && !chance(rng, RATES.draftNeverOpens)) {
    schedule(sim, t + logNormal(rng, 3 * DAY, 0.8), EV.JOB_OPEN, id);
  } else {
    // A job that stays a draft still gets prospects sourced for it.
    const n = randInt(rng, 1, UNTIDY.draftProspectsMax);
    for (let k = 0; k < n; k++) schedule(sim, t + logNormal(rng, 5 * DAY, 0.8), EV.PROSPECT, id);
  }
  return job;
}

export function openJob(world: World, jobId: number, t: number): void {
  const { sim } = world;
  const rng = sim.rng;
  const job = world.jobs[jobId - 1]!;
  job.status = 'open';
  job.openedAt = t;
  job.updatedAt = t;
  for (const oid of job.openingIds) {
    const o = world.openings[oid - 1]!;
    o.openedAt = t;
    o.updatedAt = t;
  }
  // Popularity is log-normal with mean 1, so the average job still draws applicationsPerJob.
  const sigma = RATES.popularitySigma;
  const expected = world.params.applicationsPerJob * logNormal(rng, 1, sigma) * Math.exp((-sigma * sigma) / 2);
  const [lo, hi] = RATES.arrivalDecayDays;
  sim.jobArrival[jobId - 1] = [expected, (lo + rand(rng) * (hi - lo)) * DAY, 0];
  scheduleNextArrival(world, jobId);
  const [dlo, dhi] = RATES.deadlineDays;
  schedule(sim, t + (dlo + rand(rng) * (dhi - dlo)) * DAY, EV.JOB_DEADLINE, jobId);
}

/**
 * Applicants arrive as a Poisson process whose rate decays exponentially after the job opens
 * (intensity expected/tau * e^(-age/tau)); inverting the cumulative intensity gives the next arrival
 * from one exponential draw, and the stream ends once the job's expected total is used up.
 */
export function scheduleNextArrival(world: World, jobId: number): void {
  const { sim } = world;
  const state = sim.jobArrival[jobId - 1]!;
  const [expected, tau, used] = state;
  const next = used + exponential(sim.rng, 1);
  if (next >= expected) {
    state[2] = expected;
    return;
  }
  state[2] = next;
  const age = -tau * Math.log(1 - next / expected);
  schedule(sim, world.jobs[jobId - 1]!.openedAt! + age, EV.APP_ARRIVE, jobId);
}

/** reserve an unfilled opening for an application about to get an offer; 0 if none is free */
export function holdOpening(world: World, jobId: number, applicationId: number): number {
  for (const oid of world.jobs[jobId - 1]!.openingIds) {
    if (world.openings[oid - 1]!.closedAt === null && world.sim.openingHeldBy[oid - 1] === 0) {
      world.sim.openingHeldBy[oid - 1] = applicationId;
      return oid;
    }
  }
  return 0;
}

export function releaseOpenings(world: World, jobId: number, applicationId: number): void {
  for (const oid of world.jobs[jobId - 1]!.openingIds) {
    if (world.sim.openingHeldBy[oid - 1] === applicationId) world.sim.openingHeldBy[oid - 1] = 0;
  }
}

/** the accepted offer fills its opening at the very moment of acceptance */
export function fillOpening(world: World, openingId: number, applicationId: number, t: number): void {
  const o = world.openings[openingId - 1]!;
  o.closedAt = t;
  o.applicationId = applicationId;
  o.closeReasonId = chance(world.sim.rng, 0.7) ? 1 : 2;
  o.updatedAt = t;
  world.sim.openingHeldBy[openingId - 1] = 0;
  const job = world.jobs[o.jobId - 1]!;
  if (job.openingIds.every((oid) => world.openings[oid - 1]!.closedAt !== null)) {
    closeJob(world, job, t, REASON.filled);
  }
}

export function jobDeadline(world: World, jobId: number, t: number): void {
  const job = world.jobs[jobId - 1]!;
  if (job.status !== 'open') return;
  // Nobody cancels a job while an offer is out; look again in two weeks.
  if (job.openingIds.some((oid) => world.sim.openingHeldBy[oid - 1] !== 0)) {
    schedule(world.sim, t + 14 * DAY, EV.JOB_DEADLINE, jobId);
    return;
  }
  const reasonId = chance(world.sim.rng, 0.6) ? 3 : 4;
  for (const oid of job.openingIds) {
    const o = world.openings[oid - 1]!;
    if (o.closedAt !== null) continue;
    o.closedAt = t;
    o.closeReasonId = reasonId;
    o.updatedAt = t;
  }
  closeJob(world, job, t, REASON.cancelled);
}

function closeJob(world: World, job: Job, t: number, rejectionReasonId: number): void {
  const { sim } = world;
  job.status = 'closed';
  job.closedAt = t;
  job.updatedAt = t;
  if (chance(sim.rng, UNTIDY.jobDeleted)) {
    const [lo, hi] = UNTIDY.jobDeletedAfterDays;
    schedule(sim, t + (lo + rand(sim.rng) * (hi - lo)) * DAY, EV.JOB_DELETE, job.id);
  }
  // Recruiters clear the remaining pipeline over the following days; the scheduled step of each
  // application is superseded by bumping its token.
  for (const appId of sim.jobApps[job.id - 1]!) {
    const app = world.applications[appId - 1]!;
    if (app.status !== 'active' || app.isProspect) continue;
    sim.appToken[appId - 1]!++;
    const delay = Math.min(logNormal(sim.rng, 2 * DAY, 0.8), 21 * DAY);
    schedule(sim, t + delay, EV.APP_STEP, appId, STEP_REJECT, rejectionReasonId, sim.appToken[appId - 1]);
  }
}

/** The job disappears from the ATS; its stages are touched (vendors flag them deleted). */
export function deleteJob(world: World, jobId: number, t: number): void {
  const job = world.jobs[jobId - 1]!;
  if (job.deletedAt !== null) return;
  job.deletedAt = t;
  job.updatedAt = t;
  for (const sid of job.stageIds) world.stages[sid - 1]!.updatedAt = t;
}
