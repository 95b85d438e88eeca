// Public API of the simulated hiring world. See types.ts for the data model and its conventions;
// the World object returned by createWorld is the ground truth every vendor emulator renders.
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
