// What the marts must hold for a Workday connection, from the world objects and test/models'
// Truth: the same truth as every vendor, spelled with Workday's ids, minus what Workday genuinely
// does not show (prospects as applications, who ended a rejection, offers, openings). For runs
// without the RaaS report, `observedWorld` replays what each run could see and applies the
// documented rebuilding rule, giving the exact marts that cadence allows.
import type { Application, StageVisit, World } from '../../emulators/world/index.ts';
import { Truth, type Row } from '../models/truth.ts';
import { kit } from '../../emulators/workday/kit.ts';

const prefix: Record<string, string> = { job_id: 'REQ-', application_id: 'JOB_APPLICATION-', candidate_id: 'CAND-' };
/** Workers are named by Employee_ID (the world's employeeId, E1000 + id). */
const USER_COLUMNS = ['user_id', 'recruiter_id', 'coordinator_id', 'credited_to_user_id', 'referrer_user_id', 'hiring_manager_id'];

/** A world in which prospects (not job applications in Workday) do not extend the pipeline's last day. */
export function workdayView(world: World): World {
  const w = kit.shownWorld!(world);
  // Workers named on requisitions and applications stay named (Workday does not lose a worker the
  // way an ATS deletes a user).
  for (const u of w.users) u.deletedAt = null;
  return w;
}

/** Truth options for Workday: applications name no recruiter of their own (the requisition's). */
export const WORKDAY_TRUTH = { applicationsNameRecruiters: false } as const;

/** Truth rows with world ids as Workday renders them, for connection `connection`. */
export function workdayRows(rows: Row[], world: World, visitIds?: Map<number, string>): Row[] {
  return rows.map((r) => {
    const out: Row = { ...r };
    for (const [k, p] of Object.entries(prefix)) if (typeof out[k] === 'string') out[k] = p + String(out[k]);
    if ('stage_id' in out && typeof out['stage_id'] === 'string') out['stage_id'] = world.stages[Number(out['stage_id']) - 1]!.name;
    if ('visit_id' in out && visitIds) out['visit_id'] = visitIds.get(Number(r['visit_id']));
    if ('rejection_type' in out && out['status'] === 'rejected') out['rejection_type'] = 'unspecified';
    for (const k of USER_COLUMNS) if (typeof out[k] === 'string') out[k] = world.users[Number(out[k]) - 1]!.employeeId;
    return out;
  });
}

/** Visit ids as the report path numbers them: `<application>#<n>`, n in order of entry. */
export function reportVisitIds(world: World): Map<number, string> {
  const ids = new Map<number, string>();
  for (const a of world.applications) a.visitIds.forEach((v, i) => ids.set(v, `JOB_APPLICATION-${a.id}#${i + 1}`));
  return ids;
}

/** What one run saw of one application (Workday shows only this). */
export interface Observation {
  /** the run's snapshot moment (As_Of_Entry_DateTime = the world clock) */
  at: number;
  /** world stage id of the current step; null at Ready for Hire */
  stageId: number | null;
  statusAt: number;
  final: boolean;
}

/** The application as a run renders it. */
export function observe(world: World, a: Application): Observation {
  const last = world.visits[a.visitIds.at(-1)! - 1]!;
  if (a.status === 'hired') return { at: world.now, stageId: null, statusAt: a.hiredAt!, final: true };
  return { at: world.now, stageId: last.stageId, statusAt: a.status === 'rejected' ? a.rejectedAt! : last.enteredAt, final: a.status === 'rejected' };
}

/**
 * The world as the runs saw it: every application's visits replaced by those the rebuilding rule
 * makes of its observations (see transforms/macros/stage-visits-from-snapshots.ts), each visit
 * ending where the next starts or, for the last one of a finished application, at its outcome.
 * `observations` holds, per application id, what each run that landed it saw, in run order.
 */
export function observedWorld(world: World, observations: Map<number, Observation[]>): { world: World; visitIds: Map<number, string> } {
  const w = workdayView(world);
  const runs = [...new Set([...observations.values()].flat().map((o) => o.at))].sort((x, y) => x - y);
  const previousRun = (at: number) => runs.filter((r) => r < at).at(-1) ?? null;
  w.visits = [];
  const visitIds = new Map<number, string>();
  for (const a of w.applications) {
    a.visitIds = [];
    const seen = (observations.get(a.id) ?? []).filter((o) => o.stageId !== null);
    const moves: { stageId: number; entered: number }[] = [];
    let prev: Observation | null = null;
    for (const o of seen) {
      const isNew = prev === null || o.stageId !== prev.stageId || (!o.final && !prev.final && o.statusAt > prev.statusAt);
      if (isNew) {
        const pr = previousRun(o.at);
        const earliest = pr === null ? a.appliedAt : Math.max(pr, a.appliedAt);
        moves.push({ stageId: o.stageId!, entered: !o.final && o.statusAt >= earliest ? o.statusAt : earliest });
      }
      prev = o;
    }
    // A hire's current stage is its last visit's (Ready for Hire is the outcome).
    if (a.status === 'hired') a.currentStageId = moves.at(-1)?.stageId ?? null;
    moves.forEach((m, i) => {
      const next = moves[i + 1];
      const outcome = a.status === 'hired' ? a.hiredAt : a.status === 'rejected' ? a.rejectedAt : null;
      const v: StageVisit = {
        id: w.visits.length + 1,
        applicationId: a.id,
        stageId: m.stageId,
        enteredAt: m.entered,
        exitedAt: next ? next.entered : outcome,
        createdAt: m.entered,
        updatedAt: m.entered,
      };
      w.visits.push(v);
      a.visitIds.push(v.id);
      visitIds.set(v.id, `JOB_APPLICATION-${a.id}@${i + 1}`);
    });
  }
  return { world: w, visitIds };
}

export { Truth };
