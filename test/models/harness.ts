import { advanceWorld, createWorld, customStageMapping, type SizePreset, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { sources } from '../../extractors/index.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { buildModels, type BuildResult } from '../../transforms/index.ts';
import { extractInto } from '../helpers/pipeline.ts';
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
  /** more keys of the connection entry (e.g. demographics: true) */
  extra?: Record<string, unknown>;
}

export interface Landed {
  world: World;
  config: HirelakeConfig;
  /** when the connection read the account completely (its first run: the second is incremental) */
  completeReadAt: number;
}

function connectionObject(name: string, emulator: GreenhouseEmulator, world: World, mapStages: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    name,
    source: 'greenhouse',
    credentials: emulator.credentials,
    base_url: emulator.url,
    token_url: emulator.tokenUrl,
    per_page: 500,
    ...(mapStages ? { stage_mapping: customStageMapping(world) } : {}),
  };
}

const configOf = (connections: Record<string, unknown>[]) =>
  resolveConfig({ warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' }, connections }, '/nonexistent/hirelake.yml', sources);

/**
 * Serves each world with its own Greenhouse emulator and extracts it with the real extractor into
 * one warehouse, one connection per world (and, for an advanced world, a second incremental run),
 * windows ending at the simulated clock.
 */
export async function landWorlds(
  engine: Engine,
  specs: readonly (WorldSpec & { connection: string })[],
): Promise<{ worlds: Map<string, World>; config: HirelakeConfig; completeReadAt: Map<string, number> }> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const worlds = new Map<string, World>();
  const completeReadAt = new Map<string, number>();
  const connections: Record<string, unknown>[] = [];
  for (const spec of specs) {
    const world = createWorld({ seed: spec.seed, size: spec.size, start, now: start + spec.days * DAY });
    const emulator = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    try {
      const extract = async () => {
        const res = await extractInto(engine, configOf([connectionObject(spec.connection, emulator, world, false, spec.extra)]), { now: new Date(world.now + 1) });
        if (!res.ok) throw new Error(`extract failed: ${JSON.stringify(res.streams.filter((s) => s.error))}`);
      };
      await extract();
      completeReadAt.set(spec.connection, world.now);
      if (spec.advanceDays) {
        advanceWorld(world, { days: spec.advanceDays });
        await extract();
      }
      // Stage names a new job brought in while advancing need mapping too, so read them at the end.
      connections.push(connectionObject(spec.connection, emulator, world, spec.mapStages !== false, spec.extra));
      worlds.set(spec.connection, world);
    } finally {
      await emulator.stop();
    }
  }
  return { worlds, config: configOf(connections), completeReadAt };
}

export async function landWorld(engine: Engine, spec: WorldSpec): Promise<Landed> {
  const { worlds, config, completeReadAt } = await landWorlds(engine, [{ ...spec, connection: 'acme' }]);
  return { world: worlds.get('acme')!, config, completeReadAt: completeReadAt.get('acme')! };
}

export async function build(engine: Engine, config: HirelakeConfig & { models: { include_pii: boolean } }): Promise<BuildResult> {
  // Tuned for building as the CLI's builds are (DuckDB: no insertion order), so the truth holds there.
  const res = await engine.withQueryMemory(() => buildModels({ engine, config, log: silentLogger, runId: 'truth' }));
  const failed = res.models.filter((m) => m.status !== 'succeeded');
  if (failed.length > 0) throw new Error(`models failed: ${failed.map((m) => `${m.name}: ${m.error}`).join('\n')}`);
  return res;
}

const DATE_COLUMNS = new Set(['day', 'applied_month', 'offer_month', 'week_start', 'value_date']);

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
