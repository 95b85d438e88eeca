// The DuckDB landing ceiling measured in the same run as the extract it is compared with: the same
// emulator's pages fetched as bytes (never parsed in JS), written to spool files, and parsed by
// DuckDB itself (read_json_objects) into a table shaped like a raw table. No checkpoint, no
// compaction, no per-page transaction: the fastest way this machine can land those pages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { mayHoldUnstorable, storableJsonText } from '../src/engine/bulk-values.ts';
import { oauthClientCredentials } from '../src/http/index.ts';
import type { Served } from './lib.ts';

/** Pages per read_json_objects batch (perf-limits.md's spool measurement used 200). */
const BATCH_PAGES = 200;
/** Streams read at a time, as the extract's default connection concurrency. */
const CONCURRENCY = 4;

interface Target {
  readonly stream: string;
  readonly query: Readonly<Record<string, string>>;
}

export interface SpoolCeiling {
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSec: number;
}

/** Fetches every target's pages following `Link: rel="next"`, spools them and lands them in DuckDB. */
export async function spoolCeiling(served: Served, targets: readonly Target[], dir: string): Promise<SpoolCeiling> {
  const spool = join(dir, 'spool');
  mkdirSync(spool, { recursive: true });
  const auth = oauthClientCredentials({
    tokenUrl: served.tokenUrl!,
    clientId: served.credentials['client_id']!,
    clientSecret: served.credentials['client_secret']!,
    form: { sub: served.credentials['user_id'] ?? '' },
  });
  // DuckDB's default memory limit, as perf-limits.md measured it: 200 pages per statement need more
  // than the extract's 64MB, and the ceiling's memory is not what it is compared on.
  const instance = await DuckDBInstance.create(join(dir, 'ceiling.duckdb'));
  const conn = await instance.connect();
  await conn.run(`create table raw_ceiling (_connection text not null, _record_id text not null, _updated_at timestamptz,
    _extracted_at timestamptz not null, _run_id text not null, _deleted boolean not null, _payload JSON not null)`);
  const t0 = performance.now();
  let pending: string[] = [];
  let fileNo = 0;
  // One insert at a time: DuckDB has one writer; fetching goes on while it runs.
  let landing: Promise<void> = Promise.resolve();
  const land = (files: string[]): void => {
    if (files.length === 0) return;
    const list = files.map((f) => `'${f}'`).join(', ');
    landing = landing.then(async () => {
      await conn.run(`insert into raw_ceiling
        select 'bench', json_extract_string(json, '$.id'), try_cast(json_extract_string(json, '$.updated_at') as timestamptz),
               now(), 'ceiling', false, json
        from read_json_objects([${list}], format = 'array')`);
    });
  };
  const read = async (t: Target): Promise<void> => {
    const first = new URL(`${served.url}/v3/${t.stream}`);
    for (const [k, v] of Object.entries({ per_page: '500', ...t.query })) first.searchParams.set(k, v);
    let url: string | undefined = first.toString();
    while (url) {
      const res = await fetch(url, { headers: await auth.headers({}) });
      if (!res.ok) throw new Error(`ceiling fetch ${t.stream}: HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      // What landing does to every payload (bulk-values.ts): DuckDB refuses a lone surrogate, which
      // the world's cut texts carry; only the rare page that may hold one is decoded.
      const body = mayHoldUnstorable(bytes) ? storableJsonText(bytes.toString('utf8')) : bytes;
      const file = join(spool, `p${fileNo++}.json`);
      writeFileSync(file, body);
      pending.push(file);
      if (pending.length >= BATCH_PAGES) {
        land(pending);
        pending = [];
      }
      url = /<([^>]*)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
  };
  const queue = [...targets];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await read(t);
    }),
  );
  land(pending);
  await landing;
  await conn.run('checkpoint');
  const seconds = (performance.now() - t0) / 1000;
  const reader = await conn.runAndReadAll('select count(*)::integer as n from raw_ceiling');
  const records = Number(reader.getRows()[0]![0]);
  conn.closeSync();
  instance.closeSync();
  return { records, seconds, recordsPerSec: records / seconds };
}
