import { join } from 'node:path';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { ExtractSummary } from '../../src/extract/run-extract.ts';
import { sources } from '../../extractors/index.ts';
import type { LeverEmulator } from '../../emulators/lever/index.ts';

/** The streams a connection reads by default (demographic ones only with demographics: true). */
export const LEVER_STREAMS = sources['lever']!.streams.filter((s) => !s.demographics).map((s) => s.name);

/** Unthrottled on both sides: wire-behaviour tests switch the limits on where they need them. */
export const NO_LIMIT = { rate_limit: { requests: 1_000_000, per_seconds: 1 } };
export const EMULATOR_NO_LIMIT = { perSecond: 1_000_000, burst: 1_000_000 };

/** The raw config entry of one Lever connection against an emulator. */
export function leverConnection(emu: Pick<LeverEmulator, 'url' | 'credentials'>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'beta', source: 'lever', credentials: emu.credentials, base_url: emu.url, ...NO_LIMIT, ...extra };
}

export function leverConfig(emu: Pick<LeverEmulator, 'url' | 'credentials'>, dbPath: string, extra: Record<string, unknown> = {}): HirelakeConfig {
  return resolveConfig(
    { warehouse: { engine: 'duckdb', path: dbPath }, connections: [leverConnection(emu, extra)] },
    join(dbPath, '..', 'hirelake.yml'),
    sources,
  );
}

/** The latest live version of every record of every Lever stream: what staging would see. */
export async function leverLatest(engine: Engine, connection = 'beta'): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const stream of LEVER_STREAMS) {
    const rows = await engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as text) as p from ${engine.schemas.raw}.lever__${stream}__latest
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
