// Account-wide configuration a Lever account has where the neutral world has per-job or typed
// lists: one global stage pipeline, archive reasons typed hired / non-hired, and sources as plain
// texts. Everything here is derived from the world's catalogs, so it never changes as the world
// advances (a Lever admin sets these up once).
import { CANONICAL_RANK, STAGE_CATALOG, type SourceType, type World } from '../world/index.ts';
import type { LeverIds } from './ids.ts';

export interface LeverStage {
  id: string;
  /** the name the stage was created with (the world's stage template); its text follows renames */
  template: string;
  text: string;
  /** Sort rank used by the default opportunity order (Lever's disposition-stage rank). */
  rank: number;
}

/** Lead stages come first in every Lever pipeline; sourced prospects sit in `lead-new`. */
const LEAD_STAGES: readonly Omit<LeverStage, 'rank' | 'template'>[] = [
  { id: 'lead-new', text: 'New lead' },
  { id: 'lead-reached-out', text: 'Reached out' },
  { id: 'lead-responded', text: 'Responded' },
];

/** World stage names that are Lever's built-in stages keep Lever's slug ids. */
const BUILT_IN_IDS: Readonly<Record<string, string>> = { 'New Applicant': 'applicant-new', Offer: 'offer' };

/**
 * The account's pipeline: lead stages, then one stage per world stage template in funnel order.
 * World stages are per plan, but a plan never uses a template twice, so (plan, template) still
 * identifies the world stage exactly. A rename in the world renames the Lever stage (its id stays).
 */
export function buildStages(ids: LeverIds): LeverStage[] {
  const applicant = STAGE_CATALOG.map((s, i) => ({ s, i })).sort(
    (a, b) => CANONICAL_RANK[a.s.canonical] - CANONICAL_RANK[b.s.canonical] || a.s.rank - b.s.rank || a.i - b.i,
  );
  return [
    ...LEAD_STAGES.map((s, i) => ({ ...s, template: s.text, rank: 1 + 2 * i })),
    ...applicant.map(({ s, i }, k) => ({ id: BUILT_IN_IDS[s.name] ?? ids.of('stage', i + 1), template: s.name, text: s.name, rank: 101 + 10 * k })),
  ];
}

export interface LeverArchiveReason {
  id: string;
  text: string;
  status: 'active' | 'inactive';
  type: 'hired' | 'non-hired';
}

/** World id 0 stands for the "Hired" reason; world rejection reason n keeps id n. */
export const HIRED_REASON = 0;

export function buildArchiveReasons(world: World, ids: LeverIds): LeverArchiveReason[] {
  return [
    { id: ids.of('archive_reason', HIRED_REASON), text: 'Hired', status: 'active', type: 'hired' },
    ...world.rejectionReasons.map((r) => ({ id: ids.of('archive_reason', r.id), text: r.name, status: 'active' as const, type: 'non-hired' as const })),
  ];
}

export type LeverOrigin = 'agency' | 'applied' | 'internal' | 'referred' | 'sourced' | 'university';

/** How a candidate reached the opportunity, from the kind of source they came through. */
export function originOf(type: SourceType, isProspect: boolean): LeverOrigin {
  if (isProspect) return 'sourced';
  switch (type) {
    case 'referral': return 'referred';
    case 'agency': return 'agency';
    case 'sourced': return 'sourced';
    case 'event': return 'university';
    default: return 'applied';
  }
}
