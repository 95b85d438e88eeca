import { join } from 'node:path';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { ExtractSummary } from '../../src/extract/run-extract.ts';
import { sources } from '../../extractors/index.ts';
import type { AshbyEmulator } from '../../emulators/ashby/index.ts';

export const ASHBY_STREAMS = sources['ashby']!.streams.map((s) => s.name);

/** Unthrottled on both sides: wire-behaviour tests switch the limits on where they need them. */
export const NO_LIMIT = { rate_limit: { requests: 1_000_000, per_seconds: 1 }, history_rate_limit: { requests: 1_000_000, per_seconds: 1 } };
export const EMULATOR_NO_LIMIT = { limit: 1_000_000, windowMs: 1000 };

/** The raw config entry of one Ashby connection against an emulator. */
export function ashbyConnection(emu: Pick<AshbyEmulator, 'url' | 'credentials'>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'delta', source: 'ashby', credentials: emu.credentials, base_url: emu.url, ...NO_LIMIT, ...extra };
}

export function ashbyConfig(emu: Pick<AshbyEmulator, 'url' | 'credentials'>, dbPath: string, extra: Record<string, unknown> = {}): HirelakeConfig {
  return resolveConfig(
    { warehouse: { engine: 'duckdb', path: dbPath }, connections: [ashbyConnection(emu, extra)] },
    join(dbPath, '..', 'hirelake.yml'),
    sources,
  );
}

/** The latest live version of every record of every Ashby stream: what staging would see. */
export async function ashbyLatest(engine: Engine, connection = 'delta'): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const stream of ASHBY_STREAMS) {
    const rows = await engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as text) as p from ${engine.schemas.raw}.ashby__${stream}__latest
        where _connection = $1 and not _deleted order by _record_id`,
      [connection],
    );
    out[stream] = rows.map((r) => `${r.id}:${r.p}`);
  }
  return out;
}

export function failures(res: ExtractSummary): string {
  return JSON.stringify(res.streams.filter((s) => s.error).map((s) => [s.stream, s.error]));
}

export function byStream(res: ExtractSummary): Record<string, ExtractSummary['streams'][number]> {
  return Object.fromEntries(res.streams.map((s) => [s.stream, s]));
}
