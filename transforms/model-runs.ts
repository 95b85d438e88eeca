import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';

/** One row per model per run in the meta schema's model_runs table (created by ensureMetaSchema). */
export class ModelRunLog {
  readonly #table: string;
  constructor(
    private readonly engine: Engine,
    private readonly runId: string,
  ) {
    this.#table = qualified(engine.schemas.meta, 'model_runs');
  }

  /** Marks the model running; a rerun under the same run id replaces the earlier row. */
  async start(model: string, startedAt: Date): Promise<void> {
    await this.engine.transaction(async (tx) => {
      await tx.exec(`delete from ${this.#table} where run_id = $1 and model = $2`, [this.runId, model]);
      await tx.exec(`insert into ${this.#table} (run_id, model, started_at, status) values ($1, $2, $3, 'running')`, [this.runId, model, startedAt]);
    });
  }

  /** A model not built because something it reads failed. */
  async skipped(model: string, reason: string): Promise<void> {
    const now = new Date();
    await this.engine.transaction(async (tx) => {
      await tx.exec(`delete from ${this.#table} where run_id = $1 and model = $2`, [this.runId, model]);
      await tx.exec(`insert into ${this.#table} (run_id, model, started_at, finished_at, status, error) values ($1, $2, $3, $3, 'skipped', $4)`, [this.runId, model, now, reason]);
    });
  }

  async finish(model: string, status: 'succeeded' | 'failed' | 'skipped', rows: number | null, error: string | null): Promise<void> {
    await this.engine.exec(`update ${this.#table} set finished_at = $3, status = $4, rows = $5, error = $6 where run_id = $1 and model = $2`, [
      this.runId,
      model,
      new Date(),
      status,
      rows,
      error,
    ]);
  }
}
