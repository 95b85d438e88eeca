import type { HirelakeConfig } from '../../src/config/load.ts';
import { latestPayloads, singleConnectionConfig } from '../helpers/pipeline.ts';
import type { Engine } from '../../src/engine/engine.ts';
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
  return singleConnectionConfig(leverConnection(emu, extra), dbPath);
}

/** The latest live version of every record of every Lever stream: what staging would see. */
export function leverLatest(engine: Engine, connection = 'beta'): Promise<Record<string, string[]>> {
  return latestPayloads(engine, 'lever', LEVER_STREAMS, connection);
}

export { byStream, failures } from '../helpers/pipeline.ts';
