// The neutral data model of a simulated hiring world. Vendor emulators (Greenhouse, Lever, Workday, ...)
// render these objects in their own wire formats, so nothing here may look like any one vendor.
//
// Conventions:
// - ids are positive integers, unique per entity type, assigned in creation order; every entity
//   array is id-indexed (`world.applications[id - 1]` has `id`), so lookups are O(1) and newer
//   records always have larger ids.
// - timestamps are epoch milliseconds (UTC); calendar dates are 'YYYY-MM-DD' strings.
// - `updatedAt` changes whenever any field of that record changes (and only then, apart from
//   deliberate "touch" edits that change nothing analytics cares about).
// - the objects ARE the ground truth: tests compare what a pipeline derives from vendor data with them.

export type CanonicalStage = 'applied' | 'screen' | 'interview' | 'offer';
/** Furthest point an application reached; `hired` is an outcome, never a stage in a job's plan. */
export type FunnelStage = CanonicalStage | 'hired';

export const CANONICAL_RANK: Readonly<Record<FunnelStage, number>> = {
  applied: 1,
  screen: 2,
  interview: 3,
  offer: 4,
  hired: 5,
};

export interface Department {
  id: number;
  name: string;
  parentId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Office {
  id: number;
  name: string;
  location: string;
  createdAt: number;
  updatedAt: number;
}

export type UserRole = 'admin' | 'recruiter' | 'coordinator' | 'hiring_manager' | 'interviewer';

export interface User {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  employeeId: string;
  role: UserRole;
  siteAdmin: boolean;
  /** deactivated: cannot sign in or be assigned anything new, but every record naming them stays */
  disabled: boolean;
  /** when it was deactivated (null while active) */
  deactivatedAt: number | null;
  /** hard-deleted from the ATS (not just disabled): records that name the user keep naming them */
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type SourceType =
  | 'job_board'
  | 'social_media'
  | 'referral'
  | 'company_website'
  | 'agency'
  | 'sourced'
  | 'event';

export interface Source {
  id: number;
  name: string;
  type: SourceType;
  createdAt: number;
  updatedAt: number;
}

export type RejectionType = 'rejected_by_company' | 'withdrawn_by_candidate' | 'unspecified';

export interface RejectionReason {
  id: number;
  name: string;
  type: RejectionType;
  createdAt: number;
  updatedAt: number;
}

/** Why an opening closed: a hire, or the headcount went away. */
export interface CloseReason {
  id: number;
  name: string;
  /** true when closing with this reason means the opening was filled by a hire */
  hire: boolean;
  createdAt: number;
  updatedAt: number;
}

export type JobStatus = 'draft' | 'open' | 'closed';

export interface Job {
  id: number;
  name: string;
  requisitionId: string;
  departmentId: number;
  officeId: number;
  status: JobStatus;
  confidential: boolean;
  /** the hiring team's primary (responsible) recruiter, coordinator and hiring manager now; see teamIds */
  recruiterId: number;
  coordinatorId: number;
  hiringManagerId: number;
  /** every hiring-team assignment of the job (ids into world.teamMembers), current and past */
  teamIds: number[];
  /** the job's own ordered stage plan (ids into world.stages); empty for a job nobody set a plan for */
  stageIds: number[];
  openingIds: number[];
  /** free text (descriptions can run to 10 kB) */
  notes: string | null;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  /** deleted from the ATS after it closed; its applications still point at it */
  deletedAt: number | null;
  updatedAt: number;
}

export interface Stage {
  id: number;
  /** null for the stages of the general plan (applications without a job) */
  jobId: number | null;
  /** the current name (stages get renamed) */
  name: string;
  /** the catalog name it was created with: stable through renames, the same in every plan */
  template: string;
  /** the true meaning of the stage, whatever it is called */
  canonical: CanonicalStage;
  /** 0-based position in the job's plan */
  sortOrder: number;
  createdAt: number;
  updatedAt: number;
}

export interface Opening {
  id: number;
  jobId: number;
  /** human requisition-opening key, e.g. "REQ-123-1" */
  key: string;
  sortOrder: number;
  /** null while the job is still a draft */
  openedAt: number | null;
  closedAt: number | null;
  /** the hired application that filled it */
  applicationId: number | null;
  closeReasonId: number | null;
  targetStartOn: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Candidate {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  company: string | null;
  title: string | null;
  applicationIds: number[];
  /** merged into another candidate (who took over its applications) and gone from the ATS */
  mergedInto: number | null;
  mergedAt: number | null;
  /** erased from the ATS on the candidate's request (see erasure.ts); absent or null: never */
  erasedAt?: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ApplicationStatus = 'active' | 'rejected' | 'hired';

export interface Application {
  id: number;
  candidateId: number;
  /**
   * the job applied to; for a prospect, the job it was sourced for. null: no job at all (a
   * prospect in a pool, or a candidate moved through the general plan without a job)
   */
  jobId: number | null;
  sourceId: number;
  /** the employee credited with a referral (null for a referral by someone who is no user, see referrerName) */
  referrerId: number | null;
  /** the referrer's name when the referrer is no user of the ATS (a friend, an ex-employee) */
  referrerName: string | null;
  /** the user credited with bringing the candidate in: the referring employee, or the sourcer; null otherwise */
  creditedToId: number | null;
  /** the recruiter and coordinator the application was assigned when it was created (its job's primaries then) */
  recruiterId: number;
  coordinatorId: number;
  /** nobody was assigned on the application itself: its recruiter and coordinator are its job's (vendors show none) */
  unassigned: boolean;
  /** prospects never enter the pipeline: no visits, no stage, excluded from funnels */
  isProspect: boolean;
  appliedAt: number;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
  status: ApplicationStatus;
  /** stage of the last visit; null for prospects */
  currentStageId: number | null;
  /** the TRUE stage path, in order (ids into world.visits) */
  visitIds: number[];
  rejectedAt: number | null;
  rejectionReasonId: number | null;
  /** the hire (= filled opening closedAt, and = accepted offer resolvedAt when there was an offer) */
  hiredAt: number | null;
  offerIds: number[];
  interviewIds: number[];
}

export type TeamRole = 'recruiter' | 'coordinator' | 'hiring_manager' | 'sourcer';

/**
 * One user's role on one job's hiring team. Teams change while a job is open: the responsible
 * recruiter or coordinator is reassigned (the previous one stays on the team, no longer primary),
 * a new hiring manager takes over (the previous one stays listed), sourcers join. At most one
 * primary per job and role (sourcers are never primary).
 */
export interface TeamMember {
  id: number;
  jobId: number;
  userId: number;
  role: TeamRole;
  primary: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One stay in one stage. Visits of an application are contiguous: next.enteredAt === prev.exitedAt. */
export interface StageVisit {
  id: number;
  applicationId: number;
  stageId: number;
  enteredAt: number;
  /** null while the application is still in the stage; the outcome time for the last visit of a finished application */
  exitedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type OfferStatus = 'pending' | 'accepted' | 'declined' | 'deprecated';

export interface Offer {
  id: number;
  applicationId: number;
  candidateId: number;
  jobId: number;
  openingId: number | null;
  version: number;
  status: OfferStatus;
  createdAt: number;
  updatedAt: number;
  sentOn: string | null;
  resolvedAt: number | null;
  startsOn: string;
}

export type InterviewStatus = 'scheduled' | 'awaiting_feedback' | 'complete' | 'cancelled';

export interface Interview {
  id: number;
  applicationId: number;
  visitId: number;
  stageId: number;
  jobId: number | null;
  name: string;
  /** which of the stage's interviews this is (0-based); vendors derive interview-kit ids from it */
  kitIndex: number;
  organizerId: number;
  /** the panel; a scorecard is expected from each (some never come) */
  interviewerIds: number[];
  startAt: number;
  endAt: number;
  status: InterviewStatus;
  scorecardIds: number[];
  createdAt: number;
  updatedAt: number;
}

export type Recommendation = 'strong_no' | 'no' | 'yes' | 'strong_yes' | 'no_decision';

/**
 * One attribute an interviewer rated on a scorecard, on the world's 1–5 scale: 1 strong no,
 * 2 no, 3 mixed, 4 yes, 5 strong yes; null when the attribute was left without a rating.
 */
export interface AttributeRating {
  /** index into ATTRIBUTES (emulators/world/ratings.ts) */
  attribute: number;
  rating: number | null;
}

export interface Scorecard {
  id: number;
  interviewId: number;
  applicationId: number;
  candidateId: number;
  interviewerId: number;
  recommendation: Recommendation;
  ratings: AttributeRating[];
  interviewedAt: number;
  submittedAt: number;
  createdAt: number;
  updatedAt: number;
}

/** Resolved generation parameters (kept in the world so advancing continues the same processes). */
export interface WorldParams {
  jobs: number;
  applicationsPerJob: number;
  /** Poisson rate of new jobs after the initial period */
  jobsPerDay: number;
  touchesPerDay: number;
  /** share of new (non-prospect) applications made without a job, through the general plan */
  joblessApplications: number;
}

/** A pending happening in the discrete-event simulation. */
export interface SimEvent {
  /** when (epoch ms) */
  t: number;
  /** insertion sequence: ties on t are processed in insertion order, keeping runs deterministic */
  s: number;
  /** EventKind */
  k: number;
  id: number;
  a: number;
  b: number;
  /** for application steps: must equal sim.appToken[id] or the event is stale */
  tok: number;
}

/** Engine state. Plain data so the whole World stays structured-cloneable and deep-comparable. */
export interface SimState {
  rng: [number, number, number, number];
  seq: number;
  heap: SimEvent[];
  /** per job id: its applications (including prospects), in creation order */
  jobApps: number[][];
  /** per job id: expected total applicants, arrival decay (ms), cumulative intensity used so far */
  jobArrival: [number, number, number][];
  /** per opening id: the application holding it with an offer in progress, 0 if free */
  openingHeldBy: number[];
  /** per application id: bumped to invalidate its scheduled step */
  appToken: number[];
  recruiters: number[];
  coordinators: number[];
  hiringManagers: number[];
  interviewers: number[];
  activeUsers: number[];
  /**
   * A second generator for what was added to worlds later (hiring-team changes, deactivations,
   * panels, ratings): drawing from it leaves the main sequence, and so every older world's
   * history, as it was.
   */
  aux: [number, number, number, number];
}

export interface World {
  seed: number;
  companyName: string;
  start: number;
  now: number;
  params: WorldParams;
  departments: Department[];
  offices: Office[];
  users: User[];
  sources: Source[];
  rejectionReasons: RejectionReason[];
  closeReasons: CloseReason[];
  jobs: Job[];
  teamMembers: TeamMember[];
  stages: Stage[];
  /** the plan of applications without a job (ids into world.stages, jobId null) */
  generalStageIds: number[];
  openings: Opening[];
  candidates: Candidate[];
  applications: Application[];
  visits: StageVisit[];
  offers: Offer[];
  interviews: Interview[];
  scorecards: Scorecard[];
  sim: SimState;
}

export type SizePreset = 'tiny' | 'small' | 'medium' | 'large';

export interface WorldSize {
  /** jobs created between start and now */
  jobs: number;
  /** expected applicants a job attracts over its life (realised counts are lower when jobs fill early) */
  applicationsPerJob?: number;
  /** random edits per simulated day that change nothing analytics cares about */
  touchesPerDay?: number;
  /**
   * share of new applications made without a job (default 0): real Lever accounts have mostly
   * these; vendors whose every candidate application has a job (Greenhouse, Workday) cannot show them
   */
  joblessApplications?: number;
}

export interface CreateWorldOptions {
  seed: number;
  companyName?: string;
  size: WorldSize | SizePreset;
  /** epoch ms; default 2024-01-01T00:00:00Z */
  start?: number;
  /** epoch ms; default start + 540 days */
  now?: number;
}
