// What a Workable account has that the neutral world does not spell out: every job's pipeline
// starts with a Sourced stage and ends with a Hired stage (the world has no hired stage: a hire is
// an outcome), stage kinds and slugs, source categories, member roles, and disqualification
// reasons split into "candidate rejected" and "candidate withdrew".
import type { CanonicalStage, RejectionReason, SourceType, Stage, User } from '../world/index.ts';

/** Workable stage kinds, as candidates' `stage_kind` and the stage lists show them. */
export type StageKind = 'sourced' | 'applied' | 'shortlisted' | 'assessment' | 'phone-screen' | 'interview' | 'offer' | 'hired';

const KIND: Readonly<Record<CanonicalStage, StageKind>> = { applied: 'applied', screen: 'phone-screen', interview: 'interview', offer: 'offer' };
const ASSESSMENTS = new Set(['Take Home', 'Work Sample']);

export function kindOf(stage: Stage): StageKind {
  if (ASSESSMENTS.has(stage.template)) return 'assessment';
  if (stage.template === 'HM Review') return 'shortlisted';
  return KIND[stage.canonical];
}

/** A stage's slug: made from the name it was created with, so it survives renames. */
export function slugOf(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'stage';
}

export const SOURCED = { name: 'Sourced', slug: 'sourced', kind: 'sourced' as const };
export const HIRED = { name: 'Hired', slug: 'hired', kind: 'hired' as const };

/** Workable's `common_source_category` for the world's source types. */
export const SOURCE_CATEGORY: Readonly<Record<SourceType, string>> = {
  job_board: 'Job board', social_media: 'Social network', referral: 'Referral', company_website: 'Careers page',
  agency: 'Agency', sourced: 'Sourced', event: 'Event',
};

/** Job boards show up as the referring domain. */
export function domainOf(sourceName: string, type: SourceType): string | null {
  if (type !== 'job_board' && type !== 'social_media') return null;
  return `${sourceName.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`;
}

/** Account roles: admins (and recruiters with site-admin rights) are `admin`, interviewers `reviewer`. */
export function roleOf(u: User): 'admin' | 'simple' | 'reviewer' {
  if (u.role === 'admin' || u.siteAdmin) return 'admin';
  return u.role === 'interviewer' ? 'reviewer' : 'simple';
}

/**
 * Workable's reasons are "candidate rejected" or "candidate withdrew"; a reason the world leaves
 * unspecified ("Other", "Duplicate") is a disqualification without a reason, which Workable allows.
 */
export function listedReason(r: RejectionReason): boolean {
  return r.type !== 'unspecified';
}
