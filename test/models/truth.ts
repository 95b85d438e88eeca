// What every mart must contain, computed straight from the simulated world: the world's own
// objects (true stage of every visit, true exit times, hire times, sources, prospects) with plain
// loops, sharing nothing with the SQL. Values are normalised the way readMart() reads the warehouse:
// ids as strings, timestamps as ISO strings, dates as YYYY-MM-DD.
import {
  ATTRIBUTES, CANONICAL_RANK, customFieldValues, teamOf, type Application, type CustomFieldEntity, type FunnelStage, type World,
} from '../../emulators/world/index.ts';

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
const idOrNull = (id: number | null) => (id === null ? null : String(id));
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

export interface TruthOptions {
  /**
   * Whether a deleted job's hiring team is still listed (Greenhouse: its team records stay; Lever:
   * a deleted posting takes its owner with it), so applications nobody was assigned on still get
   * the job's recruiter and coordinator. Default true.
   */
  readonly deletedJobsKeepTeams?: boolean;
  /** Whether applications name their own recruiter and coordinator (Workday's do not: the requisition's). Default true. */
  readonly applicationsNameRecruiters?: boolean;
  /** Whether the vendor's connector reads anyone at all (recruiters, hiring managers); default true. */
  readonly namesPeople?: boolean;
  /**
   * When the connection last read the account completely (a first run, a full refresh). ATS APIs
   * show no hard-deleted user, so a user deleted since is still in core.users (and names resolve)
   * until the next complete read. Default: the world's now (every deletion seen).
   */
  readonly completeReadAt?: number;
}

