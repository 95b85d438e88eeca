import { join } from 'node:path';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { syncConnection, type StreamResult } from '../../src/extract/sync-connection.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { newRunId } from '../../src/core/ids.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { RunLog } from '../../src/state/run-log.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { sources } from '../../extractors/index.ts';
import type { LeverEmulator } from '../../emulators/lever/index.ts';

export const LEVER_STREAMS = sources['lever']!.streams.map((s) => s.name);

/** The raw config object for one Lever connection against an emulator. */
export function leverConnection(emu: Pick<LeverEmulator, 'url' | 'credentials'>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'beta', source: 'lever', credentials: emu.credentials, base_url: emu.url, ...extra };
}

export function leverConfig(emu: Pick<LeverEmulator, 'url' | 'credentials'>, dbPath: string, extra: Record<string, unknown> = {}): HirelakeConfig {
  return resolveConfig(
    { warehouse: { engine: 'duckdb', path: dbPath }, connections: [leverConnection(emu, extra)] },
    join(dbPath, '..', 'hirelake.yml'),
    sources,
  );
}

export interface RunSummary {
  ok: boolean;
  streams: StreamResult[];
  seconds: number;
}

/**
 * Extracts every connection of `config` with the run clock at `now`: the emulated world keeps
 * simulated time, so the windows must end at the world's clock, not the wall clock.
 */
export async function extractAt(engine: Engine, config: HirelakeConfig, now: Date, opts: { fullRefresh?: boolean } = {}): Promise<RunSummary> {
  const started = performance.now();
  await ensureMetaSchema(engine);
  const redactor = new Redactor();
  for (const s of config.secrets) redactor.add(s);
  const runId = newRunId();
  const streams: StreamResult[] = [];
  for (const connection of config.connections) {
    streams.push(
      ...(await syncConnection({
        engine,
        state: new StateStore(engine.schemas.meta),
        runLog: new RunLog(engine.schemas.meta),
        source: sources[connection.source]!,
        connection,
        runId,
        fullRefresh: opts.fullRefresh ?? false,
        now,
        log: silentLogger,
        redactor,
        signal: new AbortController().signal,
      })),
    );
  }
  return { ok: streams.every((s) => s.status === 'succeeded'), streams, seconds: (performance.now() - started) / 1000 };
}

/** The latest live version of every record of every Lever stream: what staging would see. */
export async function leverLatest(engine: Engine, connection = 'beta'): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const stream of LEVER_STREAMS) {
    const rows = await engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as varchar) as p from ${engine.schemas.raw}.lever__${stream}__latest
        where _connection = $1 and not _deleted order by _record_id`,
      [connection],
    );
    out[stream] = rows.map((r) => `${r.id}:${r.p}`);
  }
  return out;
}

export function failures(res: RunSummary): string {
  return JSON.stringify(res.streams.filter((s) => s.error).map((s) => [s.stream, s.error]));
}
