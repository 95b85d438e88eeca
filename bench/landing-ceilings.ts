// The fastest way each engine takes the engines bench's pages, measured in the same run as the
// landing it is compared with: DuckDB parsing the pages' JSON itself from spool files, Postgres a
// bare COPY of the very rows landing sends. Neither has transactions of its own, a checkpoint
// row or compaction: what landing adds on top of them is what the ratio shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { storableJsonText } from '../src/engine/bulk-values.ts';
import type { Engine, TableRef } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';
import { copyRows } from '../src/engine/postgres/copy.ts';
import type { StreamDefinition, StreamPage } from '../src/extract/source.ts';
import { RAW_COLUMNS } from '../src/landing/raw-table.ts';
import { pageRows } from '../src/landing/to-rows.ts';

export interface BenchPage {
  readonly stream: StreamDefinition<any>;
  readonly table: TableRef;
  readonly page: StreamPage;
}

/** Pages per read_json_objects statement, as perf-limits.md's spool measurement. */
const SPOOL_BATCH = 200;

async function createLike(engine: Engine, table: TableRef): Promise<void> {
  const cols = RAW_COLUMNS.map((c) => `${c.name} ${c.type === 'json' ? engine.types.json : c.type}`).join(', ');
  await engine.exec(`create schema if not exists ${engine.schemas.raw}`);
  await engine.exec(`drop table if exists ${qualified(table.schema, table.table)}`);
  await engine.exec(`create table ${qualified(table.schema, table.table)} (${cols})`);
}

/** Records/s of the pages written as JSON files (their text made beforehand, as received bytes are) and parsed by DuckDB. */
export async function duckSpoolCeiling(engine: Engine, pages: readonly BenchPage[], dir: string): Promise<number> {
  const table = { schema: engine.schemas.raw, table: 'bench_spool_ceiling' };
  await createLike(engine, table);
  mkdirSync(dir, { recursive: true });
  // As landing stores them (bulk-values.ts): DuckDB refuses the lone surrogates of the world's cut texts.
  const texts = pages.map((p) => storableJsonText(JSON.stringify(p.page.records)));
  const records = pages.reduce((n, p) => n + p.page.records.length, 0);
  const t0 = performance.now();
  let batch: string[] = [];
  const land = async (): Promise<void> => {
    if (batch.length === 0) return;
    const list = batch.map((f) => `'${f}'`).join(', ');
    batch = [];
    await engine.exec(`insert into ${qualified(table.schema, table.table)}
      select 'bench', json_extract_string(json, '$.id'), try_cast(json_extract_string(json, '$.updated_at') as timestamptz),
             now(), 'ceiling', false, json
      from read_json_objects([${list}], format = 'array')`);
  };
  for (let i = 0; i < texts.length; i++) {
    const file = join(dir, `p${i}.json`);
    writeFileSync(file, texts[i]!);
    batch.push(file);
    if (batch.length >= SPOOL_BATCH) await land();
  }
  await land();
  await engine.exec('checkpoint');
  const seconds = (performance.now() - t0) / 1000;
  await engine.exec(`drop table ${qualified(table.schema, table.table)}`);
  return records / seconds;
}

/** Records/s of the same rows landing sends (pageRows), one bare `COPY` per page on one connection. */
export async function pgCopyCeiling(engine: Engine, url: string, pages: readonly BenchPage[]): Promise<number> {
  const table = { schema: engine.schemas.raw, table: 'bench_copy_ceiling' };
  await createLike(engine, table);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    let records = 0;
    for (const { stream, page } of pages) {
      records += await copyRows(client as unknown as PoolClient, table, RAW_COLUMNS, pageRows(stream, page, { connection: 'bench', runId: 'bench', extractedAt: new Date() }));
    }
    await client.query('checkpoint');
    const seconds = (performance.now() - t0) / 1000;
    return records / seconds;
  } finally {
    await client.end();
    await engine.exec(`drop table ${qualified(table.schema, table.table)}`);
  }
}