export class Truth {
  constructor(
    readonly world: World,
    readonly connection: string,
    readonly opts: TruthOptions = {},
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

  /** The application's recruiter: its own, else (nobody assigned on it) its job's primary now. */
  recruiterOf(a: Application): number | null {
    if (this.opts.namesPeople === false) return null;
    if (a.jobId !== null && this.opts.applicationsNameRecruiters === false) return this.world.jobs[a.jobId - 1]!.recruiterId;
    if (!a.unassigned || a.jobId === null) return a.recruiterId;
    const job = this.world.jobs[a.jobId - 1]!;
    return job.deletedAt !== null && this.opts.deletedJobsKeepTeams === false ? null : job.recruiterId;
  }

  coordinatorOf(a: Application): number | null {
    if (!a.unassigned || a.jobId === null) return a.coordinatorId;
    const job = this.world.jobs[a.jobId - 1]!;
    return job.deletedAt !== null && this.opts.deletedJobsKeepTeams === false ? null : job.coordinatorId;
  }

  /** The job's primary hiring manager, as core.jobs carries it (null for no job or a deleted one). */
  private hiringManagerOf(jobId: number | string | null): string | null {
    if (this.opts.namesPeople === false) return null;
    const j = jobId === null ? undefined : this.world.jobs[Number(jobId) - 1];
    return !j || j.deletedAt !== null ? null : String(j.hiringManagerId);
  }

  /** A user the warehouse no longer has: deleted in the ATS before the connection's last complete read. */
  userGone(id: number): boolean {
    const u = this.world.users[id - 1]!;
    return u.deletedAt !== null && (this.opts.completeReadAt === undefined || u.deletedAt <= this.opts.completeReadAt);
  }

  private userName(id: number | null): string | null {
    const u = id === null ? undefined : this.world.users[id - 1];
    return !u || this.userGone(u.id) ? null : `${u.firstName} ${u.lastName}`;
  }

  private isReferral(a: Application): boolean {
    return this.world.sources[a.sourceId - 1]!.type === 'referral';
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
      const k = key(a.jobId, month(a.appliedAt), this.recruiterOf(a));
      cohorts.set(k, [...(cohorts.get(k) ?? []), a]);
    }
    const rows: Row[] = [];
    for (const [k, apps] of cohorts) {
      const [job, appliedMonth, recruiter] = unkey<[number | null, string, number | null]>(k);
      const jobId = jobIdOf(job);
      let previous: number | null = null;
      for (const [i, stage] of STAGES.entries()) {
        const reached = apps.filter((a) => this.furthest(a) >= i + 1).length;
        const visited = apps.filter((a) => this.visitedStages(a).has(stage)).length;
        rows.push({
          connection: this.connection, job_id: jobId, ...this.jobDims(job), hiring_manager_id: this.hiringManagerOf(job), applied_month: appliedMonth,
          recruiter_id: recruiter === null ? null : String(recruiter), canonical_stage: stage, stage_order: i + 1,
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
        hiring_manager_id: this.hiringManagerOf(a.jobId), recruiter_id: idOrNull(this.recruiterOf(a)),
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

  /** core.applications' people columns (the world's own; vendors differ where their API does) */
  applicationPeople(): Row[] {
    return this.world.applications.map((a) => {
      const referral = this.isReferral(a);
      return {
        connection: this.connection, application_id: String(a.id),
        recruiter_id: idOrNull(this.recruiterOf(a)), coordinator_id: idOrNull(this.coordinatorOf(a)),
        credited_to_user_id: a.creditedToId === null ? null : String(a.creditedToId),
        referrer_name: referral ? (a.referrerName ?? this.fullName(a.referrerId)) : null,
        referrer_user_id: referral && a.referrerId !== null ? String(a.referrerId) : null,
      };
    });
  }

  private fullName(id: number | null): string | null {
    const u = id === null ? undefined : this.world.users[id - 1];
    return u ? `${u.firstName} ${u.lastName}` : null;
  }

  /** core.job_team: every job's team now */
  jobTeam(): Row[] {
    return this.world.jobs.flatMap((j) =>
      teamOf(this.world, j).map((m) => ({ connection: this.connection, job_id: String(j.id), user_id: String(m.userId), role: m.role, is_primary: m.primary })));
  }

  /** core.users: every user the account still has (as of the last complete read), deactivated ones included */
  users(): Row[] {
    return this.world.users.filter((u) => !this.userGone(u.id)).map((u) => ({
      connection: this.connection, user_id: String(u.id), full_name: `${u.firstName} ${u.lastName}`, is_disabled: u.disabled,
    }));
  }

  private scorecardOf(ivId: number, userId: number) {
    return this.world.interviews[ivId - 1]!.scorecardIds.map((id) => this.world.scorecards[id - 1]!).find((s) => s.interviewerId === userId);
  }

  /** core.interview_interviewers: every seat of every panel with its scorecard */
  interviewInterviewers(): Row[] {
    return this.world.interviews.flatMap((iv) => iv.interviewerIds.map((u) => {
      const sc = this.scorecardOf(iv.id, u);
      return {
        connection: this.connection, interview_id: String(iv.id), application_id: String(iv.applicationId), user_id: String(u),
        scorecard_id: sc ? String(sc.id) : null, scorecard_status: sc ? 'submitted' : iv.status === 'cancelled' ? 'cancelled' : 'pending',
      };
    }));
  }

  /** core.scorecards */
  scorecards(): Row[] {
    return this.world.scorecards.map((s) => ({
      connection: this.connection, scorecard_id: String(s.id), application_id: String(s.applicationId), interview_id: String(s.interviewId),
      interviewer_id: String(s.interviewerId), overall_recommendation: s.recommendation, interviewed_at: iso(s.interviewedAt), submitted_at: iso(s.submittedAt),
    }));
  }

  /** core.scorecard_ratings on the canonical 1–5 scale (item_key and raw_rating are the vendor's: filled in by each suite) */
  scorecardRatings(): Row[] {
    return this.world.scorecards.flatMap((s) => s.ratings.map((r) => ({
      connection: this.connection, scorecard_id: String(s.id), item_type: 'attribute', item_name: ATTRIBUTES[r.attribute]!.name,
      item_group: ATTRIBUTES[r.attribute]!.category, rating: r.rating,
    })));
  }

  /** core.custom_field_values of the given entities (record ids as the world's; field_type the world's type name) */
  customFieldValues(entities: readonly CustomFieldEntity[]): Row[] {
    const w = this.world;
    const records: Record<CustomFieldEntity, readonly { id: number; createdAt: number }[]> = {
      jobs: w.jobs.filter((j) => j.deletedAt === null), applications: w.applications, candidates: w.candidates.filter((c) => c.mergedInto === null),
      offers: w.offers, openings: w.openings,
    };
    return entities.flatMap((entity) => records[entity].flatMap((r) => customFieldValues(w, entity, r.id, r.createdAt).flatMap(({ def, value }) => {
      if (value === null) return [];
      const row: Row = {
        connection: this.connection, entity, record_id: String(r.id), field_key: def.key, field_name: def.name, field_type: def.type,
        value_text: null, value_number: null, value_date: null, value_bool: null,
      };
      if (value.type === 'text') row['value_text'] = value.value;
      else if (value.type === 'number') row['value_number'] = value.value;
      else if (value.type === 'bool') row['value_bool'] = value.value;
      else if (value.type === 'date') row['value_date'] = value.value;
      else if (value.type === 'options') row['value_text'] = value.value.join('; ');
      else if (value.type === 'currency') Object.assign(row, { value_number: value.amount, value_text: value.unit });
      else row['value_text'] = String(value.userId);
      return [row];
    })));
  }

  private latestOfferOf(a: Application) {
    const live = a.offerIds.map((id) => this.world.offers[id - 1]!).filter((o) => o.status !== 'deprecated');
    return live.length === 0 ? undefined : live.reduce((x, y) => (y.version > x.version ? y : x));
  }

  /** marts.recruiter_performance */
  recruiterPerformance(): Row[] {
    const groups = new Map<string, Application[]>();
    for (const a of this.pipelineApps()) {
      const k = key(this.recruiterOf(a), month(a.appliedAt));
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    return [...groups].map(([k, apps]) => {
      const [recruiter, appliedMonth] = unkey<[number | null, string]>(k);
      const hires = apps.filter((a) => a.status === 'hired');
      return {
        connection: this.connection, recruiter_id: idOrNull(recruiter), recruiter_name: this.userName(recruiter), applied_month: appliedMonth,
        applications: apps.length,
        reached_screen: apps.filter((a) => this.furthest(a) >= 2).length,
        reached_interview: apps.filter((a) => this.furthest(a) >= 3).length,
        reached_offer: apps.filter((a) => this.furthest(a) >= 4).length,
        hires: hires.length,
        median_days_to_hire: percentileCont(hires.map((a) => days(a.appliedAt, a.hiredAt!)).sort((x, y) => x - y), 0.5),
        offers_accepted: apps.filter((a) => this.latestOfferOf(a)?.status === 'accepted').length,
      };
    });
  }

  /** marts.interviewer_load: seats on interviews that were not called off, per interviewer and ISO week */
  interviewerLoad(): Row[] {
    const asOf = this.lastActivity();
    const HOUR_MS = 3_600_000;
    const groups = new Map<string, { hours: number[]; toSubmit: number[]; due: number; overdue: number; recs: string[] }>();
    for (const iv of this.world.interviews) {
      if (iv.status === 'cancelled') continue;
      const d = new Date(iv.startAt);
      const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY_MS;
      for (const u of iv.interviewerIds) {
        const sc = this.scorecardOf(iv.id, u);
        const k = key(u, day(monday));
        const g = groups.get(k) ?? { hours: [], toSubmit: [], due: 0, overdue: 0, recs: [] };
        g.hours.push((iv.endAt - iv.startAt) / HOUR_MS);
        const due = sc !== undefined || asOf - iv.endAt > DAY_MS;
        if (due) g.due++;
        if (due && (sc ? sc.submittedAt - iv.endAt > DAY_MS : asOf - iv.endAt > DAY_MS)) g.overdue++;
        if (sc) {
          g.toSubmit.push(days(iv.endAt, sc.submittedAt) * 24);
          g.recs.push(sc.recommendation);
        }
        groups.set(k, g);
      }
    }
    return [...groups].map(([k, g]) => {
      const [user, week] = unkey<[number, string]>(k);
      const count = (r: string) => g.recs.filter((x) => x === r).length;
      return {
        connection: this.connection, user_id: String(user), interviewer_name: this.userName(user), week_start: week,
        interviews: g.hours.length, hours: g.hours.reduce((a, b) => a + b, 0), scorecards_submitted: g.toSubmit.length,
        median_hours_to_submit: percentileCont([...g.toSubmit].sort((x, y) => x - y), 0.5),
        scorecards_due: g.due, scorecards_overdue: g.overdue, share_overdue: ratio(g.overdue, g.due),
        strong_yes: count('strong_yes'), yes: count('yes'), no: count('no'), strong_no: count('strong_no'), no_decision: count('no_decision'),
      };
    });
  }

  /** marts.hiring_manager_summary: per primary hiring manager of the jobs the ATS still has */
  hiringManagerSummary(): Row[] {
    const fills = new Map<string, number[]>();
    for (const r of this.jobFill()) if (r['days_to_fill'] !== null) fills.set(String(r['job_id']), [...(fills.get(String(r['job_id'])) ?? []), r['days_to_fill'] as number]);
    const groups = new Map<number, { jobs: number; open: number; apps: number; active: number; hires: number; fills: number[] }>();
    for (const j of this.world.jobs) {
      if (j.deletedAt !== null) continue;
      const g = groups.get(j.hiringManagerId) ?? { jobs: 0, open: 0, apps: 0, active: 0, hires: 0, fills: [] };
      g.jobs++;
      if (j.status === 'open') g.open++;
      for (const a of this.world.applications) {
        if (a.jobId !== j.id || a.isProspect) continue;
        g.apps++;
        if (a.status === 'active') g.active++;
        if (a.status === 'hired') g.hires++;
      }
      g.fills.push(...(fills.get(String(j.id)) ?? []));
      groups.set(j.hiringManagerId, g);
    }
    return [...groups].map(([hm, g]) => ({
      connection: this.connection, hiring_manager_id: String(hm), hiring_manager_name: this.userName(hm),
      jobs: g.jobs, open_jobs: g.open, applications: g.apps, active_pipeline: g.active, hires: g.hires,
      openings_filled: g.fills.length, median_days_to_fill: percentileCont([...g.fills].sort((x, y) => x - y), 0.5),
    }));
  }
}
