// The simulation's agenda: a binary min-heap of pending events ordered by (time, insertion seq).
// Everything that will happen later in the world is an entry here, so stopping at any instant and
// resuming later replays exactly the same history.
import type { SimEvent, SimState } from './types.ts';

export const EV = {
  /** a: 1 for the open-ended Poisson stream of new jobs (reschedules itself), 0 for a one-off */
  JOB_CREATE: 1,
  JOB_OPEN: 2,
  /** a job that has not filled by now is cancelled */
  JOB_DEADLINE: 3,
  APP_ARRIVE: 4,
  /** a: STEP_MOVE (b = plan index) or STEP_REJECT (b = rejection reason id) */
  APP_STEP: 5,
  INTERVIEW_END: 6,
  /** a: interviewer index, b: recommendation code */
  SCORECARD: 7,
  /** id: application */
  OFFER_CREATE: 8,
  OFFER_SEND: 9,
  OFFER_REVISE: 10,
  /** a: 1 accepted, 0 declined */
  OFFER_RESOLVE: 11,
  TOUCH: 12,
  /** a prospect is sourced; id: job id, or 0 for a pool prospect without a job (a: 1 for the pool stream) */
  PROSPECT: 13,
  /** a closed job is deleted from the ATS */
  JOB_DELETE: 14,
  /** a stage name is changed in every plan using it; a: 1 for the recurring stream */
  STAGE_RENAME: 15,
  /** a user is hard-deleted; a: 1 for the recurring stream */
  USER_DELETE: 16,
  /** two candidate records are merged; a: 1 for the recurring stream */
  CANDIDATE_MERGE: 17,
} as const;

export const STEP_MOVE = 1;
export const STEP_REJECT = 2;
/** hired at the offer stage without an offer in the ATS (b unused) */
export const STEP_HIRE = 3;

function before(x: SimEvent, y: SimEvent): boolean {
  return x.t < y.t || (x.t === y.t && x.s < y.s);
}

export function schedule(sim: SimState, t: number, k: number, id: number, a = 0, b = 0, tok = 0): void {
  const ev: SimEvent = { t: Math.round(t), s: sim.seq++, k, id, a, b, tok };
  const h = sim.heap;
  let i = h.length;
  h.push(ev);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = h[p]!;
    if (!before(ev, parent)) break;
    h[i] = parent;
    i = p;
  }
  h[i] = ev;
}

export function peekTime(sim: SimState): number {
  return sim.heap.length > 0 ? sim.heap[0]!.t : Infinity;
}

export function popEvent(sim: SimState): SimEvent | undefined {
  const h = sim.heap;
  const top = h[0];
  const last = h.pop();
  if (top === undefined || last === undefined || h.length === 0) return top;
  let i = 0;
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && before(h[r]!, h[l]!) ? r : l;
    if (!before(h[c]!, last)) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
  return top;
}
