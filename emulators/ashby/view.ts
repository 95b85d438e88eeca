// What the emulator's Ashby account holds right now, per list endpoint: the world's records as
// rows in Ashby's stable list order, each with the moment anything shown on it last changed (the
// incremental-sync filter). Rebuilt only when the world has moved, so paging a large world stays
// cheap.
import type { Application, Interview, Job, Offer, World } from '../world/index.ts';
import { AshbyIds } from './ids.ts';
import { sortRows, type ListRow } from './paging.ts';
import * as render from './render.ts';

export interface ApplicationRow extends ListRow {
  readonly app: Application;
  readonly status: string;
  readonly jobId: string;
}
export interface JobRow extends ListRow {
  readonly job: Job;
  readonly status: string;
}
export interface PlanRow extends ListRow {
  readonly job: Job;
  readonly archived: boolean;
}
export interface ScheduleRow extends ListRow {
  readonly iv: Interview;
  readonly applicationId: string;
  readonly stageId: string;
}
export interface FeedbackRow extends ListRow {
  readonly applicationId: string;
}
export interface OfferRow extends ListRow {
  readonly applicationId: string;
  readonly acceptanceStatus: string;
  readonly offerStatus: string;
}
export interface UserRow extends ListRow {
  readonly enabled: boolean;
}

export interface Snapshot {
  readonly applications: ApplicationRow[];
  readonly applicationById: Map<string, Application>;
  readonly candidates: ListRow[];
  readonly jobs: JobRow[];
  readonly plans: PlanRow[];
  readonly planById: Map<string, Job>;
  readonly interviews: ListRow[];
  readonly schedules: ScheduleRow[];
  readonly feedback: FeedbackRow[];
  readonly offers: OfferRow[];
  readonly openings: ListRow[];
  readonly users: UserRow[];
  readonly departments: ListRow[];
  readonly locations: ListRow[];
  readonly sources: ListRow[];
  readonly archiveReasons: ListRow[];
}

export interface AshbyViewOptions {
  /** whether the API key may see confidential jobs and their applications (default true) */
  readonly confidentialAccess?: boolean;
}

const max = (...xs: number[]) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

export class AshbyView {
  readonly world: World;
  readonly ids: AshbyIds;
  readonly ctx: render.RenderContext;
  readonly confidentialAccess: boolean;
  #fingerprint = '';
  #snapshot: Snapshot | null = null;

  constructor(world: World, opts: AshbyViewOptions = {}) {
    this.world = world;
    this.ids = new AshbyIds(world.seed);
    this.ctx = { world, ids: this.ids };
    this.confidentialAccess = opts.confidentialAccess ?? true;
  }

  /** The account's clock: the moment a sync pass starting now reads up to. */
  get now(): number {
    return this.world.now;
  }

  /** Forget the cached lists (after editing world records by hand). */
  invalidate(): void {
    this.#snapshot = null;
  }

  visibleJob(job: Job): boolean {
    return this.confidentialAccess || !job.confidential;
  }

  /** Applications Ashby has: every world application to a job the key may see (pool prospects are candidates only). */
  shown(app: Application): boolean {
    return app.jobId !== null && this.visibleJob(this.world.jobs[app.jobId - 1]!);
  }

  snapshot(): Snapshot {
    const { sim } = this.world;
    const fp = `${this.world.now}|${sim.seq}|${sim.heap.length}|${sim.rng.join(',')}|${this.world.applications.length}`;
    if (this.#snapshot === null || fp !== this.#fingerprint) {
      this.#snapshot = this.#build();
      this.#fingerprint = fp;
    }
    return this.#snapshot;
  }

  #build(): Snapshot {
    const { world, ids, ctx } = this;
    // A sync token returns the records whose representation may have changed: their own updatedAt,
    // or an object they embed (a candidate's contact details, a user with its updatedAt, a renamed
    // stage's title). A superset of what changed, never less.
    const userAt = (id: number | null) => (id === null ? -Infinity : world.users[id - 1]!.updatedAt);
    const row = <T extends object>(createdAt: number, id: string, changedAt: number, show: () => Record<string, unknown>, extra: T): ListRow & T =>
      ({ key: [createdAt, id] as const, changedAt, render: show, ...extra });

    const applications: ApplicationRow[] = [];
    const applicationById = new Map<string, Application>();
    for (const app of world.applications) {
      if (!this.shown(app)) continue;
      const id = ids.of('application', app.id);
      applicationById.set(id, app);
      const stage = app.currentStageId === null ? -Infinity : world.stages[app.currentStageId - 1]!.updatedAt;
      const changed = max(app.updatedAt, world.candidates[app.candidateId - 1]!.updatedAt, stage, userAt(app.referrerId));
      applications.push(row(app.createdAt, id, changed, () => render.renderApplication(ctx, app), {
        app, status: render.applicationStatus(app), jobId: ids.of('job', app.jobId!),
      }));
    }

