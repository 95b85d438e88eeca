// Housekeeping that real ATS accounts undergo and tidy test data never does: stages renamed while
// applications sit in them, users deleted while records still name them, duplicate candidates
// merged. Each runs as an open-ended Poisson stream of events (rates in UNTIDY), so every world has
// a few of each and advancing a world keeps producing them.
import type { World } from './types.ts';
import { EV, schedule } from './events.ts';
import { exponential, rand } from './rng.ts';
import { DAY } from './time.ts';
import { UNTIDY } from './rates.ts';
import { RENAMES } from './stage-catalog.ts';

function pickIndex(world: World, n: number): number {
  return Math.floor(rand(world.sim.rng) * n);
}

/** Starts the streams at `from` (world creation). */
export function scheduleUntidy(world: World, from: number): void {
  const rng = world.sim.rng;
  schedule(world.sim, from + exponential(rng, UNTIDY.stageRenameEveryDays * DAY), EV.STAGE_RENAME, 0, 1);
  schedule(world.sim, from + exponential(rng, UNTIDY.userDeleteEveryDays * DAY), EV.USER_DELETE, 0, 1);
  scheduleMerge(world, from);
}

function scheduleMerge(world: World, from: number): void {
  const p = world.params;
  const perDay = Math.max(1 / UNTIDY.mergeMinEveryDays, p.jobsPerDay * p.applicationsPerJob * UNTIDY.mergeShare);
  schedule(world.sim, from + exponential(world.sim.rng, DAY / perDay), EV.CANDIDATE_MERGE, 0, 1);
}

/**
 * Renames, in every plan that uses it, a stage name that some active application currently sits
 * in (and that has a known new name), as an admin does account-wide.
 */
export function renameStage(world: World, t: number): void {
  schedule(world.sim, t + exponential(world.sim.rng, UNTIDY.stageRenameEveryDays * DAY), EV.STAGE_RENAME, 0, 1);
  const occupied: string[] = [];
  for (const app of world.applications) {
    if (app.status !== 'active' || app.currentStageId === null) continue;
    const st = world.stages[app.currentStageId - 1]!;
    if (st.name === st.template && RENAMES[st.template] !== undefined && !occupied.includes(st.template)) occupied.push(st.template);
  }
  if (occupied.length === 0) return;
  const template = occupied[pickIndex(world, occupied.length)]!;
  const name = RENAMES[template]!;
  for (const st of world.stages) {
    if (st.template !== template) continue;
    st.name = name;
    st.updatedAt = t;
  }
}

/**
 * Hard-deletes a user who recruits, coordinates, manages or interviews (admins stay: one is the
 * API's acting user). Records naming them keep doing so; nobody new is assigned to them.
 */
export function deleteUser(world: World, t: number): void {
  const { sim } = world;
  schedule(sim, t + exponential(sim.rng, UNTIDY.userDeleteEveryDays * DAY), EV.USER_DELETE, 0, 1);
  const pools = [sim.recruiters, sim.coordinators, sim.hiringManagers, sim.interviewers];
  const candidates = sim.activeUsers.filter((id) => {
    const u = world.users[id - 1]!;
    // Never empty a pool: the simulation still needs someone in every role.
    return u.role !== 'admin' && pools.every((pool) => !pool.includes(id) || pool.length > 2);
  });
  if (candidates.length === 0) return;
  const id = candidates[pickIndex(world, candidates.length)]!;
  const user = world.users[id - 1]!;
  user.deletedAt = t;
  user.updatedAt = t;
  for (const pool of [sim.activeUsers, ...pools]) {
    const i = pool.indexOf(id);
    if (i >= 0) pool.splice(i, 1);
  }
}

/**
 * Merges a duplicate candidate into another: the survivor takes over its applications (and their
 * offers and scorecards), and the duplicate disappears from the ATS.
 */
export function mergeCandidates(world: World, t: number): void {
  scheduleMerge(world, t);
  const n = world.candidates.length;
  if (n < 4) return;
  const dup = world.candidates[pickIndex(world, n)]!;
  const into = world.candidates[pickIndex(world, n)]!;
  if (dup.id === into.id || dup.mergedInto !== null || into.mergedInto !== null || dup.applicationIds.length === 0) return;
  if ((dup.erasedAt ?? null) !== null || (into.erasedAt ?? null) !== null) return;
  const jobs = new Set(into.applicationIds.map((id) => world.applications[id - 1]!.jobId));
  if (dup.applicationIds.some((id) => jobs.has(world.applications[id - 1]!.jobId))) return;
  for (const appId of dup.applicationIds) {
    const app = world.applications[appId - 1]!;
    app.candidateId = into.id;
    app.updatedAt = t;
    for (const oid of app.offerIds) {
      world.offers[oid - 1]!.candidateId = into.id;
      world.offers[oid - 1]!.updatedAt = t;
    }
    for (const ivId of app.interviewIds) {
      for (const sid of world.interviews[ivId - 1]!.scorecardIds) {
        world.scorecards[sid - 1]!.candidateId = into.id;
        world.scorecards[sid - 1]!.updatedAt = t;
      }
    }
    into.applicationIds.push(appId);
  }
  dup.applicationIds = [];
  dup.mergedInto = into.id;
  dup.mergedAt = t;
  dup.updatedAt = t;
  into.updatedAt = t;
}
