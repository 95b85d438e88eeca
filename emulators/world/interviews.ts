// Interviews are booked the moment a candidate enters a stage that has them, and held while the
// candidate is still in it; each interviewer then submits a scorecard. Recommendations lean
// towards the decision the engine already took for that stay, as real feedback does.
import type { Application, Interview, Recommendation, Scorecard, Stage, StageVisit, World } from './types.ts';
import type { Plan } from './applications.ts';
import { EV, schedule } from './events.ts';
import { chance, logNormal, pick, pickWeighted, rand, randInt } from './rng.ts';
import { DAY, HOUR, MINUTE } from './time.ts';
import { stageTemplate } from './stage-catalog.ts';
import { UNTIDY } from './rates.ts';
import { drawRatings } from './ratings.ts';
import { assignable } from './team.ts';

export const RECOMMENDATIONS: readonly Recommendation[] = ['strong_no', 'no', 'yes', 'strong_yes', 'no_decision'];

/** weights over RECOMMENDATIONS */
export const MOOD = {
  positive: [3, 12, 55, 25, 5],
  neutral: [5, 30, 45, 10, 10],
  negative: [25, 50, 15, 3, 7],
} as const satisfies Record<string, readonly number[]>;
export type Mood = (typeof MOOD)[keyof typeof MOOD];

const SESSIONS = ['Coding', 'System Design', 'Behavioral', 'Team Fit', 'Deep Dive', 'Case Study'] as const;

function interviewersFor(world: World, plan: Plan, stage: Stage, count: number): number[] {
  const rng = world.sim.rng;
  const out: number[] = [];
  const hm = stage.template.startsWith('Hiring Manager') || stage.template.startsWith('HM ');
  if (stage.canonical === 'screen' && !hm) out.push(plan.recruiterId);
  else if (hm) out.push(plan.hiringManagerId);
  while (out.length < count) {
    const u = assignable(world, world.sim.interviewers, pick(rng, world.sim.interviewers));
    if (!out.includes(u)) out.push(u);
  }
  return out;
}

export function scheduleInterviews(
  world: World, app: Application, plan: Plan, visit: StageVisit, stage: Stage, t: number, stay: number, mood: Mood,
): void {
  const tpl = stageTemplate(stage.template);
  if (!tpl || tpl.interviews[1] === 0 || stay < DAY) return;
  const { sim } = world;
  const rng = sim.rng;
  const count = randInt(rng, tpl.interviews[0], tpl.interviews[1]);
  const multi = count > 1;
  // Multi-interview stages happen back to back on one day; all of it well before the decision.
  let start = t + stay * (0.1 + 0.35 * rand(rng));
  for (let k = 0; k < count; k++) {
    const minutes = stage.canonical === 'screen' ? 30 : pick(rng, [45, 60, 60]);
    // Panels, and a shadowing interviewer now and then, mean some interviews get two scorecards.
    const panel = (multi && chance(rng, 0.3)) || (stage.canonical === 'interview' && chance(rng, 0.25)) ? 2 : 1;
    const iv: Interview = {
      id: world.interviews.length + 1,
      applicationId: app.id,
      visitId: visit.id,
      stageId: stage.id,
      jobId: plan.id,
      name: multi ? `${stage.name}: ${SESSIONS[k % SESSIONS.length]}` : stage.name,
      kitIndex: k,
      organizerId: plan.coordinatorId,
      interviewerIds: interviewersFor(world, plan, stage, panel),
      startAt: Math.round(start),
      endAt: Math.round(start + minutes * MINUTE),
      status: 'scheduled',
      scorecardIds: [],
      createdAt: t,
      updatedAt: t,
    };
    world.interviews.push(iv);
    app.interviewIds.push(iv.id);
    schedule(sim, iv.endAt, EV.INTERVIEW_END, iv.id);
    // Panels grow and scorecards go missing from the auxiliary generator (see team.ts), so the
    // main sequence draws exactly what it always did.
    const aux = sim.aux;
    const scheduleScorecard = (j: number, delay: number, rec: number) => {
      if (!chance(aux, UNTIDY.missingScorecard)) schedule(sim, iv.endAt + delay, EV.SCORECARD, iv.id, j, rec);
    };
    iv.interviewerIds.forEach((_, j) => {
      const delay = Math.min(Math.max(5 * MINUTE, logNormal(rng, 5 * HOUR, 0.8)), 0.3 * stay);
      scheduleScorecard(j, delay, pickWeighted(rng, mood));
    });
    if (stage.canonical === 'interview' && chance(aux, UNTIDY.extraPanelist)) {
      const free = sim.interviewers.filter((u) => !iv.interviewerIds.includes(u) && world.users[u - 1]!.deactivatedAt === null);
      if (free.length > 0) {
        iv.interviewerIds.push(pick(aux, free));
        const delay = Math.min(Math.max(5 * MINUTE, logNormal(aux, 8 * HOUR, 0.9)), 0.3 * stay);
        scheduleScorecard(iv.interviewerIds.length - 1, delay, pickWeighted(aux, mood));
      }
    }
    start += (minutes + 15) * MINUTE;
  }
}

export function interviewEnds(world: World, interviewId: number, t: number): void {
  const iv = world.interviews[interviewId - 1]!;
  if (iv.status !== 'scheduled') return;
  iv.status = 'awaiting_feedback';
  iv.updatedAt = t;
}

export function scorecardSubmitted(world: World, interviewId: number, interviewerIndex: number, rec: number, t: number): void {
  const iv = world.interviews[interviewId - 1]!;
  if (iv.status === 'cancelled') return;
  const app = world.applications[iv.applicationId - 1]!;
  const recommendation = RECOMMENDATIONS[rec]!;
  const sc: Scorecard = {
    id: world.scorecards.length + 1,
    interviewId,
    applicationId: iv.applicationId,
    candidateId: app.candidateId,
    interviewerId: iv.interviewerIds[interviewerIndex]!,
    recommendation,
    ratings: drawRatings(world.sim.aux, world.stages[iv.stageId - 1]!.canonical, iv.kitIndex, recommendation),
    interviewedAt: iv.startAt,
    submittedAt: t,
    createdAt: t,
    updatedAt: t,
  };
  world.scorecards.push(sc);
  iv.scorecardIds.push(sc.id);
  if (iv.scorecardIds.length === iv.interviewerIds.length) iv.status = 'complete';
  iv.updatedAt = t;
}
