import type { Engine } from '../../engine/engine.ts';
import { newRunId } from '../../core/ids.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { buildModels, dataQuality, type BuildResult } from '../../../transforms/index.ts';
import { dataQualitySummary, warnDataQuality } from '../data-quality.ts';
import type { CommandContext } from '../context.ts';
import { peakRssMb } from '../output.ts';

export interface TransformOptions {
  /** Model selectors (see transforms/dag.ts): names, layers, `name+`, `+name`. */
  select?: readonly string[];
}

/** Builds the models on an open engine, holding the models lock so two builds never interleave. */
export function transformStep(ctx: CommandContext, engine: Engine, runId: string, opts: TransformOptions = {}): Promise<BuildResult> {
  return engine.withLock('models', { wait: ctx.opts.wait ?? false }, () =>
    engine.withQueryMemory(() =>
      buildModels({ engine, config: ctx.config, log: ctx.log, runId, sources: ctx.sources, fullRefresh: ctx.opts.fullRefresh ?? false, ...(opts.select?.length ? { select: opts.select } : {}) }),
    ),
  );
}

/** The tables built (views are cheap and many, so they are only counted) and every failure. */
export function reportTransform(ctx: CommandContext, result: BuildResult): void {
  const tables = result.models.filter((m) => (m.materialized === 'table' && !m.unchanged) || m.status !== 'succeeded');
  ctx.out.table(
    tables.map((m) => ({ model: m.relation.replaceAll('"', ''), status: m.status, rows: m.rows, seconds: Number(m.seconds.toFixed(2)) })),
    ['model', 'status', 'rows', 'seconds'],
  );
  const built = result.models.filter((m) => m.status === 'succeeded' && !m.unchanged).length;
  const unchanged = result.models.filter((m) => m.unchanged).length;
  const staged = result.staging.filter((s) => s.mode !== 'unchanged').length;
  ctx.out.line(
    `${built} of ${result.models.length} models built${unchanged ? `, ${unchanged} unchanged` : ''} in ${result.seconds.toFixed(1)} s` +
      ` (typed staging: ${staged} of ${result.staging.length} raw streams had new versions)`,
  );
  for (const m of result.models) if (m.status === 'skipped') ctx.log.warn(`${m.name} skipped: ${m.error}`);
}

export function transformSummary(result: BuildResult): Record<string, unknown> {
  return {
    ok: result.ok,
    seconds: result.seconds,
    staging: result.staging.map((s) => ({ stream: s.stream, mode: s.mode, changed: s.changed, read: s.read, seconds: s.seconds })),
    models: result.models.map((m) => ({ model: m.name, relation: m.relation.replaceAll('"', ''), layer: m.layer, file: m.file, materialized: m.materialized, status: m.status, ...(m.unchanged ? { unchanged: true } : {}), ...(m.same ? { same: true } : {}), rows: m.rows, seconds: m.seconds, ...(m.error ? { error: m.error } : {}) })),
  };
}

/** `hirelake transform`: build every model (or --select) from what the raw zone holds now. */
export async function transformCommand(ctx: CommandContext, opts: TransformOptions = {}): Promise<number> {
  const runId = newRunId();
  const { result, dq } = await usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? false }, async (engine) => {
    const built = await transformStep(ctx, engine, runId, opts);
    return { result: built, dq: built.ok ? await dataQuality(engine) : null };
  });
  reportTransform(ctx, result);
  if (dq) warnDataQuality(ctx, dq);
  if (ctx.out.json) ctx.out.data({ command: 'transform', runId, ...transformSummary(result), ...(dq ? { data_quality: dataQualitySummary(dq) } : {}), peakRssMb: peakRssMb() });
  return result.ok ? 0 : 1;
}
