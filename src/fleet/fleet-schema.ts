import type { Engine } from '../engine/engine.ts';
import { CATALOG_LOCK } from '../engine/ensure-schema.ts';
import { quoteIdent } from '../engine/identifiers.ts';

/**
 * The fleet's own records, next to the run log: which due times were enqueued (the primary key is
 * what makes a schedule fire once per due time across workers) and every job attempt (what status
 * shows: running where, failures since the last success).
 */
export async function ensureFleetSchema(engine: Engine): Promise<void> {
  const s = quoteIdent(engine.schemas.meta);
  await engine.transaction(async (tx) => {
    await tx.lock(CATALOG_LOCK);
    await tx.exec(`create table if not exists ${s}.schedule_ticks (
      connection text not null,
      due_at timestamptz not null,
      recorded_at timestamptz not null,
      outcome text not null,
      primary key (connection, due_at)
    )`);
    await tx.exec(`create table if not exists ${s}.job_runs (
      job_id bigint not null,
      connection text not null,
      attempt integer not null,
      worker text not null,
      queue_worker text,
      run_id text not null,
      due_at timestamptz,
      started_at timestamptz not null,
      finished_at timestamptz,
      status text not null,
      error text
    )`);
    await tx.exec(`create index if not exists job_runs_connection on ${s}.job_runs (connection, started_at)`);
  });
}
