import { randomUUID } from 'node:crypto';
import type { SourceRegistry } from '../src/config/load.ts';
import type { Engine } from '../src/engine/engine.ts';
import { ensureRawTable, rawTableRef } from '../src/landing/raw-table.ts';
import type { Logger } from '../src/log/logger.ts';
import { ensureMetaSchema } from '../src/state/meta-ddl.ts';
import { compileProject, type CompiledModel, type CompiledProject } from './compile.ts';
import { selectNodes } from './dag.ts';
import { dialectFor } from './dialects/index.ts';
import { INPUT_MODELS, type InputConfig } from './inputs/index.ts';
import { buildTable, buildTablePartition, buildTableUnlessSame, buildView, ensureSchemas, loadTable, RelationKinds } from './materialize.ts';
import { ModelRunLog } from './model-runs.ts';
import { forVendors, loadProject, type Layer, type Materialization, type Project } from './project.ts';
import { vendorsInPlay } from './vendors-in-play.ts';
import { parseCsv } from './seeds.ts';
import { byStream, ensureExtractedState, unreadByStream, readExtractedState, refreshStream, type RefreshResult } from './extracted/refresh.ts';
import { incrementalSpec } from './incremental/declare.ts';
import { buildKeys, inputKeyColumn, KeyedCopies, type KeySource } from './incremental/scoped.ts';
import { NESTED_KINDS } from './extracted/spec.ts';
import { qualified } from '../src/engine/identifiers.ts';
import { clearModelState, digest, ensureModelState, readModelState, writeModelState, type ModelState } from './model-state.ts';

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
  /** Rebuild everything from the raw zone, whatever was built before (`--full-refresh`). */
  readonly fullRefresh?: boolean;
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
  /** Up to date: its SQL and everything it reads are as when it was last built, so it was not built again. */
  readonly unchanged?: boolean;
  /** Rebuilt per key (incremental_key): how many keys' rows were built again; `rows` is their row count. */
  readonly keys?: number;
  /** Built again, came out equal to the table it would replace, which was kept: nothing downstream changed through it. */
  readonly same?: boolean;
}

export interface BuildResult {
  readonly ok: boolean;
  readonly seconds: number;
  readonly models: readonly ModelResult[];
  /** The typed staging tables brought up to date first, per raw stream. */
  readonly staging: readonly RefreshResult[];
}

/** Raw streams whose every version the models read (source_versions): retention must keep them. */
export function historyStreams(engine: Engine, config: ModelsConfig, sqlDir?: string): Set<string> {
  return new Set(compileFor(engine, config, sqlDir).sources.filter((s) => s.versions).map((s) => `${s.vendor}__${s.stream}`));
}

/** Compiles sql/ for this engine (errors in the project itself are thrown, naming the file). */
export function compileFor(engine: Engine, config: ModelsConfig, sqlDir?: string): CompiledProject {
  return compileLoaded(engine, config, loadProject(sqlDir));
}

/**
 * Compiles what this warehouse models: the staging of the vendors in play only (see
 * vendorsInPlay), which it also returns.
 */
export async function compileInPlay(engine: Engine, config: ModelsConfig, sqlDir?: string): Promise<{ compiled: CompiledProject; vendors: string[] }> {
  const project = loadProject(sqlDir);
  const vendors = await vendorsInPlay(engine, config, project.vendors);
  return { compiled: compileLoaded(engine, config, forVendors(project, vendors)), vendors };
}

