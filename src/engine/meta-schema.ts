import type { Generated } from 'kysely';

/**
 * Tables of the metadata schema (`hirelake`, or its prefixed name), typed for Kysely; use
 * `engine.db.withSchema(engine.schemas.meta)`. Created by {@link ensureMetaSchema}
 * in src/state; timestamps are stored as timestamptz and read back as Date.
 */
export interface StreamStateTable {
  connection: string;
  stream: string;
  /** JSON text of the stream's checkpoint, see src/state/checkpoint.ts. */
  state: string;
  updated_at: Date;
}

export interface RunLogTable {
  run_id: string;
  connection: string;
  stream: string;
  started_at: Date;
  finished_at: Date | null;
  status: 'running' | 'succeeded' | 'failed';
  pages: number;
  records: number;
  requests: number;
  retries: number;
  /** Default 0 (columns added after the first release). */
  unchanged: Generated<number>;
  unchanged_bytes: Generated<number>;
  error: string | null;
}

export interface MetaDatabase {
  stream_state: StreamStateTable;
  runs: RunLogTable;
  model_runs: {
    run_id: string;
    model: string;
    started_at: Date;
    finished_at: Date | null;
    status: string;
    rows: number | null;
    error: string | null;
  };
}
