// Hiring teams and the people on them. A job is created with its team (the primary recruiter,
// coordinator and hiring manager the job record names, sometimes a second recruiter, coordinator
// or hiring manager, and sourcers); while jobs are open, teams change: the responsible recruiter
// or coordinator is reassigned (the previous one stays on the team), a new hiring manager takes
// over (the previous one stays listed), and users are deactivated while records name them.
// Everything here draws from the auxiliary generator (sim.aux), and deactivated users stay in the
// simulation's pools (a pick that lands on one is replaced from sim.aux, see assignable), so the
// main sequence draws what it always drew and older worlds keep their history.
import type { Job, TeamMember, TeamRole, World } from './types.ts';
import { EV, schedule } from './events.ts';
import { chance, exponential, pick, rand } from './rng.ts';
import { DAY } from './time.ts';
import { UNTIDY } from './rates.ts';

function addMember(world: World, job: Job, userId: number, role: TeamRole, primary: boolean, t: number): TeamMember {
  const m: TeamMember = { id: world.teamMembers.length + 1, jobId: job.id, userId, role, primary, createdAt: t, updatedAt: t };
  world.teamMembers.push(m);
  job.teamIds.push(m.id);
  return m;
}

const isActive = (world: World, id: number) => world.users[id - 1]!.deactivatedAt === null;

function otherThan(world: World, pool: readonly number[], taken: readonly number[]): number | undefined {
  const free = pool.filter((u) => !taken.includes(u) && isActive(world, u));
  return free.length === 0 ? undefined : pick(world.sim.aux, free);
}

/**
 * `picked` (drawn from `pool` by the main generator) unless it was deactivated: then someone
 * active from the pool, drawn from sim.aux. Nobody new is assigned to a deactivated user.
 */
export function assignable(world: World, pool: readonly number[], picked: number): number {
  if (isActive(world, picked)) return picked;
  return otherThan(world, pool, [picked]) ?? picked;
}

/** The members of a job's team now, optionally of one role. */
export function teamOf(world: World, job: Job, role?: TeamRole): TeamMember[] {
  return job.teamIds.map((id) => world.teamMembers[id - 1]!).filter((m) => role === undefined || m.role === role);
}

/**
 * The team a new job starts with. A second hiring manager is assigned before the primary one, so
 * the primary is always the hiring manager assigned last (Greenhouse marks no primary hiring
 * manager; the connector takes the latest, see extractors/greenhouse/README.md).
 */
export function createTeam(world: World, job: Job, t: number): void {
  const { sim } = world;
  const aux = sim.aux;
  const second = chance(aux, 0.12) ? otherThan(world, sim.hiringManagers, [job.hiringManagerId]) : undefined;
  if (second !== undefined) addMember(world, job, second, 'hiring_manager', false, t);
  addMember(world, job, job.hiringManagerId, 'hiring_manager', true, t);
  addMember(world, job, job.recruiterId, 'recruiter', true, t);
  if (chance(aux, 0.25)) {
    const r = otherThan(world, sim.recruiters, [job.recruiterId]);
    if (r !== undefined) addMember(world, job, r, 'recruiter', false, t);
  }
  addMember(world, job, job.coordinatorId, 'coordinator', true, t);
  if (chance(aux, 0.15)) {
    const c = otherThan(world, sim.coordinators, [job.coordinatorId]);
    if (c !== undefined) addMember(world, job, c, 'coordinator', false, t);
  }
  const sourcers = chance(aux, 0.4) ? (chance(aux, 0.35) ? 2 : 1) : 0;
  const taken: number[] = [];
  for (let i = 0; i < sourcers; i++) {
    const s = otherThan(world, sim.recruiters, taken);
    if (s === undefined) break;
    taken.push(s);
    addMember(world, job, s, 'sourcer', false, t);
  }
}

/** A sourcer of the job (or its primary recruiter when it has none), for sourced applications. */
export function sourcerFor(world: World, job: Job | null, fallback: number): number {
  if (job === null) return fallback;
  const sourcers = teamOf(world, job, 'sourcer');
  return sourcers.length === 0 ? job.recruiterId : pick(world.sim.aux, sourcers).userId;
}

export function scheduleTeamStreams(world: World, from: number): void {
  const aux = world.sim.aux;
  schedule(world.sim, from + exponential(aux, DAY / teamChangesPerDay(world)), EV.TEAM_CHANGE, 0, 1);
  schedule(world.sim, from + exponential(aux, UNTIDY.userDeactivateEveryDays * DAY), EV.USER_DEACTIVATE, 0, 1);
}

function teamChangesPerDay(world: World): number {
  return Math.max(UNTIDY.teamChangesMinPerDay, world.params.jobsPerDay * UNTIDY.teamChangesPerJob);
}

/** Hands one open job's recruiter, coordinator or hiring manager role to someone else. */
export function changeTeam(world: World, t: number): void {
  const { sim } = world;
  const aux = sim.aux;
  schedule(sim, t + exponential(aux, DAY / teamChangesPerDay(world)), EV.TEAM_CHANGE, 0, 1);
  const open = world.jobs.filter((j) => j.status === 'open');
  if (open.length === 0) return;
  const job = open[Math.floor(rand(aux) * open.length)]!;
  const r = rand(aux);
  const role: TeamRole = r < 0.5 ? 'recruiter' : r < 0.7 ? 'coordinator' : 'hiring_manager';
  const members = teamOf(world, job, role);
  const current = members.find((m) => m.primary);
  if (!current) return;
  if (role === 'hiring_manager') {
    // A new hiring manager is a new assignment (the latest one is the primary).
    const next = otherThan(world, sim.hiringManagers, members.map((m) => m.userId));
    if (next === undefined) return;
    current.primary = false;
    current.updatedAt = t;
    addMember(world, job, next, role, true, t);
    job.hiringManagerId = next;
  } else {
    const pool = role === 'recruiter' ? sim.recruiters : sim.coordinators;
    const next = otherThan(world, pool, [current.userId]);
    if (next === undefined) return;
    current.primary = false;
    current.updatedAt = t;
    const existing = members.find((m) => m.userId === next);
    if (existing) {
      existing.primary = true;
      existing.updatedAt = t;
    } else {
      addMember(world, job, next, role, true, t);
    }
    if (role === 'recruiter') job.recruiterId = next;
    else job.coordinatorId = next;
  }
  job.updatedAt = t;
}

/**
 * Deactivates a user who recruits, coordinates, manages or interviews (admins stay): they stay
 * listed (deactivated), records keep naming them, nobody new is assigned to them.
 */
export function deactivateUser(world: World, t: number): void {
  const { sim } = world;
  schedule(sim, t + exponential(sim.aux, UNTIDY.userDeactivateEveryDays * DAY), EV.USER_DEACTIVATE, 0, 1);
  const pools = [sim.recruiters, sim.coordinators, sim.hiringManagers, sim.interviewers];
  const active = (pool: readonly number[]) => pool.filter((id) => isActive(world, id)).length;
  const candidates = sim.activeUsers.filter((id) => {
    const u = world.users[id - 1]!;
    return u.role !== 'admin' && u.deactivatedAt === null && pools.every((pool) => !pool.includes(id) || active(pool) > 3);
  });
  if (candidates.length === 0) return;
  const user = world.users[candidates[Math.floor(rand(sim.aux) * candidates.length)]! - 1]!;
  user.disabled = true;
  user.deactivatedAt = t;
  user.updatedAt = t;
}