function compileLoaded(engine: Engine, config: ModelsConfig, project: Project): CompiledProject {
  return compileProject(project, {
    dialect: dialectFor(engine.kind),
    schemas: engine.schemas,
    includePii: config.models?.include_pii ?? false,
    customFields: config.custom_fields ?? [],
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
 * Whether the changed rows are too many for a per-key rebuild to pay (beyond a fifth of the table,
 * deleting and re-inserting costs more than building it whole).
 */
async function tooMany(engine: Engine, sources: readonly KeySource[], relation: string): Promise<boolean> {
  const [r] = await engine.query<{ changed: number; total: number }>(
    `select (${sources.map((s) => `(select count(*) from ${s.relation})`).join(' + ')}) as changed, (select count(*) from ${relation}) as total`,
  );
  return Number(r?.changed ?? 0) > Number(r?.total ?? 0) / 5;
}

/** A seed's or config input's content, as its signature: reloaded only when it changes. */
function contentSignature(m: CompiledModel, config: ModelsConfig): string {
  if (m.materialized === 'seed') return digest(m.body);
  const input = INPUT_MODELS.find((i) => i.def.name === m.name)!;
  return digest(JSON.stringify([input.columns, input.rows(config)]));
}

/**
 * Builds the models in dependency order: typed staging tables brought up to date from the raw zone,
 * staging views, then core and mart tables, each swapped in atomically. A model whose SQL and
 * inputs (through any views) are as when it was last built is not built again. A failing model is
 * reported with its file and the engine's message, everything downstream of it is skipped, and
 * independent models still build.
 */
export async function buildModels(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { engine, log } = opts;
  const { compiled: project, vendors: inPlay } = await compileInPlay(engine, opts.config, opts.sqlDir);
  const meta = engine.schemas.meta;
  await ensureMetaSchema(engine);
  await ensureExtractedState(engine, meta);
  await ensureModelState(engine, meta);
  const schemas = [engine.schemas.staging, engine.schemas.core, engine.schemas.marts];
  await ensureSchemas(engine, schemas);
  const streams = new Map(project.sources.map((s) => [`${s.vendor}__${s.stream}`, s]));
  for (const [name, source] of Object.entries(opts.sources ?? {})) {
    if (!inPlay.includes(name)) continue;
    for (const st of source.streams) streams.set(`${name}__${st.name}`, { vendor: name, stream: st.name });
  }
  for (const s of streams.values()) await ensureRawTable(engine, rawTableRef(engine, s.vendor, s.stream));
  if (opts.fullRefresh) await clearModelState(engine, meta);
  // What this build changes gets this version (run ids may repeat: tests and retries reuse them).
  const version = `${opts.runId}.${randomUUID().slice(0, 8)}`;

  // The typed staging tables first: the views read them.
  const dialect = dialectFor(engine.kind);
  const before = await RelationKinds.load(engine, schemas);
  const extractedState = await readExtractedState(engine, meta);
  const staging: RefreshResult[] = [];
  const versions = new Map<string, string>();
  const rebuiltWhole = new Set<string>();
  const streamTables = byStream(project.extracted);
  const unread = opts.fullRefresh ? new Map<string, number>() : await unreadByStream(engine, dialect, engine.schemas.raw, streamTables, extractedState);
  for (const st of streamTables) {
    const r = await refreshStream(engine, dialect, st, extractedState, {
      fullRefresh: opts.fullRefresh ?? false,
      version,
      existing: (name) => before.get(engine.schemas.staging, name) === 'table',
      unread: unread.get(`${st.vendor}__${st.stream}`),
    });
    staging.push(r);
    if (r.mode === 'full') for (const t of r.tables) rebuiltWhole.add(t);
    log.debug(`staging ${r.stream}: ${r.mode}`, { changed: r.changed, seconds: Number(r.seconds.toFixed(3)) });
  }
  for (const [name, st] of await readExtractedState(engine, meta)) versions.set(name, st.version);
  // What each extracted table changed from, and where its changed records are, when it was brought
  // up to date incrementally in this build: a model built from its previous version can be rebuilt per key.
  const stagingChanges = new Map<string, { from: string; changes: string }>();
  for (const r of staging) if (r.mode === 'incremental' && r.from !== undefined && r.changes) for (const t of r.tables) stagingChanges.set(t, { from: r.from, changes: r.changes });
  const extractedByName = new Map(project.extracted.map((t) => [t.name, t]));
  // Models rebuilt per key in this build: the version they changed from and the table of their keys.
  const keyChanges = new Map<string, { from: string; key: string; table: string }>();
  const scratch: string[] = [...new Set([...stagingChanges.values()].map((c) => c.changes))];
  const copies = new KeyedCopies();

  /** The keys' sources when every input of `m` that changed since its last build can be traced to keys; else null. */
  const keySources = (m: CompiledModel, inputs: Map<string, string>, prior: ModelState | undefined): KeySource[] | null => {
    const spec = incrementalSpec(m.body, m.file);
    if (!spec || !prior || opts.connections || opts.fullRefresh) return null;
    const before = new Map<string, string>(JSON.parse(prior.inputs) as [string, string][]);
    if (before.size !== inputs.size || [...inputs.keys()].some((k) => !before.has(k))) return null;
    const out: KeySource[] = [];
    for (const [name, v] of inputs) {
      const was = before.get(name);
      if (was === v) continue;
      const t = extractedByName.get(name);
      if (t) {
        const input = spec.inputs.find((i) => i.vendor === t.vendor && i.stream === t.stream);
        const change = stagingChanges.get(name);
        if (!input || !change || change.from !== was || !(t.kind === 'latest' || NESTED_KINDS.includes(t.kind))) return null;
        const latest = extractedByName.get(`_hl_latest__${t.vendor}__${t.stream}`) ?? null;
        out.push({ relation: qualified(engine.schemas.staging, change.changes), connection: '_connection', column: inputKeyColumn(input.field, latest, m.file) });
        continue;
      }
      const up = keyChanges.get(name);
      const input = spec.inputs.find((i) => !i.vendor && i.name === name);
      if (up && input && up.from === was && up.key === input.field) {
        out.push({ relation: qualified(engine.schemas.staging, up.table), connection: 'connection', column: 'key' });
        continue;
      }
      // Read before the table's rows of the keys are deleted (buildKeys collects the keys first).
      const refresh = spec.refresh.filter((r) => r.name === name);
      if (refresh.length === 0) return null;
      out.push({ relation: `(select * from ${m.relation} where ${refresh.map((r) => `(${r.where})`).join(' or ')}) as _hl_refresh`, connection: 'connection', column: spec.key });
    }
    return out.length > 0 ? out : null;
  };

  const selected = opts.select?.length ? selectNodes(project.models, opts.select) : null;
  // Only what another model reads is worth comparing with its previous rows (early cutoff).
  const readBySome = new Set(project.models.flatMap((m) => m.deps));
  const kinds = await RelationKinds.load(engine, schemas);
  const state = await readModelState(engine, meta);
  const built = new Set<string>(rebuiltWhole);
  const newState: ModelState[] = [];
  // Inputs of a relation through views: the tables, seeds, inputs and extracted tables it reads.
  const inputsOf = new Map<string, Map<string, string>>();
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
      const inputs = new Map<string, string>();
      for (const t of m.extracted) inputs.set(t, versions.get(t) ?? '');
      for (const d of m.deps) {
        const through = inputsOf.get(d);
        if (through) for (const [k, v] of through) inputs.set(k, v);
        else inputs.set(d, state.get(d)?.version ?? '');
      }
      const signature = m.materialized === 'seed' || m.materialized === 'input' ? contentSignature(m, opts.config) : digest(m.sql);
      const inputsJson = JSON.stringify([...inputs].sort(([a], [b]) => (a < b ? -1 : 1)));
      const prior = state.get(m.name);
      const exists = kinds.get(m.schemaName, m.name) === (m.materialized === 'view' ? 'view' : 'table');
      const upToDate =
        !opts.fullRefresh &&
        exists &&
        prior?.signature === signature &&
        (m.materialized === 'view' ? !m.deps.some((d) => built.has(d)) && !m.extracted.some((t) => rebuiltWhole.has(t)) : prior.inputs === inputsJson) &&
        !(selected?.has(m.name) && m.materialized === 'table');
      if (m.materialized === 'view') inputsOf.set(m.name, inputs);
      if (upToDate) {
        runLog.add({ model: m.name, startedAt, finishedAt: startedAt, status: 'unchanged', rows: null, error: null });
        results.push({ ...base, status: 'succeeded', rows: null, seconds: 0, unchanged: true });
        continue;
      }
      const t0 = performance.now();
      try {
        const sources = m.materialized === 'table' && exists && prior?.signature === signature ? keySources(m, inputs, prior) : null;
        let keys: number | undefined;
        let rows: number | null;
        // The version the models downstream see: the previous one when the table came out the same.
        let builtVersion = version;
        if (sources && !(await tooMany(engine, sources, m.relation))) {
          const table = `_hl_keys__${m.name}`;
          scratch.push(table);
          const r = await buildKeys(engine, project, m, incrementalSpec(m.body, m.file)!, sources, table, copies);
          keyChanges.set(m.name, { from: prior!.version, key: incrementalSpec(m.body, m.file)!.key, table });
          keys = r.keys;
          rows = r.rows;
        } else if (m.materialized === 'table' && exists && prior?.signature === signature && !opts.connections && readBySome.has(m.name)) {
          const r = await buildTableUnlessSame(engine, kinds, m.schemaName, m.name, m.sql);
          rows = r.rows;
          if (r.same) builtVersion = prior.version;
        } else {
          rows = await buildOne(engine, kinds, m, opts.config, opts.connections);
        }
        const seconds = (performance.now() - t0) / 1000;
        // Left as it was: the views over it need no rebuild either.
        if (builtVersion === version) built.add(m.name);
        // A build of some connections' rows says nothing about the others': the next whole build redoes it.
        if (!(opts.connections && m.materialized === 'table')) newState.push({ name: m.name, signature, inputs: inputsJson, version: builtVersion });
        state.set(m.name, { name: m.name, signature, inputs: inputsJson, version: builtVersion });
        runLog.add({ model: m.name, startedAt, finishedAt: new Date(), status: 'succeeded', rows, error: null });
        results.push({ ...base, status: 'succeeded', rows, seconds, ...(keys !== undefined ? { keys } : {}), ...(builtVersion !== version ? { same: true } : {}) });
        log.debug(`built ${m.relation}`, { model: m.name, materialized: m.materialized, rows, ...(keys !== undefined ? { keys } : {}), seconds: Number(seconds.toFixed(3)) });
      } catch (err) {
        const error = `${m.file}: ${err instanceof Error ? err.message : String(err)}`;
        failed.set(m.name, 'failed');
        runLog.add({ model: m.name, startedAt, finishedAt: new Date(), status: 'failed', rows: null, error });
        results.push({ ...base, status: 'failed', rows: null, seconds: (performance.now() - t0) / 1000, error });
        log.error(`model ${m.name} failed: ${error}`);
      }
    }
  } finally {
    await writeModelState(engine, meta, newState);
    await runLog.flush();
    for (const t of [...scratch, ...copies.tables]) await engine.exec(`drop table if exists ${qualified(engine.schemas.staging, t)}`);
  }
  return { ok: failed.size === 0, seconds: (performance.now() - started) / 1000, models: results, staging };
}
