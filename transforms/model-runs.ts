import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';

export interface ModelRun {
  readonly model: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly status: 'succeeded' | 'failed' | 'skipped' | 'unchanged';
  readonly rows: number | null;
  readonly error: string | null;
}

/**
 * One row per model per run in the meta schema's model_runs table (created by ensureMetaSchema).
 * Rows are kept in memory and written together when the build ends: a commit per model would cost
 * more than building a view.
 */
export class ModelRunLog {
  readonly #runs: ModelRun[] = [];
  constructor(
    private readonly engine: Engine,
    private readonly runId: string,
  ) {}

  add(run: ModelRun): void {
    this.#runs.push(run);
  }

  /** Writes what was recorded; a rerun under the same run id replaces earlier rows of the same models. */
  async flush(): Promise<void> {
    const runs = this.#runs.splice(0);
    if (runs.length === 0) return;
    const table = qualified(this.engine.schemas.meta, 'model_runs');
    await this.engine.transaction(async (tx) => {
      for (let i = 0; i < runs.length; i += 500) {
        const chunk = runs.slice(i, i + 500);
        const names = chunk.map((_, j) => `$${j + 2}`).join(', ');
        await tx.exec(`delete from ${table} where run_id = $1 and model in (${names})`, [this.runId, ...chunk.map((r) => r.model)]);
        const values = chunk.map((_, j) => `(${[0, 1, 2, 3, 4, 5, 6].map((k) => `$${j * 7 + k + 1}`).join(', ')})`).join(', ');
        await tx.exec(
          `insert into ${table} (run_id, model, started_at, finished_at, status, rows, error) values ${values}`,
          chunk.flatMap((r) => [this.runId, r.model, r.startedAt, r.finishedAt, r.status, r.rows, r.error]),
        );
      }
    });
  }
}
