// Harvest v3 lists some things as records of their own that the world keeps inside other records:
// interview panels (/v3/interviewers, one row per interviewer), scorecard attribute ratings
// (/v3/scorecard_candidate_attributes), each job's attribute catalogue
// (/v3/job_candidate_attributes) and the people credited with applications (/v3/referrers). Their
// rows are derived here with stable ids, grown as the world grows (its records are append-only),
// and read their times from the records they come from, so they stay current without rebuilding.
import type { World } from '../world/index.ts';
import { ATTRIBUTE_CATEGORIES, ATTRIBUTES } from '../world/index.ts';
import type { Row } from './resources.ts';

/** the largest panel the world seats (two, plus an occasional extra interviewer) */
export const PANEL_SLOTS = 3;
/** every kit rates this many attributes (emulators/world/ratings.ts) */
export const RATED_ATTRIBUTES = 3;

export interface InterviewerRow extends Row {
  interviewId: number;
  /** position on the panel */
  seat: number;
}

export interface RatingRow extends Row {
  scorecardId: number;
  /** position in the scorecard's ratings */
  index: number;
}

export interface JobAttributeRow extends Row {
  jobId: number;
  attribute: number;
}

export interface AttributeTypeRow extends Row {
  jobId: number;
  /** index into ATTRIBUTE_CATEGORIES */
  category: number;
}

export interface ReferrerRow extends Row {
  /** the user a referrer record stands for, or null for someone who is no user */
  userId: number | null;
  /** the application whose external referrer this is (userId null) */
  applicationId: number | null;
}

interface Derived {
  interviewers: InterviewerRow[];
  ratings: RatingRow[];
  jobAttributes: JobAttributeRow[];
  attributeTypes: AttributeTypeRow[];
  referrers: ReferrerRow[];
  /** application id → its external referrer's row id */
  externalReferrer: Map<number, number>;
  seenApplications: number;
}

const cache = new WeakMap<World, Derived>();

function timesOf<T extends object>(row: T, created: () => number, updated: () => number): T & Row {
  Object.defineProperty(row, 'createdAt', { get: created, enumerable: true });
  Object.defineProperty(row, 'updatedAt', { get: updated, enumerable: true });
  return row as T & Row;
}

/** The derived rows of a world, extended to cover every record it has now. */
export function derived(world: World): Derived {
  let d = cache.get(world);
  if (!d) {
    d = { interviewers: [], ratings: [], jobAttributes: [], attributeTypes: [], referrers: [], externalReferrer: new Map(), seenApplications: 0 };
    cache.set(world, d);
  }
  while (d.interviewers.length < world.interviews.length * PANEL_SLOTS) {
    const id = d.interviewers.length + 1;
    const interviewId = Math.floor((id - 1) / PANEL_SLOTS) + 1;
    const iv = () => world.interviews[interviewId - 1]!;
    d.interviewers.push(timesOf({ id, interviewId, seat: (id - 1) % PANEL_SLOTS } as InterviewerRow, () => iv().createdAt, () => iv().updatedAt));
  }
  while (d.ratings.length < world.scorecards.length * RATED_ATTRIBUTES) {
    const id = d.ratings.length + 1;
    const scorecardId = Math.floor((id - 1) / RATED_ATTRIBUTES) + 1;
    const sc = () => world.scorecards[scorecardId - 1]!;
    d.ratings.push(timesOf({ id, scorecardId, index: (id - 1) % RATED_ATTRIBUTES } as RatingRow, () => sc().createdAt, () => sc().createdAt));
  }
  while (d.jobAttributes.length < world.jobs.length * ATTRIBUTES.length) {
    const id = d.jobAttributes.length + 1;
    const jobId = Math.floor((id - 1) / ATTRIBUTES.length) + 1;
    const job = () => world.jobs[jobId - 1]!;
    d.jobAttributes.push(timesOf({ id, jobId, attribute: (id - 1) % ATTRIBUTES.length } as JobAttributeRow, () => job().createdAt, () => job().createdAt));
  }
  while (d.attributeTypes.length < world.jobs.length * ATTRIBUTE_CATEGORIES.length) {
    const id = d.attributeTypes.length + 1;
    const jobId = Math.floor((id - 1) / ATTRIBUTE_CATEGORIES.length) + 1;
    const job = () => world.jobs[jobId - 1]!;
    d.attributeTypes.push(timesOf({ id, jobId, category: (id - 1) % ATTRIBUTE_CATEGORIES.length } as AttributeTypeRow, () => job().createdAt, () => job().createdAt));
  }
  // One referrer record per user (an employee can be credited), then one per outside referrer.
  // Users are all created with the world; applications are appended.
  while (d.referrers.length < world.users.length && d.seenApplications === 0) {
    const id = d.referrers.length + 1;
    const u = () => world.users[id - 1]!;
    // The record loses its user when the user is deleted from the account.
    d.referrers.push(timesOf({ id, userId: id, applicationId: null } as ReferrerRow, () => u().createdAt, () => u().deletedAt ?? u().createdAt));
  }
  for (; d.seenApplications < world.applications.length; d.seenApplications++) {
    const app = world.applications[d.seenApplications]!;
    if (app.referrerName === null) continue;
    const id = d.referrers.length + 1;
    d.referrers.push(timesOf({ id, userId: null, applicationId: app.id } as ReferrerRow, () => app.createdAt, () => app.createdAt));
    d.externalReferrer.set(app.id, id);
  }
  return d;
}

/** The referrer record credited with an application (v3 application.referrer_id), or null. */
export function referrerIdOf(world: World, appId: number): number | null {
  const app = world.applications[appId - 1]!;
  if (app.referrerName !== null) return derived(world).externalReferrer.get(appId) ?? null;
  return app.creditedToId;
}
