import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';
import { tableExists } from '../src/engine/table-exists.ts';

/** All these need: read access (the dashboards pass a read-only view of the warehouse). */
export type WarehouseReader = Pick<Engine, 'schemas' | 'query'>;

export interface UnmappedStage {
  readonly connection: string;
  readonly stage_name: string;
  /** Plans (jobs, and the account-wide plan of job-less applications) with a stage by this name. */
  readonly jobs: number;
}

export interface InferredStageMapping extends UnmappedStage {
  readonly canonical_stage: string;
  /** keyword or position (see sql/core/job_stages.sql) */
  readonly mapping_source: string;
  /** why, e.g. `keyword "screen"` or `after "Phone Screen"` */
  readonly mapping_reason: string;
}

async function jobStages<T extends object>(engine: WarehouseReader, select: string, where: string, groupBy: string): Promise<T[]> {
  if (!(await tableExists(engine, { schema: engine.schemas.core, table: 'job_stages' }))) return [];
  return engine.query<T>(
    `select ${select}, count(distinct coalesce(job_id, '')) as jobs from ${qualified(engine.schemas.core, 'job_stages')}
     where ${where} group by ${groupBy} order by ${groupBy}`,
  );
}

/**
 * Vendor stage names no rule maps (no stage_mapping, default name, keyword or plan position).
 * Their visits stay in core.stage_visits with a null canonical_stage; `hirelake status` lists them
 * and a warn-level data test reports them. Empty before the first transform.
 */
export async function unmappedStages(engine: WarehouseReader): Promise<UnmappedStage[]> {
  const rows = await jobStages<UnmappedStage>(engine, 'connection, stage_name', 'canonical_stage is null', 'connection, stage_name');
  return rows.map((r) => ({ connection: r.connection, stage_name: r.stage_name, jobs: Number(r.jobs) }));
}

/**
 * Stage names mapped by inference rather than by config or the default list, with the reason, so
 * a data team can confirm or override each in one line of stage_mapping.
 */
export async function inferredStageMappings(engine: WarehouseReader): Promise<InferredStageMapping[]> {
  const cols = 'connection, stage_name, canonical_stage, mapping_source, mapping_reason';
  const rows = await jobStages<InferredStageMapping>(engine, cols, `mapping_source in ('keyword', 'position')`, cols);
  return rows.map((r) => ({ ...r, jobs: Number(r.jobs) }));
}
