// A candidate's right to erasure (GDPR art. 17 and its cousins): the ATS forgets the person. The
// world keeps every fact (the truth of the past does not change); vendors show the erasure their
// own way: Greenhouse and Workday stop listing the candidate and their applications, Lever
// anonymizes the candidate's opportunities (isAnonymized).
import type { Candidate, World } from './types.ts';
import { byId } from './truth.ts';

/** Whether the ATS has erased this candidate. */
export function isErased(c: Candidate): boolean {
  return c.erasedAt !== undefined && c.erasedAt !== null;
}

/**
 * Candidates an ATS would erase on request: present (not merged away, not erased already) with
 * no application still in the pipeline (erasure follows a rejection or a withdrawal; an active
 * one would have to be closed first). Prospects never leave `active` and do not block it.
 */
export function erasableCandidates(world: World): Candidate[] {
  return world.candidates.filter((c) =>
    c.mergedInto === null && !isErased(c) && c.applicationIds.length > 0 &&
    c.applicationIds.every((id) => {
      const a = world.applications[id - 1]!;
      return a.isProspect || a.status !== 'active';
    }));
}

/** Erases a candidate at `t` (default: the world's clock). Nothing about them changes afterwards. */
export function eraseCandidate(world: World, candidateId: number, t = world.now): void {
  const c = byId(world.candidates, candidateId);
  if (isErased(c)) return;
  if (!erasableCandidates(world).includes(c)) {
    throw new Error(`candidate ${candidateId} cannot be erased: merged away, or an application is still in the pipeline`);
  }
  c.erasedAt = t;
  c.updatedAt = Math.max(c.updatedAt, t);
  // Emulators cache what they list by the simulation's sequence; an erasure must show at once.
  world.sim.seq++;
}
