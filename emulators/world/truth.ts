// Ground-truth accessors. The world objects themselves are the truth; these helpers only spare
// tests from re-deriving common facts (and from knowing that arrays are id-indexed).
import type {
  Application, CanonicalStage, FunnelStage, Job, Offer, Stage, StageVisit, World,
} from './types.ts';
import { CANONICAL_RANK } from './types.ts';

/** record by id from any id-indexed entity array */
export function byId<T extends { id: number }>(items: readonly T[], id: number): T {
  const item = items[id - 1];
  if (!item || item.id !== id) throw new Error(`no record with id ${id}`);
  return item;
}

export interface ApplicationFilter {
  /** default true */
  prospects?: boolean;
  jobId?: number;
  status?: Application['status'];
}

export function applicationsOf(world: World, filter: ApplicationFilter = {}): Application[] {
  return world.applications.filter((a) =>
    (filter.prospects !== false || !a.isProspect) &&
    (filter.jobId === undefined || a.jobId === filter.jobId) &&
    (filter.status === undefined || a.status === filter.status));
}

/** the true stage path of an application, in order (empty for prospects) */
export function visitsOf(world: World, app: Application | number): StageVisit[] {
  const a = typeof app === 'number' ? byId(world.applications, app) : app;
  return a.visitIds.map((id) => world.visits[id - 1]!);
}

export function stagesOf(world: World, job: Job | number): Stage[] {
  const j = typeof job === 'number' ? byId(world.jobs, job) : job;
  return j.stageIds.map((id) => world.stages[id - 1]!);
}

export function canonicalOf(world: World, stageId: number): CanonicalStage {
  return byId(world.stages, stageId).canonical;
}

/** canonical stages in visiting order, e.g. ['applied', 'interview', 'interview', 'offer'] */
export function canonicalPath(world: World, app: Application | number): CanonicalStage[] {
  return visitsOf(world, app).map((v) => canonicalOf(world, v.stageId));
}

/** furthest point reached: 'hired' for hires, else the highest canonical stage visited; null for prospects */
export function furthestCanonicalStage(world: World, app: Application | number): FunnelStage | null {
  const a = typeof app === 'number' ? byId(world.applications, app) : app;
  if (a.status === 'hired') return 'hired';
  let best: CanonicalStage | null = null;
  for (const c of canonicalPath(world, a)) if (best === null || CANONICAL_RANK[c] > CANONICAL_RANK[best]) best = c;
  return best;
}

/** when the application's fate was sealed: hiredAt or rejectedAt; null while active */
export function outcomeAt(app: Application): number | null {
  return app.hiredAt ?? app.rejectedAt;
}

export function offersOf(world: World, app: Application | number): Offer[] {
  const a = typeof app === 'number' ? byId(world.applications, app) : app;
  return a.offerIds.map((id) => world.offers[id - 1]!);
}

export function acceptedOffer(world: World, app: Application | number): Offer | undefined {
  return offersOf(world, app).find((o) => o.status === 'accepted');
}

export interface RecordCounts {
  departments: number;
  offices: number;
  users: number;
  sources: number;
  rejectionReasons: number;
  closeReasons: number;
  jobs: number;
  teamMembers: number;
  stages: number;
  openings: number;
  candidates: number;
  applications: number;
  visits: number;
  offers: number;
  interviews: number;
  scorecards: number;
  total: number;
}

export function recordCounts(world: World): RecordCounts {
  const c = {
    departments: world.departments.length,
    offices: world.offices.length,
    users: world.users.length,
    sources: world.sources.length,
    rejectionReasons: world.rejectionReasons.length,
    closeReasons: world.closeReasons.length,
    jobs: world.jobs.length,
    teamMembers: world.teamMembers.length,
    stages: world.stages.length,
    openings: world.openings.length,
    candidates: world.candidates.length,
    applications: world.applications.length,
    visits: world.visits.length,
    offers: world.offers.length,
    interviews: world.interviews.length,
    scorecards: world.scorecards.length,
  };
  let total = 0;
  for (const v of Object.values(c)) total += v;
  return { ...c, total };
}

/** entity arrays by name, for code that walks every record (e.g. change detection in tests) */
export function entityTables(world: World): Record<Exclude<keyof RecordCounts, 'total'>, readonly { id: number; createdAt: number; updatedAt: number }[]> {
  return {
    departments: world.departments, offices: world.offices, users: world.users, sources: world.sources,
    rejectionReasons: world.rejectionReasons, closeReasons: world.closeReasons, jobs: world.jobs,
    teamMembers: world.teamMembers, stages: world.stages, openings: world.openings, candidates: world.candidates,
    applications: world.applications, visits: world.visits, offers: world.offers,
    interviews: world.interviews, scorecards: world.scorecards,
  };
}
