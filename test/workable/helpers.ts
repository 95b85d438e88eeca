import type { HirelakeConfig } from '../../src/config/load.ts';
import { latestPayloads, singleConnectionConfig } from '../helpers/pipeline.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { sources } from '../../extractors/index.ts';
import type { WorkableEmulator } from '../../emulators/workable/index.ts';

export const WORKABLE_STREAMS = sources['workable']!.streams.map((s) => s.name);

/** Unthrottled on both sides: wire-behaviour tests switch the limits on where they need them. */
export const NO_LIMIT = { rate_limit: { requests: 1_000_000, per_seconds: 1 } };
export const EMULATOR_NO_LIMIT = { limit: 1_000_000, windowMs: 1000 };

type Target = Pick<WorkableEmulator, 'url' | 'credentials' | 'subdomain'>;

/** The raw config entry of one Workable connection against an emulator. */
export function workableConnection(emu: Target, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'gamma', source: 'workable', subdomain: emu.subdomain, credentials: emu.credentials, base_url: emu.url, ...NO_LIMIT, ...extra };
}

export function workableConfig(emu: Target, dbPath: string, extra: Record<string, unknown> = {}): HirelakeConfig {
  return singleConnectionConfig(workableConnection(emu, extra), dbPath);
}

/** The latest live version of every record of every Workable stream: what staging would see. */
export function workableLatest(engine: Engine, connection = 'gamma'): Promise<Record<string, string[]>> {
  return latestPayloads(engine, 'workable', WORKABLE_STREAMS, connection);
}
