import { join } from 'node:path';
import { advanceWorld, createWorld, customStageMapping, type SizePreset, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildModels, type BuildResult } from '../../transforms/index.ts';
import { extractInto, greenhouseConfig } from '../helpers/pipeline.ts';
import type { Row } from './truth.ts';

const DAY = 86_400_000;

export interface WorldSpec {
  seed: number;
  size: SizePreset;
  /** simulated days before the first extraction */
  days: number;
  /** advance the world this many days after the first extraction and extract again (incrementally) */
  advanceDays?: number;
  /** pass the world's team-specific stage names as stage_mapping (default true) */
  mapStages?: boolean;
}

export interface Landed {
  world: World;
  config: HirelakeConfig;
}

/**
 * Serves the world with the Greenhouse emulator and extracts it with the real extractor (and, for
 * an advanced world, a second incremental run), windows ending at the simulated clock.
 */
export async function landWorld(engine: Engine, spec: WorldSpec): Promise<Landed> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const world = createWorld({ seed: spec.seed, size: spec.size, start, now: start + spec.days * DAY });
  const emulator = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
  try {
    const extract = async () => {
      const config = greenhouseConfig(emulator, join('/nonexistent', 'unused.duckdb'), { per_page: 500 });
      const res = await extractInto(engine, config, { now: new Date(world.now + 1) });
      if (!res.ok) throw new Error(`extract failed: ${JSON.stringify(res.streams.filter((s) => s.error))}`);
    };
    await extract();
    if (spec.advanceDays) {
      advanceWorld(world, { days: spec.advanceDays });
      await extract();
    }
    // Stage names a new job brought in while advancing need mapping too, so read them at the end.
    const config = greenhouseConfig(emulator, join('/nonexistent', 'unused.duckdb'), {
      ...(spec.mapStages === false ? {} : { stage_mapping: customStageMapping(world) }),
    });
    return { world, config };
  } finally {
    await emulator.stop();
  }
}

export async function build(engine: Engine, config: HirelakeConfig & { models: { include_pii: boolean } }): Promise<BuildResult> {
  const res = await buildModels({ engine, config, log: silentLogger, runId: 'truth' });
  const failed = res.models.filter((m) => m.status !== 'succeeded');
  if (failed.length > 0) throw new Error(`models failed: ${failed.map((m) => `${m.name}: ${m.error}`).join('\n')}`);
  return res;
}

const DATE_COLUMNS = new Set(['day', 'applied_month']);

/** A table's rows as truth.ts writes them: Dates as ISO strings (DATE columns as YYYY-MM-DD). */
export async function readTable(engine: Engine, schema: string, table: string, columns?: readonly string[]): Promise<Row[]> {
  const rows = await engine.query(`select ${columns ? columns.join(', ') : '*'} from ${qualified(schema, table)}`);
  return rows.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) {
      out[k] = v instanceof Date ? (DATE_COLUMNS.has(k) ? v.toISOString().slice(0, 10) : v.toISOString()) : v;
    }
    return out;
  });
}
