// What the emulator's Lever account holds right now: the world's records, sorted the way Lever
// lists them, minus what was deleted through the emulator. Rebuilt only when the world has moved
// (advanced, touched) or something was deleted, so paging a large world stays cheap.
import type { Application, Job, User, World } from '../world/index.ts';
import { buildArchiveReasons, buildStages, type LeverArchiveReason, type LeverStage } from './catalog.ts';
import { LeverIds } from './ids.ts';
import { currentStage, jobOf, lastAdvancedAt, opportunityUpdatedAt, type IndexedStage, type RenderContext } from './render.ts';
import { compareKeys, type Directions, type SortKey } from './paging.ts';

export interface Deletion {
  at: number;
  /** world user id */
  by: number;
}

export interface OpportunityRow {
  app: Application;
  id: string;
  /** Lever's default order: stage rank, then most recently advanced first, then id */
  key: SortKey;
  updatedAt: number | null;
  createdAt: number;
  archivedAt: number | null;
  archiveReasonId: string | null;
  confidential: boolean;
  stageId: string;
  /** null: an opportunity without a posting */
  postingId: string | null;
}

export interface PostingRow {
  job: Job;
  id: string;
  key: SortKey;
  updatedAt: number;
  createdAt: number;
  confidential: boolean;
  state: Job['status'];
}

export interface DeletedRow<T> {
  row: T;
  deletion: Deletion;
  key: SortKey;
}

export interface Snapshot {
  opportunities: OpportunityRow[];
  opportunityById: Map<string, OpportunityRow>;
  deletedOpportunities: DeletedRow<OpportunityRow>[];
  postings: PostingRow[];
  deletedPostings: DeletedRow<PostingRow>[];
  requisitions: { job: Job; key: SortKey; createdAt: number }[];
  /** users not deleted from the account */
  users: { user: User; key: SortKey }[];
  sources: { text: string; count: number; key: SortKey }[];
}

export const OPPORTUNITY_ORDER: Directions = [1, -1, 1];
export const CREATED_ORDER: Directions = [1, 1];

export interface LeverViewOptions {
  /** See RenderContext.legacyBefore; default: the first half of the world's history so far. */
  legacyBefore?: number;
}

export class LeverView {
  readonly world: World;
  readonly ids: LeverIds;
  readonly ctx: RenderContext;
  readonly stages: readonly IndexedStage[];
  readonly archiveReasons: readonly LeverArchiveReason[];
  readonly deletedOpportunities = new Map<number, Deletion>();
  readonly deletedPostings = new Map<number, Deletion>();
  /** The admin that deletions are attributed to (an admin is the API key's acting user). */
  readonly adminId: number;
  #deletions = 0;
  #fingerprint = '';
  #snapshot: Snapshot | null = null;
  #stageTexts = new Map<string, string>();
  #stageTextsAt = -1;

  constructor(world: World, opts: LeverViewOptions = {}) {
    this.world = world;
    this.ids = new LeverIds(world.seed);
    this.stages = buildStages(this.ids).map((s, index) => ({ ...s, index }));
    this.archiveReasons = buildArchiveReasons(world, this.ids);
    this.adminId = (world.users.find((u) => u.role === 'admin' && !u.disabled) ?? world.users[0])?.id ?? 1;
    const stageByTemplate = new Map(this.stages.map((s) => [s.template, s]));
    this.ctx = {
      world,
      ids: this.ids,
      stageByTemplate,
      stageText: (stage) => this.stageText(stage),
      leadStage: this.stages[0]!,
      legacyBefore: opts.legacyBefore ?? world.start + Math.floor((world.now - world.start) / 2),
    };
  }

  /** A stage's name now: the current name of the world stages made from its template (renamed account-wide). */
  stageText(stage: LeverStage): string {
    if (this.#stageTextsAt !== this.world.sim.seq) {
      this.#stageTexts = new Map(this.world.stages.map((s) => [s.template, s.name]));
      this.#stageTextsAt = this.world.sim.seq;
    }
    return this.#stageTexts.get(stage.template) ?? stage.text;
  }

