// Open openings' ages and the hiring plan as the simulated world says they are, with plain loops
// over the world's openings, jobs and applications (nothing shared with the SQL).
import type { World } from '../../emulators/world/index.ts';
import { isBackfill } from '../../emulators/world/index.ts';
import type { Row } from '../models/truth.ts';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const monthOf = (iso: string) => `${iso.slice(0, 7)}-01T00:00:00.000Z`;

export interface VendorShape {
  /** the vendor keeps per-opening target start dates (Greenhouse) */
  readonly targets: boolean;
  /** the vendor keeps a backfill flag (Lever's requisitions) */
  readonly backfill: boolean;
}

/** The connection's latest activity: newest application, visit entry or exit, or opening opened. */
export function asOf(world: World): number {
  let last = 0;
  for (const o of world.openings) last = Math.max(last, o.openedAt ?? 0);
  for (const a of world.applications) {
    last = Math.max(last, a.appliedAt);
    for (const id of a.visitIds) {
      const v = world.visits[id - 1]!;
      last = Math.max(last, v.enteredAt, v.exitedAt ?? 0);
    }
  }
  return last;
}

function jobDims(world: World, jobId: number): Row {
  const j = world.jobs[jobId - 1]!;
  if (j.deletedAt !== null) return { job_name: null, department_name: null, office_name: null };
  return { job_name: j.name, department_name: world.departments[j.departmentId - 1]!.name, office_name: world.offices[j.officeId - 1]!.name };
}

/** marts.requisition_aging without the vendor's ids (opening_id, job_id, opening_key). */
export function agingTruth(world: World, connection: string, shape: VendorShape): Row[] {
  const at = asOf(world);
  const rows: Row[] = [];
  for (const o of world.openings) {
    if (o.openedAt === null || o.closedAt !== null) continue;
    const active = world.applications.filter((a) => a.jobId === o.jobId && !a.isProspect && a.status === 'active');
    const inStage = (c: string) => active.filter((a) => a.currentStageId !== null && world.stages[a.currentStageId - 1]!.canonical === c).length;
    const daysOpen = (at - o.openedAt) / DAY;
    const target = shape.targets ? o.targetStartOn : null;
    rows.push({
      connection, ...jobDims(world, o.jobId),
      is_backfill: shape.backfill ? isBackfill(world, o.jobId) : null,
      opened_at: new Date(o.openedAt).toISOString(), as_of: new Date(at).toISOString(), days_open: daysOpen,
      age_bucket: daysOpen < 30 ? '0-29' : daysOpen < 60 ? '30-59' : daysOpen < 90 ? '60-89' : '90+',
      target_start_on: target === null ? null : `${target}T00:00:00.000Z`,
      days_past_target_start: target === null ? null : dayNumber(day(at)) - dayNumber(target),
      pipeline_active: active.length, pipeline_applied: inStage('applied'), pipeline_screen: inStage('screen'),
      pipeline_interview: inStage('interview'), pipeline_offer: inStage('offer'),
    });
  }
  return rows;
}

/** marts.hiring_plan: per department and month, openings due by target date against those filled. */
export function hiringPlanTruth(world: World, connection: string, shape: VendorShape): Row[] {
  const groups = new Map<string, { department: string | null; month: string; due: number; filled: number; onTime: number; open: number; slips: number[]; hires: number }>();
  const group = (department: string | null, month: string) => {
    const k = JSON.stringify([department, month]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { department, month, due: 0, filled: 0, onTime: 0, open: 0, slips: [], hires: 0 }));
    return g;
  };
  for (const o of world.openings) {
    const department = jobDims(world, o.jobId)['department_name'] as string | null;
    const filledOn = o.closedAt !== null && o.applicationId !== null ? day(o.closedAt) : null;
    const target = shape.targets ? o.targetStartOn : null;
    if (target !== null) {
      const g = group(department, monthOf(target));
      g.due++;
      if (o.closedAt === null) g.open++;
      if (filledOn !== null) {
        g.filled++;
        if (filledOn <= target) g.onTime++;
        g.slips.push(dayNumber(filledOn) - dayNumber(target));
      }
    }
    if (filledOn !== null) group(department, monthOf(filledOn)).hires++;
  }
  return [...groups.values()].map((g) => ({
    connection, department_name: g.department, month: g.month,
    openings_due: g.due, due_filled: g.filled, due_filled_on_time: g.onTime, due_open: g.open, hires: g.hires,
    fill_rate: g.due === 0 ? null : g.filled / g.due, on_time_rate: g.due === 0 ? null : g.onTime / g.due,
    avg_slippage_days: g.slips.length === 0 ? null : g.slips.reduce((a, b) => a + b, 0) / g.slips.length,
  }));
}
