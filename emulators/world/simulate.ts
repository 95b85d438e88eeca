// The time-stepping engine: pops pending events in (time, seq) order and applies them. Because all
// randomness is drawn while handling events, a world's history depends only on its seed and on
// the sequence of clock targets it is advanced to.
import type { SimEvent, World } from './types.ts';
import { EV, peekTime, popEvent, schedule } from './events.ts';
import { exponential } from './rng.ts';
import { DAY } from './time.ts';
import { createJob, deleteJob, jobDeadline, openJob } from './jobs.ts';
import { applicationArrives, applicationStep, prospectSourced } from './applications.ts';
import { deleteUser, mergeCandidates, renameStage } from './untidy.ts';
import { interviewEnds, scorecardSubmitted } from './interviews.ts';
import { offerCreated, offerResolved, offerRevised, offerSent } from './offers.ts';
import { touchOne, touchTick } from './touches.ts';

function apply(world: World, ev: SimEvent): void {
  const t = ev.t;
  switch (ev.k) {
    case EV.JOB_CREATE:
      createJob(world, t);
      if (ev.a === 1) schedule(world.sim, t + exponential(world.sim.rng, DAY / world.params.jobsPerDay), EV.JOB_CREATE, 0, 1);
      return;
    case EV.JOB_OPEN: return openJob(world, ev.id, t);
    case EV.JOB_DEADLINE: return jobDeadline(world, ev.id, t);
    case EV.APP_ARRIVE: return applicationArrives(world, ev.id, t);
    case EV.APP_STEP: return applicationStep(world, ev.id, ev.a, ev.b, ev.tok, t);
    case EV.INTERVIEW_END: return interviewEnds(world, ev.id, t);
    case EV.SCORECARD: return scorecardSubmitted(world, ev.id, ev.a, ev.b, t);
    case EV.OFFER_CREATE: return offerCreated(world, ev.id, ev.a, ev.tok, t);
    case EV.OFFER_SEND: return offerSent(world, ev.id, t);
    case EV.OFFER_REVISE: return offerRevised(world, ev.id, t);
    case EV.OFFER_RESOLVE: return offerResolved(world, ev.id, ev.a === 1, t);
    case EV.TOUCH: return touchTick(world, t);
    case EV.PROSPECT: return prospectSourced(world, ev.id, ev.a === 1, t);
    case EV.JOB_DELETE: return deleteJob(world, ev.id, t);
    case EV.STAGE_RENAME: return renameStage(world, t);
    case EV.USER_DELETE: return deleteUser(world, t);
    case EV.CANDIDATE_MERGE: return mergeCandidates(world, t);
    default: throw new Error(`unknown simulation event kind ${ev.k}`);
  }
}

/** process everything that happens up to and including `until`, then set the clock there */
export function runUntil(world: World, until: number): number {
  if (until < world.now) throw new Error(`cannot move the world clock backwards (${until} < ${world.now})`);
  let n = 0;
  while (peekTime(world.sim) <= until) {
    apply(world, popEvent(world.sim)!);
    n++;
  }
  world.now = until;
  return n;
}

export interface AdvanceOptions {
  days?: number;
  ms?: number;
  /** absolute target (epoch ms); overrides days/ms */
  to?: number;
}

export interface AdvanceResult {
  from: number;
  to: number;
  /** simulation events applied */
  events: number;
}

/** move the clock forward and simulate everything that happens meanwhile */
export function advanceWorld(world: World, opts: AdvanceOptions): AdvanceResult {
  const from = world.now;
  const to = opts.to ?? from + Math.round((opts.days ?? 0) * DAY + (opts.ms ?? 0));
  return { from, to, events: runUntil(world, to) };
}

/** extra random no-op edits at the current clock (on top of those advancing produces) */
export function touchWorld(world: World, count: number): void {
  for (let i = 0; i < count; i++) touchOne(world, world.now);
}
