import { qualified } from '../src/engine/identifiers.ts';
import { tableExists } from '../src/engine/table-exists.ts';
import { inferredStageMappings, unmappedStages, type InferredStageMapping, type UnmappedStage, type WarehouseReader } from './stage-mappings.ts';

/** One line of marts.dropped_records: records a vendor sent that did not reach a layer, and why. */
export interface DroppedRecords {
  readonly connection: string;
  readonly source: string | null;
  /** the vendor's stream (layer core) or the core table (layer marts) */
  readonly entity: string;
  readonly layer: 'core' | 'marts';
  readonly reason: string;
  readonly records: number;
}

/** Empty before the first transform. */
export async function droppedRecords(engine: WarehouseReader): Promise<DroppedRecords[]> {
  if (!(await tableExists(engine, { schema: engine.schemas.marts, table: 'dropped_records' }))) return [];
  const rows = await engine.query<DroppedRecords>(
    `select connection, source, entity, layer, reason, records from ${qualified(engine.schemas.marts, 'dropped_records')}
     order by connection, layer, entity, reason`,
  );
  return rows.map((r) => ({ ...r, records: Number(r.records) }));
}

/** What a user must see after every transform: dropped records and stage names mapped by guesswork or not at all. */
export interface DataQuality {
  readonly dropped: readonly DroppedRecords[];
  readonly inferredStages: readonly InferredStageMapping[];
  readonly unmappedStages: readonly UnmappedStage[];
}

export async function dataQuality(engine: WarehouseReader, connection?: string): Promise<DataQuality> {
  const mine = <T extends { connection: string }>(rows: T[]) => rows.filter((r) => connection === undefined || r.connection === connection);
  return {
    dropped: mine(await droppedRecords(engine)),
    inferredStages: mine(await inferredStageMappings(engine)),
    unmappedStages: mine(await unmappedStages(engine)),
  };
}
