import type { Engine, SqlRunner } from '../engine/engine.ts';
import { CATALOG_LOCK, ensureSchema } from '../engine/ensure-schema.ts';
import { quoteIdent } from '../engine/identifiers.ts';

/**
 * Creates the metadata schema: stream checkpoints, the extract run log and the model run log.
 * No key constraints: these rows are written on every landed page, where DuckDB's index
 * maintenance (an upsert costs ~25 ms) would dominate, and each (connection, stream) has one
 * writer at a time anyway, held by the connection lock.
 */
export async function ensureMetaSchema(engine: Engine): Promise<void> {
  // Concurrent processes create these too: one transaction under the catalog lock (see raw-table.ts).
  await engine.transaction(async (tx) => {
    await tx.lock(CATALOG_LOCK);
    await createMetaTables(tx, engine.schemas.meta);
  });
}

async function createMetaTables(engine: SqlRunner, meta: string): Promise<void> {
  const s = quoteIdent(meta);
  await ensureSchema(engine, meta);
  await engine.exec(`create table if not exists ${s}.stream_state (
    connection text not null,
    stream text not null,
    state text not null,
    updated_at timestamptz not null
  )`);
  await engine.exec(`create table if not exists ${s}.runs (
    run_id text not null,
    connection text not null,
    stream text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    status text not null,
    pages integer not null,
    records bigint not null,
    requests integer not null,
    retries integer not null,
    error text
  )`);
  // Subjects erased in the ATS or forgotten on request (src/privacy/erasure.ts): only the vendor's
  // ids, kept so that a version landed later is purged as well. No personal data.
  await engine.exec(`create table if not exists ${s}.erasures (
    connection text not null,
    subject_kind text not null,
    subject_id text not null,
    reason text not null,
    run_id text not null,
    detected_at timestamptz not null
  )`);
  // Added after the first release: warehouses created before get them here.
  for (const col of ['unchanged', 'unchanged_bytes']) await engine.exec(`alter table ${s}.runs add column if not exists ${col} bigint default 0`);
  await engine.exec(`create table if not exists ${s}.model_runs (
    run_id text not null,
    model text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    status text not null,
    rows bigint,
    error text
  )`);
}
