import type { Engine } from '../engine/engine.ts';
import { quoteIdent } from '../engine/identifiers.ts';

/** Creates the metadata schema: stream checkpoints, the extract run log and the model run log. */
export async function ensureMetaSchema(engine: Engine): Promise<void> {
  const s = quoteIdent(engine.schemas.meta);
  await engine.exec(`create schema if not exists ${s}`);
  await engine.exec(`create table if not exists ${s}.stream_state (
    connection text not null,
    stream text not null,
    state text not null,
    updated_at timestamptz not null,
    primary key (connection, stream)
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
    error text,
    primary key (run_id, connection, stream)
  )`);
  await engine.exec(`create table if not exists ${s}.model_runs (
    run_id text not null,
    model text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    status text not null,
    rows bigint,
    error text,
    primary key (run_id, model)
  )`);
}
