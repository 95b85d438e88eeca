// A Greenhouse emulator behind the hostile proxy, a small world, and both warehouse engines: what
// every hostile-API test starts from.
import { join } from 'node:path';
import { createWorld, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { startHostileProxy, type HostileProxy } from '../../emulators/shared/hostile-proxy.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { newRunId } from '../../src/core/ids.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { runExtract, type ExtractSummary } from '../../src/extract/run-extract.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger, type Logger } from '../../src/log/logger.ts';
import { StateStore } from '../../src/state/state-store.ts';
import type { Checkpoint } from '../../src/state/checkpoint.ts';
import { sources } from '../../extractors/index.ts';
import { pgWarehouse } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';

export const DAY = 86_400_000;

export interface Hostile {
  world: World;
  emu: GreenhouseEmulator;
  proxy: HostileProxy;
  /** A Greenhouse connection through the proxy (the token endpoint too), reading only `applications` by default. */
  configObject(dbPath: string, extra?: Record<string, unknown>): Record<string, unknown>;
  config(dbPath: string, extra?: Record<string, unknown>): HirelakeConfig;
  stop(): Promise<void>;
}

export async function startHostile(opts: { now?: number; seed?: number } = {}): Promise<Hostile> {
  const now = opts.now ?? Date.now() - 10 * 60_000;
  const world = createWorld({ seed: opts.seed ?? 11, size: 'tiny', start: now - 200 * DAY, now });
  const emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
  const proxy = await startHostileProxy({ upstream: emu.url });
  const configObject = (dbPath: string, extra: Record<string, unknown> = {}) => ({
    warehouse: { engine: 'duckdb', path: dbPath },
    connections: [
      {
        name: 'acme',
        source: 'greenhouse',
        credentials: emu.credentials,
        base_url: proxy.url,
        token_url: `${proxy.url}/token`,
        per_page: 20,
        streams: ['applications'],
        ...extra,
      },
    ],
  });
  return {
    world,
    emu,
    proxy,
    configObject,
    config: (dbPath, extra) => resolveConfig(configObject(dbPath, extra), join(dbPath, '..', 'hirelake.yml'), sources),
    async stop() {
      await proxy.stop();
      await emu.stop();
    },
  };
}

/** A logger that keeps its lines. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (msg: string) => void lines.push(`${level}: ${msg}`);
  const logger: Logger & { lines: string[] } = { lines, debug: () => undefined, info: keep('info'), warn: keep('warn'), error: keep('error'), child: () => logger };
  return logger;
}

export async function extract(
  engine: Engine,
  config: HirelakeConfig,
  opts: { now?: Date; log?: Logger; signal?: AbortSignal; fullRefresh?: boolean } = {},
): Promise<ExtractSummary> {
  const redactor = new Redactor();
  for (const s of config.secrets) redactor.add(s);
  return runExtract({ config, sources, engine, runId: newRunId(), redactor, ...opts, log: opts.log ?? silentLogger });
}

export interface TestWarehouse {
  readonly engine: Engine;
  dispose(): Promise<void>;
}

/** Both engines, each a fresh empty warehouse per call. */
export const ENGINES: readonly { name: 'duckdb' | 'postgres'; open(): Promise<TestWarehouse> }[] = [
  {
    name: 'duckdb',
    async open() {
      const tmp = tempDir();
      const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'w.duckdb') });
      return {
        engine,
        async dispose() {
          await engine.close();
          tmp.cleanup();
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const pg = await pgWarehouse();
      return { engine: pg.engine, dispose: () => pg.dispose() };
    },
  },
];

export function checkpoint(engine: Engine, stream = 'applications'): Promise<Checkpoint> {
  return new StateStore(engine.schemas.meta).get(engine, 'acme', stream);
}

/** Rows landed in raw.greenhouse__<stream> (every version). */
export async function landedRows(engine: Engine, stream = 'applications'): Promise<number> {
  const [row] = await engine.query<{ n: number }>(`select count(*) as n from ${engine.schemas.raw}.greenhouse__${stream}`);
  return Number(row!.n);
}
