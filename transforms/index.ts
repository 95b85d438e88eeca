/**
 * The transform runtime: sql/ models built in dependency order on any engine, and the data tests
 * that check them. See sql/README.md for the models themselves.
 */
export { buildModels, compileFor, historyStreams, type BuildOptions, type BuildResult, type ModelResult, type ModelsConfig } from './build.ts';
export { runDataTests, projectDataTests, type DataTestOptions, type DataTestResult, type DataTestRun } from './data-tests/run.ts';
export { inferredStageMappings, unmappedStages, type InferredStageMapping, type UnmappedStage } from './stage-mappings.ts';
export { dataQuality, droppedRecords, type DataQuality, type DroppedRecords } from './dropped-records.ts';
export { dialectFor, type SqlDialect } from './dialects/index.ts';
export { loadProject, DEFAULT_SQL_DIR } from './project.ts';
export { TransformError } from './errors.ts';
export { headlineMetrics, type HeadlineMetrics } from './headline.ts';
