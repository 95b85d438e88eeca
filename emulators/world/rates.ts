// Every behavioural knob of the simulation in one place. Values follow common recruiting
// benchmarks: roughly 60% of applicants pass review, 40% of screens lead to interviews, about a
// quarter of interview loops end in an offer, and 80% of offers are accepted.
import type { CanonicalStage, SizePreset, WorldSize } from './types.ts';

export const PRESETS: Readonly<Record<SizePreset, Required<WorldSize>>> = {
  tiny: { jobs: 6, applicationsPerJob: 25, touchesPerDay: 2, joblessApplications: 0 },
  small: { jobs: 40, applicationsPerJob: 60, touchesPerDay: 10, joblessApplications: 0 },
  medium: { jobs: 150, applicationsPerJob: 90, touchesPerDay: 40, joblessApplications: 0 },
  large: { jobs: 1300, applicationsPerJob: 220, touchesPerDay: 200, joblessApplications: 0 },
};

/** chance of leaving the whole canonical group forward (spread over the group's stages) */
export const GROUP_PASS: Readonly<Record<Exclude<CanonicalStage, 'offer'>, number>> = {
  applied: 0.6,
  screen: 0.4,
  interview: 0.27,
};

/** per stage exit: chance the candidate withdraws instead of being moved or rejected */
export const WITHDRAW: Readonly<Record<Exclude<CanonicalStage, 'offer'>, number>> = {
  applied: 0.03,
  screen: 0.06,
  interview: 0.07,
};

/** median days spent in a stage before the decision, and log-normal spread */
export const STAGE_DAYS: Readonly<Record<CanonicalStage, [number, number]>> = {
  applied: [2.5, 0.9],
  screen: [4, 0.7],
  interview: [6, 0.6],
  offer: [2, 0.6],
};

export const RATES = {
  prospect: 0.05,
  repeatCandidate: 0.1,
  /** a passing applicant jumps over the screens straight to the first interview step */
  skipScreens: 0.07,
  /** a passing candidate skips the next interview step */
  skipInterviewStep: 0.04,
  /** a decision sends the candidate back one stage instead of forward */
  moveBack: 0.025,
  /** in the offer stage: turned down before any offer is made (references, budget) */
  rejectBeforeOffer: 0.05,
  offerAccept: 0.8,
  offerRevised: 0.2,
  draftNeverOpens: 0.04,
  confidential: 0.05,
  /** job openings: 1, 2 or 3 with these weights */
  openingWeights: [80, 15, 5],
  /** days a job may stay open without filling before it is cancelled */
  deadlineDays: [150, 330] as [number, number],
  /** front-loaded arrival: applicants decay with this mean age (days) */
  arrivalDecayDays: [14, 40] as [number, number],
  /** scale of the random per-job popularity (log-normal sigma) */
  popularitySigma: 0.6,
} as const;

/**
 * The untidy shapes real accounts have, each a small share so the common path still dominates
 * (shapes a vendor cannot show are rendered as that vendor would, see each emulator).
 */
export const UNTIDY = {
  /** prospects sourced into a pool without a job, as a share of the application volume (and a floor per day) */
  poolProspectShare: 0.03,
  poolProspectsMinPerDay: 0.03,
  /** jobs created without a stage plan that never open (placeholders prospects get sourced for) */
  planlessDraft: 0.03,
  /** prospects sourced for a job that stays a draft: 1..max */
  draftProspectsMax: 3,
  /** closed jobs later deleted from the ATS, after [min, max] days */
  jobDeleted: 0.05,
  jobDeletedAfterDays: [5, 60] as [number, number],
  /** stage renames (every plan using the name), users hard-deleted, candidates merged: mean days apart */
  stageRenameEveryDays: 120,
  userDeleteEveryDays: 90,
  /** candidate merges per new candidate (with a floor of one per mergeMinEveryDays) */
  mergeShare: 0.004,
  mergeMinEveryDays: 150,
  /** at the offer stage with a free opening: hired without any offer in the ATS */
  hireWithoutOffer: 0.04,
  /** accepted offers the candidate then backs out of (the application is rejected later) */
  renege: 0.05,
  /** applications without a job at the offer stage: hired without an offer, else turned down */
  joblessHire: 0.6,
  /** candidates and jobs with quotes, emoji and accents in their names; candidates with 10 kB fields */
  oddName: 0.03,
  oddJobName: 0.04,
  longText: 0.005,
} as const;
