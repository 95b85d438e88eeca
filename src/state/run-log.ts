import type { SqlRunner } from '../engine/engine.ts';
import type { Updateable } from 'kysely';
import type { RunLogTable } from '../engine/meta-schema.ts';

export interface StreamCounters {
  pages: number;
  records: number;
  requests: number;
  retries: number;
  /** Versions received but not landed: equal to the record's latest landed one (see landing/unchanged.ts). */
  unchanged: number;
  /** Their payloads' size in bytes. */
  unchangedBytes: number;
}

const columns = (c: StreamCounters) => ({ pages: c.pages, records: c.records, requests: c.requests, retries: c.retries, unchanged: c.unchanged, unchanged_bytes: c.unchangedBytes });

/** One row per (run, connection, stream): what each extract did, for `hirelake status` and audits. */
export class RunLog {
  constructor(readonly metaSchema: string) {}

  async start(runner: SqlRunner, runId: string, connection: string, stream: string): Promise<void> {
    await runner.db
      .withSchema(this.metaSchema)
      .insertInto('runs')
      .values({ run_id: runId, connection, stream, started_at: new Date(), finished_at: null, status: 'running', pages: 0, records: 0, requests: 0, retries: 0, unchanged: 0, unchanged_bytes: 0, error: null })
      .execute();
  }

  /** Progress written with each page, so a run that dies still shows how far it got. */
  async progress(runner: SqlRunner, runId: string, connection: string, stream: string, c: StreamCounters): Promise<void> {
    await this.#update(runner, runId, connection, stream, columns(c));
  }

  async finish(runner: SqlRunner, runId: string, connection: string, stream: string, c: StreamCounters, error: string | null): Promise<void> {
    await this.#update(runner, runId, connection, stream, { ...columns(c), finished_at: new Date(), status: error ? 'failed' : 'succeeded', error });
  }

  async #update(runner: SqlRunner, runId: string, connection: string, stream: string, set: Updateable<RunLogTable>): Promise<void> {
    await runner.db
      .withSchema(this.metaSchema)
      .updateTable('runs')
      .set(set)
      .where('run_id', '=', runId)
      .where('connection', '=', connection)
      .where('stream', '=', stream)
      .execute();
  }
}
