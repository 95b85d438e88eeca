// Builds a world: the organisation first, then the jobs of the initial period as scheduled
// arrivals, then simulation from `start` to `now`.
import type { CreateWorldOptions, World, WorldParams } from './types.ts';
import { EV, schedule } from './events.ts';
import { exponential, rand, seedRng } from './rng.ts';
import { DAY, DEFAULT_SPAN_DAYS, DEFAULT_START } from './time.ts';
import { buildDepartments, buildLookups, buildOffices, buildUsers } from './org.ts';
import { PRESETS } from './rates.ts';
import { scheduleTouch } from './touches.ts';
import { runUntil } from './simulate.ts';
import { addStages } from './jobs.ts';
import { drawStagePlan } from './stage-catalog.ts';
import { schedulePoolProspect } from './applications.ts';
import { scheduleUntidy } from './untidy.ts';

function resolveParams(opts: CreateWorldOptions, spanDays: number): WorldParams {
  const size = typeof opts.size === 'string' ? PRESETS[opts.size] : opts.size;
  if (!size) throw new Error(`unknown world size ${String(opts.size)}`);
  const preset = PRESETS.medium;
  const jobs = Math.max(0, Math.floor(size.jobs));
  return {
    jobs,
    applicationsPerJob: size.applicationsPerJob ?? preset.applicationsPerJob,
    jobsPerDay: Math.max(jobs, 1) / Math.max(spanDays, 1),
    touchesPerDay: size.touchesPerDay ?? Math.max(1, Math.round(jobs / 4)),
    joblessApplications: Math.min(1, Math.max(0, size.joblessApplications ?? 0)),
  };
}

export function createWorld(opts: CreateWorldOptions): World {
  const start = opts.start ?? DEFAULT_START;
  const now = opts.now ?? start + DEFAULT_SPAN_DAYS * DAY;
  if (!(now >= start)) throw new Error('createWorld: now must not be before start');
  const params = resolveParams(opts, (now - start) / DAY);
  const world: World = {
    seed: opts.seed,
    companyName: opts.companyName ?? 'Acme Robotics',
    start,
    now: start,
    params,
    departments: [], offices: [], users: [], sources: [], rejectionReasons: [], closeReasons: [],
    jobs: [], stages: [], generalStageIds: [], openings: [], candidates: [], applications: [], visits: [], offers: [],
    interviews: [], scorecards: [],
    sim: {
      rng: seedRng(opts.seed), seq: 0, heap: [], jobApps: [], jobArrival: [], openingHeldBy: [], appToken: [],
      recruiters: [], coordinators: [], hiringManagers: [], interviewers: [], activeUsers: [],
    },
  };
  const rng = world.sim.rng;
  buildDepartments(world, rng);
  buildOffices(world, rng, params.jobs < 20 ? 3 : 7);
  buildLookups(world, rng);
  buildUsers(world, rng, params.jobs);
  // The plan of applications without a job: what an account-wide pipeline looks like.
  world.generalStageIds = addStages(world, null, drawStagePlan(rng), start);

  // Exactly `jobs` jobs appear in the initial period; afterwards new jobs keep arriving at the same
  // average rate for as long as the world is advanced.
  const arrivals: number[] = [];
  for (let i = 0; i < params.jobs; i++) arrivals.push(start + rand(rng) * (now - start));
  arrivals.sort((a, b) => a - b);
  for (const t of arrivals) schedule(world.sim, t, EV.JOB_CREATE, 0, 0);
  schedule(world.sim, now + exponential(rng, DAY / params.jobsPerDay), EV.JOB_CREATE, 0, 1);
  scheduleTouch(world, start);
  schedulePoolProspect(world, start);
  scheduleUntidy(world, start);

  runUntil(world, now);
  return world;
}