  deleteOpportunity(appId: number, deletion: Deletion): void {
    if (!this.world.applications[appId - 1]) throw new Error(`no world application ${appId}`);
    this.deletedOpportunities.set(appId, deletion);
    this.#deletions++;
  }

  deletePosting(jobId: number, deletion: Deletion): void {
    if (!this.world.jobs[jobId - 1]) throw new Error(`no world job ${jobId}`);
    this.deletedPostings.set(jobId, deletion);
    this.#deletions++;
  }

  /** Forget the cached lists (after editing world records by hand). */
  invalidate(): void {
    this.#snapshot = null;
  }

  snapshot(): Snapshot {
    const { sim } = this.world;
    // Every world change goes through the simulation clock, its event queue or its RNG.
    const fp = `${this.world.now}|${sim.seq}|${sim.heap.length}|${sim.rng.join(',')}|${this.world.applications.length}|${this.#deletions}`;
    if (this.#snapshot === null || fp !== this.#fingerprint) {
      this.#snapshot = this.#build();
      this.#fingerprint = fp;
    }
    return this.#snapshot;
  }

  #build(): Snapshot {
    const { world, ids, ctx } = this;
    const live: OpportunityRow[] = [];
    const deletedOpps: DeletedRow<OpportunityRow>[] = [];
    const sourceCounts = new Map<string, number>();
    for (const app of world.applications) {
      const stage = currentStage(ctx, app);
      const id = ids.of('opportunity', app.id);
      const job = jobOf(world, app);
      const archivedAt = app.status === 'hired' ? app.hiredAt : app.status === 'rejected' ? app.rejectedAt : null;
      const row: OpportunityRow = {
        app,
        id,
        key: [stage.rank, lastAdvancedAt(world, app), id],
        updatedAt: opportunityUpdatedAt(ctx, app),
        createdAt: app.createdAt,
        archivedAt,
        archiveReasonId: app.status === 'hired' ? ids.of('archive_reason', 0) : app.status === 'rejected' ? ids.of('archive_reason', app.rejectionReasonId!) : null,
        confidential: job?.confidential ?? false,
        stageId: stage.id,
        postingId: job === null ? null : ids.of('posting', job.id),
      };
      const deletion = this.deletedOpportunities.get(app.id);
      if (deletion) {
        deletedOpps.push({ row, deletion, key: [deletion.at, id] });
        continue;
      }
      live.push(row);
      const source = world.sources[app.sourceId - 1]!.name;
      sourceCounts.set(source, (sourceCounts.get(source) ?? 0) + 1);
    }
    live.sort((a, b) => compareKeys(a.key, b.key, OPPORTUNITY_ORDER));
    deletedOpps.sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));

    const postings: PostingRow[] = [];
    const deletedPostings: DeletedRow<PostingRow>[] = [];
    for (const job of world.jobs) {
      const id = ids.of('posting', job.id);
      const row: PostingRow = { job, id, key: [job.createdAt, id], updatedAt: job.updatedAt, createdAt: job.createdAt, confidential: job.confidential, state: job.status };
      // A job deleted in the world is a posting deleted in Lever (by the API's acting admin).
      const deletion = this.deletedPostings.get(job.id) ?? (job.deletedAt === null ? undefined : { at: job.deletedAt, by: this.adminId });
      if (deletion) deletedPostings.push({ row, deletion, key: [deletion.at, id] });
      else postings.push(row);
    }
    postings.sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));
    deletedPostings.sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));

    const requisitions = world.jobs
      .map((job) => ({ job, createdAt: job.createdAt, key: [job.createdAt, ids.of('requisition', job.id)] as SortKey }))
      .sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));
    const users = world.users.filter((u) => u.deletedAt === null).map((user) => ({ user, key: [user.createdAt, ids.of('user', user.id)] as SortKey })).sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));
    const sources = world.sources
      .map((s) => ({ text: s.name, count: sourceCounts.get(s.name) ?? 0, key: [s.name] as SortKey }))
      .sort((a, b) => compareKeys(a.key, b.key, [1]));
    return {
      opportunities: live,
      opportunityById: new Map(live.map((r) => [r.id, r])),
      deletedOpportunities: deletedOpps,
      postings,
      deletedPostings,
      requisitions,
      users,
      sources,
    };
  }
}
