import type { SourceRegistry } from '../src/config/load.ts';
import type { Engine } from '../src/engine/engine.ts';
import { ensureRawTable, rawTableRef } from '../src/landing/raw-table.ts';
import type { Logger } from '../src/log/logger.ts';
import { ensureMetaSchema } from '../src/state/meta-ddl.ts';
import { compileProject, type CompiledModel, type CompiledProject } from './compile.ts';
import { selectNodes } from './dag.ts';
import { dialectFor } from './dialects/index.ts';
import { INPUT_MODELS, type InputConfig } from './inputs/index.ts';
import { buildTable, buildTablePartition, buildView, ensureSchemas, loadTable, RelationKinds } from './materialize.ts';
import { ModelRunLog } from './model-runs.ts';
import { loadProject, type Layer, type Materialization } from './project.ts';
import { parseCsv } from './seeds.ts';

/** The slice of the hirelake config the models read. */
export interface ModelsConfig extends InputConfig {
  readonly models?: { readonly include_pii: boolean };
}

export interface BuildOptions {
  readonly engine: Engine;
  readonly config: ModelsConfig;
  readonly log: Logger;
  readonly runId: string;
  /** Model names, layers, `name+` or `+name`; views, seeds and config inputs are always rebuilt. */
  readonly select?: readonly string[];
  /** The SQL project (default: the sql/ folder shipped with hirelake). */
  readonly sqlDir?: string;
  /** Registered sources: every stream gets an (empty) raw table, so staging always compiles. */
  readonly sources?: SourceRegistry;
  /**
   * Rebuild only these connections' rows of each table (their raw data changed); views, seeds and
   * inputs are rebuilt as usual. See buildTablePartition.
   */
  readonly connections?: readonly string[];
}

export interface ModelResult {
  readonly name: string;
  readonly layer: Layer;
  readonly file: string;
  readonly relation: string;
  readonly materialized: Materialization;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly rows: number | null;
  readonly seconds: number;
  readonly error?: string;
}

export interface BuildResult {
  readonly ok: boolean;
  readonly seconds: number;
  readonly models: readonly ModelResult[];
}

/** Raw streams whose every version the models read (source_versions): retention must keep them. */
export function historyStreams(engine: Engine, config: ModelsConfig, sqlDir?: string): Set<string> {
  return new Set(compileFor(engine, config, sqlDir).sources.filter((s) => s.versions).map((s) => `${s.vendor}__${s.stream}`));
}

/** Compiles sql/ for this engine (errors in the project itself are thrown, naming the file). */
export function compileFor(engine: Engine, config: ModelsConfig, sqlDir?: string): CompiledProject {
  return compileProject(loadProject(sqlDir), {
    dialect: dialectFor(engine.kind),
    schemas: engine.schemas,
    includePii: config.models?.include_pii ?? false,
  });
}

async function buildOne(engine: Engine, kinds: RelationKinds, m: CompiledModel, config: ModelsConfig, connections?: readonly string[]): Promise<number | null> {
  switch (m.materialized) {
    case 'view':
      await buildView(engine, kinds, m.schemaName, m.name, m.sql);
      return null;
    case 'table':
      return connections ? buildTablePartition(engine, kinds, m.schemaName, m.name, m.sql, connections) : buildTable(engine, kinds, m.schemaName, m.name, m.sql);
    case 'seed': {
      const csv = parseCsv(m.body, m.file);
      return loadTable(engine, kinds, m.schemaName, m.name, csv.columns.map((name) => ({ name, type: 'text' as const })), csv.rows);
    }
    case 'input': {
      const input = INPUT_MODELS.find((i) => i.def.name === m.name)!;
      return loadTable(engine, kinds, m.schemaName, m.name, input.columns, input.rows(config));
    }
  }
}

/**
 * Builds the models in dependency order: staging views, then core and mart tables, each swapped in
 * atomically. A failing model is reported with its file and the engine's message, everything
 * downstream of it is skipped, and independent models still build.
 */
export async function buildModels(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { engine, log } = opts;
  const project = compileFor(engine, opts.config, opts.sqlDir);
  await ensureMetaSchema(engine);
  const schemas = [engine.schemas.staging, engine.schemas.core, engine.schemas.marts];
  await ensureSchemas(engine, schemas);
  const streams = new Map(project.sources.map((s) => [`${s.vendor}__${s.stream}`, s]));
  for (const [name, source] of Object.entries(opts.sources ?? {})) {
    for (const st of source.streams) streams.set(`${name}__${st.name}`, { vendor: name, stream: st.name });
  }
  for (const s of streams.values()) await ensureRawTable(engine, rawTableRef(engine, s.vendor, s.stream));

  const selected = opts.select?.length ? selectNodes(project.models, opts.select) : null;
  const kinds = await RelationKinds.load(engine, schemas);
  const runLog = new ModelRunLog(engine, opts.runId);
  const failed = new Map<string, string>();
  const results: ModelResult[] = [];
  try {
    for (const m of project.models) {
      if (selected && !selected.has(m.name) && m.materialized === 'table') continue;
      const base = { name: m.name, layer: m.layer, file: m.file, relation: m.relation, materialized: m.materialized };
      const startedAt = new Date();
      const blocker = m.deps.find((d) => failed.has(d));
      if (blocker) {
        const reason = `not built: it reads ${blocker}, which ${failed.get(blocker)}`;
        failed.set(m.name, 'was skipped');
        runLog.add({ model: m.name, startedAt, finishedAt: startedAt, status: 'skipped', rows: null, error: reason });
        results.push({ ...base, status: 'skipped', rows: null, seconds: 0, error: reason });
        continue;
      }
      const t0 = performance.now();
      try {
        const rows = await buildOne(engine, kinds, m, opts.config, opts.connections);
        const seconds = (performance.now() - t0) / 1000;
        runLog.add({ model: m.name, startedAt, finishedAt: new Date(), status: 'succeeded', rows, error: null });
        results.push({ ...base, status: 'succeeded', rows, seconds });
        log.debug(`built ${m.relation}`, { model: m.name, materialized: m.materialized, rows, seconds: Number(seconds.toFixed(3)) });
      } catch (err) {
        const error = `${m.file}: ${err instanceof Error ? err.message : String(err)}`;
        failed.set(m.name, 'failed');
        runLog.add({ model: m.name, startedAt, finishedAt: new Date(), status: 'failed', rows: null, error });
        results.push({ ...base, status: 'failed', rows: null, seconds: (performance.now() - t0) / 1000, error });
        log.error(`model ${m.name} failed: ${error}`);
      }
    }
  } finally {
    await runLog.flush();
  }
  return { ok: failed.size === 0, seconds: (performance.now() - started) / 1000, models: results };
}
