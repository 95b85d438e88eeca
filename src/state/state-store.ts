import type { SqlRunner } from '../engine/engine.ts';
import { EMPTY_CHECKPOINT, parseCheckpoint, type Checkpoint } from './checkpoint.ts';

/** Checkpoints live in the warehouse, next to the data they describe (dlt's state-in-destination). */
export class StateStore {
  constructor(readonly metaSchema: string) {}

  async get(runner: SqlRunner, connection: string, stream: string): Promise<Checkpoint> {
    const row = await runner.db
      .withSchema(this.metaSchema)
      .selectFrom('stream_state')
      .select('state')
      .where('connection', '=', connection)
      .where('stream', '=', stream)
      .executeTakeFirst();
    return row ? parseCheckpoint(row.state) : EMPTY_CHECKPOINT;
  }

  /** Call inside the transaction that lands the page the checkpoint covers. */
  async put(runner: SqlRunner, connection: string, stream: string, checkpoint: Checkpoint): Promise<void> {
    const state = JSON.stringify(checkpoint);
    const updated_at = new Date();
    const res = await runner.db
      .withSchema(this.metaSchema)
      .updateTable('stream_state')
      .set({ state, updated_at })
      .where('connection', '=', connection)
      .where('stream', '=', stream)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      await runner.db.withSchema(this.metaSchema).insertInto('stream_state').values({ connection, stream, state, updated_at }).execute();
    }
  }

  async list(runner: SqlRunner): Promise<{ connection: string; stream: string; checkpoint: Checkpoint; updated_at: Date }[]> {
    const rows = await runner.db.withSchema(this.metaSchema).selectFrom('stream_state').selectAll().orderBy('connection').orderBy('stream').execute();
    return rows.map((r) => ({ connection: r.connection, stream: r.stream, checkpoint: parseCheckpoint(r.state), updated_at: r.updated_at }));
  }
}