    const candidates: ListRow[] = [];
    for (const c of world.candidates) {
      if (c.mergedInto !== null) continue;
      const shownApps = c.applicationIds.filter((id) => this.shown(world.applications[id - 1]!));
      candidates.push(row(c.createdAt, ids.of('candidate', c.id), c.updatedAt, () => render.renderCandidate(ctx, c, shownApps), {}));
    }

    const jobs: JobRow[] = [];
    const plans: PlanRow[] = [];
    const planById = new Map<string, Job>();
    for (const job of world.jobs) {
      if (!this.visibleJob(job)) continue;
      const jobChanged = max(job.updatedAt, userAt(job.recruiterId));
      jobs.push(row(job.createdAt, ids.of('job', job.id), jobChanged, () => render.renderJob(ctx, job), { job, status: render.jobStatus(job) }));
      // A plan changes when one of its stages is renamed, or when its job is archived.
      const planChanged = max(job.createdAt, job.deletedAt ?? -Infinity, ...job.stageIds.map((sid) => world.stages[sid - 1]!.updatedAt));
      const planId = ids.of('plan', job.id);
      planById.set(planId, job);
      plans.push(row(job.createdAt, planId, planChanged, () => render.renderPlan(ctx, job, planChanged), { job, archived: job.deletedAt !== null }));
    }

    const definitions = new Map<string, render.InterviewDefinition>();
    const schedules: ScheduleRow[] = [];
    for (const iv of world.interviews) {
      const app = world.applications[iv.applicationId - 1]!;
      if (!this.shown(app)) continue;
      const key = render.definitionKey(iv.stageId, iv.kitIndex);
      if (!definitions.has(key)) definitions.set(key, { stage: world.stages[iv.stageId - 1]!, kitIndex: iv.kitIndex, title: iv.name, createdAt: iv.createdAt });
      const ivChanged = max(iv.updatedAt, userAt(iv.organizerId), ...iv.interviewerIds.map(userAt));
      schedules.push(row(iv.createdAt, ids.of('schedule', iv.id), ivChanged, () => render.renderSchedule(ctx, iv, iv.updatedAt), {
        iv, applicationId: ids.of('application', app.id), stageId: ids.of('stage', iv.stageId),
      }));
    }
    const interviews = [...definitions].map(([key, d]) => row(d.createdAt, ids.of('interview', key), d.createdAt, () => render.renderInterviewDefinition(ctx, d), {}));

    const feedback: FeedbackRow[] = [];
    for (const sc of world.scorecards) {
      const app = world.applications[sc.applicationId - 1]!;
      if (!this.shown(app)) continue;
      feedback.push(row(sc.submittedAt, ids.of('feedback', sc.id), max(sc.updatedAt, userAt(sc.interviewerId)), () => render.renderFeedback(ctx, sc), { applicationId: ids.of('application', app.id) }));
    }

    const offers: OfferRow[] = [];
    for (const app of world.applications) {
      if (app.offerIds.length === 0 || !this.shown(app)) continue;
      const versions: Offer[] = app.offerIds.map((id) => world.offers[id - 1]!);
      const status = render.acceptanceStatus(versions[versions.length - 1]!);
      const rendered = () => render.renderOffer(ctx, versions);
      offers.push(row(versions[0]!.createdAt, ids.of('offer', versions[0]!.id), max(userAt(app.recruiterId), ...versions.map((o) => o.updatedAt)), rendered, {
        applicationId: ids.of('application', app.id), acceptanceStatus: status, offerStatus: String(rendered()['offerStatus']),
      }));
    }

    const openings = world.openings
      .filter((o) => this.visibleJob(world.jobs[o.jobId - 1]!))
      .map((o) => row(o.createdAt, ids.of('opening', o.id), o.updatedAt, () => render.renderOpening(ctx, o), {}));
    const users = world.users
      .filter((u) => u.deletedAt === null)
      .map((u) => row(u.createdAt, ids.of('user', u.id), u.updatedAt, () => render.renderUser(ctx, u), { enabled: !u.disabled }));
    const departments = world.departments.map((d) => row(d.createdAt, ids.of('department', d.id), d.updatedAt, () => render.renderDepartment(ctx, d), {}));
    const locations = world.offices.map((o) => row(o.createdAt, ids.of('location', o.id), o.updatedAt, () => render.renderLocation(ctx, o), {}));
    const sources = world.sources.map((s) => row(s.createdAt, ids.of('source', s.id), s.updatedAt, () => render.renderSource(ctx, s), {}));
    const archiveReasons = world.rejectionReasons.map((r) => row(r.createdAt, ids.of('archive_reason', r.id), r.updatedAt, () => render.renderArchiveReason(ctx, r.id), {}));

    return {
      applications: sortRows(applications), applicationById, candidates: sortRows(candidates), jobs: sortRows(jobs), plans: sortRows(plans), planById,
      interviews: sortRows(interviews), schedules: sortRows(schedules), feedback: sortRows(feedback), offers: sortRows(offers),
      openings: sortRows(openings), users: sortRows(users), departments: sortRows(departments), locations: sortRows(locations),
      sources: sortRows(sources), archiveReasons: sortRows(archiveReasons),
    };
  }
}
