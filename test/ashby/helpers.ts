import type { HirelakeConfig } from '../../src/config/load.ts';
import { latestPayloads, singleConnectionConfig } from '../helpers/pipeline.ts';
import type { Engine } from '../../src/engine/engine.ts';
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
  return singleConnectionConfig(ashbyConnection(emu, extra), dbPath);
}

/** The latest live version of every record of every Ashby stream: what staging would see. */
export function ashbyLatest(engine: Engine, connection = 'delta'): Promise<Record<string, string[]>> {
  return latestPayloads(engine, 'ashby', ASHBY_STREAMS, connection);
}

export { byStream, failures } from '../helpers/pipeline.ts';
