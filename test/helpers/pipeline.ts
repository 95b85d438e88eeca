import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { runExtract, type ExtractSummary } from '../../src/extract/run-extract.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { newRunId } from '../../src/core/ids.ts';
import { sources } from '../../extractors/index.ts';

export interface GreenhouseTarget {
  url: string;
  tokenUrl: string;
  credentials: { client_id: string; client_secret: string; user_id: string };
}

/** The raw config object for one Greenhouse connection against an emulator. */
export function greenhouseConfigObject(target: GreenhouseTarget, dbPath: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    warehouse: { engine: 'duckdb', path: dbPath },
    connections: [
      {
        name: 'acme',
        source: 'greenhouse',
        credentials: target.credentials,
        base_url: target.url,
        token_url: target.tokenUrl,
        ...extra,
      },
    ],
  };
}

export function greenhouseConfig(target: GreenhouseTarget, dbPath: string, extra: Record<string, unknown> = {}): HirelakeConfig {
  return resolveConfig(greenhouseConfigObject(target, dbPath, extra), join(dbPath, '..', 'hirelake.yml'), sources);
}

export function writeConfigFile(dir: string, obj: Record<string, unknown>): string {
  const file = join(dir, 'hirelake.yml');
  writeFileSync(file, stringify(obj));
  return file;
}

/** Extracts with the library API (what the CLI does, minus process plumbing). */
export async function extractInto(engine: Engine, config: HirelakeConfig, opts: { fullRefresh?: boolean; now?: Date } = {}): Promise<ExtractSummary> {
  const redactor = new Redactor();
  for (const s of config.secrets) redactor.add(s);
  return runExtract({ config, sources, engine, runId: newRunId(), log: silentLogger, redactor, ...opts });
}

export async function withDuck<T>(path: string, fn: (e: Engine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open({ path });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/**
 * Fields the API derives from the clock at read time without touching updated_at (Greenhouse's
 * days_in_stage): two correct extractions taken at different moments legitimately differ there.
 */
const CLOCK_DERIVED = new Set(['days_in_stage']);

function stable(payload: string): string {
  const obj = JSON.parse(payload) as Record<string, unknown>;
  for (const k of CLOCK_DERIVED) delete obj[k];
  return JSON.stringify(obj);
}

/** The latest version of every record of every Greenhouse stream: what staging would see. */
export async function latestState(engine: Engine): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const stream of sources['greenhouse']!.streams.filter((s) => !s.demographics)) {
    const rows = await engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as varchar) as p from raw.greenhouse__${stream.name}__latest where not _deleted order by _record_id`,
    );
    out[stream.name] = rows.map((r) => `${r.id}:${stable(r.p)}`);
  }
  return out;
}

/** How many streams a Greenhouse connection reads by default (the demographic one only with demographics: true). */
export const GREENHOUSE_STREAM_COUNT = sources['greenhouse']!.streams.filter((s) => !s.demographics).length;

/** A DuckDB config with one connection entry, as a test file beside `dbPath` would hold it. */
export function singleConnectionConfig(connection: Record<string, unknown>, dbPath: string): HirelakeConfig {
  return resolveConfig({ warehouse: { engine: 'duckdb', path: dbPath }, connections: [connection] }, join(dbPath, '..', 'hirelake.yml'), sources);
}

/** The latest live version of every record of each stream of one vendor and connection: what staging would see. */
export async function latestPayloads(engine: Engine, vendor: string, streams: readonly string[], connection: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const stream of streams) {
    const rows = await engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as text) as p from ${engine.schemas.raw}.${vendor}__${stream}__latest
        where _connection = $1 and not _deleted order by _record_id`,
      [connection],
    );
    out[stream] = rows.map((r) => `${r.id}:${r.p}`);
  }
  return out;
}

/** The failed streams of an extract and their errors, for assertion messages. */
export function failures(res: ExtractSummary): string {
  return JSON.stringify(res.streams.filter((s) => s.error).map((s) => [s.stream, s.error]));
}

export function byStream(res: ExtractSummary): Record<string, ExtractSummary['streams'][number]> {
  return Object.fromEntries(res.streams.map((s) => [s.stream, s]));
}
