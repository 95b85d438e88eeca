import { createHash } from 'node:crypto';
import type { Engine, SqlRunner } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';

/**
 * What each built relation was built from, so a build skips every model whose SQL and inputs are
 * the ones it was last built from: after an extract that changed a few records, only what reads
 * them is built again. `version` is the id of the build that last changed the relation; a model
 * records the versions of its inputs (the tables, seeds, config inputs and extracted tables it
 * reads, through any views) when it is built.
 */
export interface ModelState {
  readonly name: string;
  /** Digest of the model's compiled SQL (or a seed's or input's rows). */
  readonly signature: string;
  /** Input name → version, as JSON. */
  readonly inputs: string;
  readonly version: string;
}

export const digest = (text: string): string => createHash('sha1').update(text).digest('base64');

export async function ensureModelState(db: SqlRunner, meta: string): Promise<void> {
  await db.exec(`create table if not exists ${qualified(meta, 'model_state')} (
    name text not null,
    signature text not null,
    inputs text not null,
    version text not null
  )`);
}

export async function readModelState(db: SqlRunner, meta: string): Promise<Map<string, ModelState>> {
  const rows = await db.query<ModelState>(`select name, signature, inputs, version from ${qualified(meta, 'model_state')}`);
  return new Map(rows.map((r) => [r.name, r]));
}

const STATE_COLUMNS = (['name', 'signature', 'inputs', 'version'] as const).map((name) => ({ name, type: 'text' as const }));

/** Records the models built, in one transaction (a build that dies before leaves them to be built again). */
export async function writeModelState(engine: Engine, meta: string, states: readonly ModelState[]): Promise<void> {
  if (states.length === 0) return;
  // Two statements however many models: a build records ~100, and on DuckDB each statement costs
  // about a millisecond whatever its size.
  await engine.transaction(async (tx) => {
    await tx.exec(`delete from ${qualified(meta, 'model_state')} where name in (${states.map((_, i) => `$${i + 1}`).join(', ')})`, states.map((s) => s.name));
    await tx.bulkInsert({ schema: meta, table: 'model_state' }, STATE_COLUMNS, states.map((s) => [s.name, s.signature, s.inputs, s.version]));
  });
}

/** Forgets every model's state: the next build rebuilds everything (`--full-refresh`). */
export async function clearModelState(db: SqlRunner, meta: string): Promise<void> {
  await db.exec(`delete from ${qualified(meta, 'model_state')}`);
}
