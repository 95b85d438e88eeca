// What every mart must contain, computed straight from the simulated world: the world's own
// objects (true stage of every visit, true exit times, hire times, sources, prospects) with plain
// loops, sharing nothing with the SQL. Values are normalised the way readMart() reads the warehouse:
// ids as strings, timestamps as ISO strings, dates as YYYY-MM-DD.
import { CANONICAL_RANK, type Application, type FunnelStage, type World } from '../../emulators/world/index.ts';

export type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;
const STAGES: readonly FunnelStage[] = ['applied', 'screen', 'interview', 'offer', 'hired'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const month = (ms: number) => `${new Date(ms).toISOString().slice(0, 7)}-01`;
const days = (from: number, to: number) => (to - from) / DAY_MS;
const ratio = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);
/** A job id as the warehouse holds it: text, null for applications without a job. */
const jobIdOf = (id: number | null) => (id === null ? null : String(id));
/** Grouping keys that keep a null job apart from every real one. */
const key = (...parts: (string | number | null)[]) => JSON.stringify(parts);
const unkey = <T extends unknown[]>(k: string) => JSON.parse(k) as T;

/** linear interpolation between closest ranks, as SQL percentile_cont */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export class Truth {
  constructor(
    readonly world: World,
    readonly connection: string,
  ) {}

  private stage(id: number) {
    return this.world.stages[id - 1]!;
  }

  private visits(a: Application) {
    return a.visitIds.map((id) => this.world.visits[id - 1]!);
  }

  private pipelineApps(): Application[] {
    return this.world.applications.filter((a) => !a.isProspect);
  }

  /** 1 applied … 5 hired: the furthest point an application got to */
  private furthest(a: Application): number {
    if (a.status === 'hired') return 5;
    let best = 1;
    for (const v of this.visits(a)) best = Math.max(best, CANONICAL_RANK[this.stage(v.stageId).canonical]);
    return best;
  }

  private visitedStages(a: Application): Set<FunnelStage> {
    const s = new Set<FunnelStage>(this.visits(a).map((v) => this.stage(v.stageId).canonical));
    if (a.status === 'hired') s.add('hired');
    return s;
  }

  private sourceName(a: Application): string {
    return this.world.sources[a.sourceId - 1]!.name;
  }

  /**
   * The job's name, department and office, which the marts carry for filtering: all null for no
   * job, and for a job deleted from the ATS (core.jobs no longer has it).
   */
  private jobDims(jobId: number | string | null): Row {
    const j = jobId === null ? undefined : this.world.jobs[Number(jobId) - 1];
    if (!j || j.deletedAt !== null) return { job_name: null, department_name: null, office_name: null };
    return { job_name: j.name, department_name: this.world.departments[j.departmentId - 1]!.name, office_name: this.world.offices[j.officeId - 1]!.name };
  }

  /** the newest activity of the connection (application, visit start or end), as pipeline_daily's last day */
  private lastActivity(): number {
    let last = 0;
    for (const a of this.world.applications) {
      last = Math.max(last, a.appliedAt);
      for (const v of this.visits(a)) last = Math.max(last, v.enteredAt, v.exitedAt ?? 0);
    }
    return last;
  }

  /** the latest non-deprecated offer version of each application that has one */
  private latestOffers() {
    return this.world.applications.flatMap((a) => {
      const live = a.offerIds.map((id) => this.world.offers[id - 1]!).filter((o) => o.status !== 'deprecated');
      return live.length === 0 ? [] : [live.reduce((x, y) => (y.version > x.version ? y : x))];
    });
  }

  funnel(): Row[] {
    const cohorts = new Map<string, Application[]>();
    for (const a of this.pipelineApps()) {
      const k = key(a.jobId, month(a.appliedAt));
      cohorts.set(k, [...(cohorts.get(k) ?? []), a]);
    }
    const rows: Row[] = [];
    for (const [k, apps] of cohorts) {
      const [job, appliedMonth] = unkey<[number | null, string]>(k);
      const jobId = jobIdOf(job);
      let previous: number | null = null;
      for (const [i, stage] of STAGES.entries()) {
        const reached = apps.filter((a) => this.furthest(a) >= i + 1).length;
        const visited = apps.filter((a) => this.visitedStages(a).has(stage)).length;
        rows.push({
          connection: this.connection, job_id: jobId, ...this.jobDims(job), applied_month: appliedMonth, canonical_stage: stage, stage_order: i + 1,
          reached, visited, conversion_from_previous: i === 0 ? null : ratio(reached, previous),
        });
        previous = reached;
      }
    }
    return rows;
  }

  timeToHire(): Row[] {
    return this.pipelineApps()
      .filter((a) => a.status === 'hired')
      .map((a) => ({
        connection: this.connection, application_id: String(a.id), candidate_id: String(a.candidateId), job_id: jobIdOf(a.jobId), ...this.jobDims(a.jobId),
        source_name: this.sourceName(a), applied_at: iso(a.appliedAt), hired_at: iso(a.hiredAt), days_to_hire: days(a.appliedAt, a.hiredAt!),
      }));
  }

  timeInStage(): Row[] {
    const groups = new Map<string, { closed: number[]; open: number }>();
    for (const a of this.world.applications) {
      for (const v of this.visits(a)) {
        const k = key(a.jobId, this.stage(v.stageId).canonical);
        const g = groups.get(k) ?? { closed: [], open: 0 };
        if (v.exitedAt === null) g.open++;
        else g.closed.push(days(v.enteredAt, v.exitedAt));
        groups.set(k, g);
      }
    }
    return [...groups].map(([k, g]) => {
      const [job, stage] = unkey<[number | null, string]>(k);
      const jobId = jobIdOf(job);
      const sorted = [...g.closed].sort((x, y) => x - y);
      return {
        connection: this.connection, job_id: jobId, canonical_stage: stage, closed_visits: g.closed.length, open_visits: g.open,
        avg_days: mean(g.closed), median_days: percentileCont(sorted, 0.5), p90_days: percentileCont(sorted, 0.9),
      };
    });
  }

  sourceEffectiveness(): Row[] {
    const groups = new Map<string, Application[]>();
    for (const a of this.pipelineApps()) groups.set(this.sourceName(a), [...(groups.get(this.sourceName(a)) ?? []), a]);
    return [...groups].map(([name, apps]) => {
      const hires = apps.filter((a) => a.status === 'hired').length;
      return {
        connection: this.connection, source_name: name, applications: apps.length,
        reached_interview: apps.filter((a) => this.furthest(a) >= 3).length,
        reached_offer: apps.filter((a) => this.furthest(a) >= 4).length,
        hires, hire_rate: hires / apps.length,
      };
    });
  }

  offerAcceptance(): Row[] {
    const perJob = new Map<number, { accepted: number; declined: number; pending: number }>();
    for (const a of this.world.applications) {
      const live = a.offerIds.map((id) => this.world.offers[id - 1]!).filter((o) => o.status !== 'deprecated');
      if (live.length === 0) continue;
      const latest = live.reduce((x, y) => (y.version > x.version ? y : x));
      const g = perJob.get(latest.jobId) ?? { accepted: 0, declined: 0, pending: 0 };
      g[latest.status as 'accepted' | 'declined' | 'pending']++;
      perJob.set(latest.jobId, g);
    }
    return [...perJob].map(([jobId, g]) => ({
      connection: this.connection, job_id: String(jobId), offers: g.accepted + g.declined + g.pending, ...g,
      acceptance_rate: ratio(g.accepted, g.accepted + g.declined),
    }));
  }

  /** in a stage at the end of day D: entered on or before D, not left by the end of D; days up to the last activity */
  pipelineDaily(): Row[] {
    let last = 0;
    for (const a of this.world.applications) {
      last = Math.max(last, Date.parse(day(a.appliedAt)));
      for (const v of this.visits(a)) {
        last = Math.max(last, Date.parse(day(v.enteredAt)));
        if (v.exitedAt !== null) last = Math.max(last, Date.parse(day(v.exitedAt)));
      }
    }
    const counts = new Map<string, number>();
    for (const a of this.pipelineApps()) {
      for (const v of this.visits(a)) {
        const stage = this.stage(v.stageId).canonical;
        const end = v.exitedAt === null ? last : Date.parse(day(v.exitedAt)) - DAY_MS;
        for (let d = Date.parse(day(v.enteredAt)); d <= end; d += DAY_MS) {
          const k = key(day(d), a.jobId, stage);
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
    }
    return [...counts].map(([k, n]) => {
      const [d, job, stage] = unkey<[string, number | null, string]>(k);
      return { connection: this.connection, day: d, job_id: jobIdOf(job), ...this.jobDims(job), canonical_stage: stage, active_applications: n };
    });
  }

  jobFill(): Row[] {
    return this.world.openings.map((o) => {
      const filled = o.applicationId !== null && o.closedAt !== null;
      return {
        connection: this.connection, job_id: String(o.jobId), ...this.jobDims(o.jobId), opening_id: String(o.id), opened_at: iso(o.openedAt),
        filled_at: filled ? iso(o.closedAt) : null,
        days_to_fill: filled && o.openedAt !== null ? days(o.openedAt, o.closedAt!) : null,
      };
    });
  }

  /** source_effectiveness per job and application month */
  sourceFunnel(): Row[] {
    const groups = new Map<string, Application[]>();
    for (const a of this.pipelineApps()) {
      const k = key(a.jobId, month(a.appliedAt), this.sourceName(a));
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    return [...groups].map(([k, apps]) => {
      const [job, appliedMonth, source] = unkey<[number | null, string, string]>(k);
      return {
        connection: this.connection, job_id: jobIdOf(job), ...this.jobDims(job), applied_month: appliedMonth, source_name: source,
        applications: apps.length,
        reached_interview: apps.filter((a) => this.furthest(a) >= 3).length,
        reached_offer: apps.filter((a) => this.furthest(a) >= 4).length,
        hires: apps.filter((a) => a.status === 'hired').length,
      };
    });
  }

  /** offer_acceptance per job and the month the counted (latest) offer version was created */
  offersMonthly(): Row[] {
    const groups = new Map<string, { accepted: number; declined: number; pending: number }>();
    for (const o of this.latestOffers()) {
      const k = key(o.jobId, month(o.createdAt));
      const g = groups.get(k) ?? { accepted: 0, declined: 0, pending: 0 };
      g[o.status as 'accepted' | 'declined' | 'pending']++;
      groups.set(k, g);
    }
    return [...groups].map(([k, g]) => {
      const [job, offerMonth] = unkey<[number | null, string]>(k);
      return { connection: this.connection, job_id: jobIdOf(job), ...this.jobDims(job), offer_month: offerMonth, offers: g.accepted + g.declined + g.pending, ...g };
    });
  }

  /** every visit of a pipeline application, with its length or (while open) its age at the last activity */
  stageDurations(): Row[] {
    const last = this.lastActivity();
    return this.pipelineApps().flatMap((a) =>
      this.visits(a).map((v) => ({
        connection: this.connection, visit_id: String(v.id), application_id: String(a.id), job_id: jobIdOf(a.jobId), ...this.jobDims(a.jobId),
        canonical_stage: this.stage(v.stageId).canonical, entered_at: iso(v.enteredAt), exited_at: iso(v.exitedAt),
        days: v.exitedAt === null ? null : days(v.enteredAt, v.exitedAt),
        open_days: v.exitedAt === null ? days(v.enteredAt, last) : null,
      })),
    );
  }

  /** core.applications, the columns the marts build on */
  applications(): Row[] {
    return this.world.applications.map((a) => ({
      connection: this.connection, application_id: String(a.id), candidate_id: String(a.candidateId), job_id: jobIdOf(a.jobId),
      is_prospect: a.isProspect, source_name: this.sourceName(a), applied_at: iso(a.appliedAt), status: a.status,
      current_canonical_stage: a.currentStageId === null ? null : this.stage(a.currentStageId).canonical,
      rejected_at: iso(a.rejectedAt), rejection_type: a.rejectionReasonId ? this.world.rejectionReasons[a.rejectionReasonId - 1]!.type : null,
      hired_at: iso(a.hiredAt),
    }));
  }

  /** core.stage_visits with the true stage meaning and the true end of every visit */
  stageVisits(): Row[] {
    return this.world.visits.map((v) => ({
      connection: this.connection, visit_id: String(v.id), application_id: String(v.applicationId),
      job_id: jobIdOf(this.world.applications[v.applicationId - 1]!.jobId), stage_id: String(v.stageId),
      canonical_stage: this.stage(v.stageId).canonical, entered_at: iso(v.enteredAt), exited_at: iso(v.exitedAt),
    }));
  }
}
