// What the emulator's Workable account holds right now: the world's jobs, candidates and members
// in Workable's list order (inserted first, first: id order), minus what the account deleted. An
// erased person's candidates are deleted (Workable's right to erasure is a hard delete): gone from
// /candidates, and their detail, activities and offer answer 404.
// Rebuilt only when the world has moved (advanced, touched), so paging a large world stays cheap.
import { isErased, type Application, type Job, type User, type World } from '../world/index.ts';
import { WorkableIds } from './ids.ts';
import { activitiesOf, candidateChangedAt, currentStageOf, jobOf, requalificationOf, type ActivityRow, type RenderContext } from './render.ts';
import { slugOf } from './catalog.ts';

export interface CandidateRow {
  app: Application;
  id: string;
  createdAt: number;
  /** what `updated_at` says, before rounding to the second */
  updatedAt: number;
  /** the job's shortcode; null in the talent pool */
  shortcode: string | null;
  /** slug of the stage it is in now */
  stageSlug: string;
  email: string;
}

export interface JobRow {
  job: Job;
  id: string;
  shortcode: string;
  createdAt: number;
  updatedAt: number;
}

export interface Snapshot {
  jobs: JobRow[];
  jobByShortcode: Map<string, JobRow>;
  candidates: CandidateRow[];
  candidateById: Map<string, CandidateRow>;
  /** members not deleted from the account */
  members: { user: User; id: string }[];
}

export class WorkableView {
  readonly world: World;
  readonly ids: WorkableIds;
  readonly ctx: RenderContext;
  #fingerprint = '';
  #snapshot: Snapshot | null = null;
  /** world stage id → when it was renamed, as first seen (see #noteRenames) */
  readonly #renamedAt = new Map<number, number>();

  constructor(world: World, subdomain: string) {
    this.world = world;
    this.ids = new WorkableIds(world.seed);
    this.ctx = { world, ids: this.ids, subdomain, renamedAt: (stage) => this.#renamedAt.get(stage.id) ?? null };
    this.#noteRenames();
  }

  /**
   * The world keeps a stage's current name and its last update, not its history. A stage renamed
   * in place (name no longer its template, updated after it was created) was renamed at that
   * update; remembered the first time it is seen, since deleting the job updates its stages again.
   */
  #noteRenames(): void {
    for (const st of this.world.stages) {
      if (st.name !== st.template && st.updatedAt > st.createdAt && !this.#renamedAt.has(st.id)) this.#renamedAt.set(st.id, st.updatedAt);
    }
  }

  /** Forget the cached lists (after editing world records by hand). */
  invalidate(): void {
    this.#snapshot = null;
  }

  snapshot(): Snapshot {
    const { sim } = this.world;
    // Every world change goes through the simulation clock, its event queue or its RNG.
    const fp = `${this.world.now}|${sim.seq}|${sim.heap.length}|${sim.rng.join(',')}|${this.world.applications.length}`;
    if (this.#snapshot === null || fp !== this.#fingerprint) {
      this.#noteRenames();
      this.#snapshot = this.#build();
      this.#fingerprint = fp;
    }
    return this.#snapshot;
  }

  activities(app: Application): ActivityRow[] {
    return activitiesOf(this.ctx, app);
  }

  /**
   * Ids of the activities that begin each of a world application's visits (its arrival for the
   * first, the move for the others), for tests mapping world visits to Workable.
   */
  visitActivityIds(app: Application): string[] {
    return app.visitIds.map((_, i) => this.ids.activity(app.id, i));
  }

  requalification(app: Application) {
    return requalificationOf(this.ctx, app);
  }

  #build(): Snapshot {
    const { world, ids, ctx } = this;
    const jobs: JobRow[] = world.jobs
      .filter((job) => job.deletedAt === null)
      .map((job) => ({ job, id: ids.job(job.id), shortcode: ids.shortcode(job.id), createdAt: job.createdAt, updatedAt: job.updatedAt }));
    const candidates: CandidateRow[] = world.applications.filter((app) => !isErased(world.candidates[app.candidateId - 1]!)).map((app) => {
      const job = jobOf(world, app);
      const current = currentStageOf(ctx, app);
      const stage = app.currentStageId === null || current.kind === 'sourced' || current.kind === 'hired' ? current.name : world.stages[app.currentStageId - 1]!.template;
      return {
        app,
        id: ids.candidate(app.id),
        createdAt: app.createdAt,
        updatedAt: candidateChangedAt(ctx, app),
        shortcode: job === null ? null : ids.shortcode(job.id),
        stageSlug: slugOf(stage),
        email: world.candidates[app.candidateId - 1]!.email,
      };
    });
    const members = world.users.filter((u) => u.deletedAt === null).map((user) => ({ user, id: ids.member(user.id) }));
    return {
      jobs,
      jobByShortcode: new Map(jobs.map((j) => [j.shortcode, j])),
      candidates,
      candidateById: new Map(candidates.map((c) => [c.id, c])),
      members,
    };
  }
}
