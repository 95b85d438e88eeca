import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';
import { tableExists } from '../src/engine/table-exists.ts';

export interface UnmappedStage {
  readonly connection: string;
  readonly stage_name: string;
  /** Jobs whose plan has a stage by this name. */
  readonly jobs: number;
}

/**
 * Vendor stage names neither the default mapping nor the connection's stage_mapping knows. Their
 * visits stay in core.stage_visits with a null canonical_stage instead of being dropped; `hirelake
 * status` lists them and a warn-level data test reports them. Empty before the first transform.
 */
export async function unmappedStages(engine: Engine): Promise<UnmappedStage[]> {
  if (!(await tableExists(engine, { schema: engine.schemas.core, table: 'job_stages' }))) return [];
  const rows = await engine.query<UnmappedStage>(
    `select connection, stage_name, count(distinct job_id) as jobs from ${qualified(engine.schemas.core, 'job_stages')}
     where canonical_stage is null group by connection, stage_name order by connection, stage_name`,
  );
  return rows.map((r) => ({ connection: r.connection, stage_name: r.stage_name, jobs: Number(r.jobs) }));
}
