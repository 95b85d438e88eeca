// Public API of the simulated hiring world.
//
// createWorld() returns a plain-data World; its entity arrays ARE the ground truth that vendor
// emulators render and that tests compare pipeline output against. Semantics worth knowing:
// - A non-prospect application's stage path is `visitIds` → StageVisit rows, in order, contiguous
//   (each visit enters exactly when the previous one exits). Visits are never open-ended once the
//   application is decided: the last visit's exitedAt equals rejectedAt or hiredAt.
// - hiredAt is the instant the offer was accepted: the accepted offer's resolvedAt, the filled
//   opening's closedAt and the application's hiredAt are the same number. There is no "hired"
//   stage; a hire's last visit is in the offer stage. `hired` exists only as a FunnelStage.
// - Rejections (by the company or candidate withdrawals, told apart by the reason's type) can
//   happen in any stage; declining an offer is a withdrawal at the offer's resolvedAt.
// - Prospects (isProspect) have no visits, no stage, no interviews or offers, never leave
//   `active`, and belong in no funnel.
// - Skipped stages are simply absent from the path (e.g. applied → interview); moving back
//   creates a new visit of an earlier stage, and moving forward again re-enters a stage that
//   was already visited (two visits, same stageId).
// - Everything is deterministic in the seed and the sequence of createWorld/advanceWorld calls.
export type * from './types.ts';
export { CANONICAL_RANK } from './types.ts';
export { createWorld } from './generate.ts';
export { advanceWorld, touchWorld, type AdvanceOptions, type AdvanceResult } from './simulate.ts';
export {
  CUSTOM_STAGE_NAMES, DEFAULT_STAGE_NAMES, STAGE_CATALOG, customStageMapping, type StageTemplate,
} from './stage-catalog.ts';
export { PRESETS } from './rates.ts';
export { DAY, HOUR, MINUTE, isoDate } from './time.ts';
export {
  acceptedOffer, applicationsOf, byId, canonicalOf, canonicalPath, entityTables, furthestCanonicalStage,
  offersOf, outcomeAt, recordCounts, stagesOf, visitsOf, type ApplicationFilter, type RecordCounts,
} from './truth.ts';
