import { newRunId } from '../../core/ids.ts';
import type { Engine } from '../../engine/engine.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { UsageError } from '../../core/errors.ts';
import { exportConfigs, pickExports, runExports, type ExportResult } from '../../../loaders/index.ts';
import type { CommandContext } from '../context.ts';
import { secondsSince } from '../../../loaders/result.ts';

export interface ExportOptions {
  /** Only the export with this name (`--target`). */
  target?: string;
}

export interface ExportSummary {
  ok: boolean;
  exports: ExportResult[];
  seconds: number;
  /** Why nothing was exported, when nothing was. */
  skipped?: string;
}

/** Export target passwords are not in the config's secret list; the redactor learns them here. */
function registerSecrets(ctx: CommandContext): void {
  for (const e of exportConfigs(ctx.config.exports)) {
    if (e.type !== 'postgres') continue;
    try {
      const pw = new URL(e.url).password;
      if (pw) ctx.redactor.add(decodeURIComponent(pw), pw);
    } catch {
      // An unparsable URL fails later with a message that never includes it.
    }
  }
}

/** Sends the models to every configured export (or --target) from an open engine. */
export async function exportStep(ctx: CommandContext, engine: Engine, runId: string, opts: ExportOptions = {}): Promise<ExportSummary> {
  const started = performance.now();
  registerSecrets(ctx);
  const all = exportConfigs(ctx.config.exports);
  if (all.length === 0) return { ok: true, exports: [], seconds: 0, skipped: 'no exports in the config' };
  // Reading whole tables out is query work, tuned as a build is.
  const results = await engine.withQueryMemory(() => runExports({
    engine,
    warehouse: ctx.config.warehouse,
    exports: all,
    configFile: ctx.config.file,
    runId,
    ...(opts.target !== undefined ? { target: opts.target } : {}),
    fullRefresh: ctx.opts.fullRefresh ?? false,
    wait: ctx.opts.wait ?? false,
    log: ctx.log,
  }));
  return { ok: results.every((r) => r.ok), exports: results, seconds: secondsSince(started) };
}

export function reportExport(ctx: CommandContext, summary: ExportSummary): void {
  if (ctx.out.json) return;
  if (summary.skipped) {
    ctx.out.line(`export: skipped (${summary.skipped})`);
    return;
  }
  ctx.out.table(
    summary.exports.flatMap((e) =>
      e.tables.map((t) => ({ export: e.name, model: t.model, target: t.target, mode: t.mode, rows: t.rows, changed: t.changed ?? null, deleted: t.deleted ?? null, seconds: Number(t.seconds.toFixed(2)) })),
    ),
  );
  for (const e of summary.exports) ctx.out.line(`export ${e.name} (${e.type} ${e.location}): ${e.ok ? `${e.tables.length} tables in ${e.seconds.toFixed(1)} s` : `FAILED: ${ctx.redactor.redact(e.error ?? 'unknown error')}`}`);
}

/** In `hirelake run`: after the data tests, and only when they passed. */
export async function exportAfterTests(ctx: CommandContext, engine: Engine, runId: string, summary: Record<string, unknown>, testsPassed: boolean): Promise<boolean> {
  if (exportConfigs(ctx.config.exports).length === 0) return testsPassed;
  if (!testsPassed) {
    summary['export'] = { ok: false, exports: [], seconds: 0, skipped: 'a data test failed' } satisfies ExportSummary;
    ctx.log.warn('export skipped: a data test failed, so the targets keep their last export');
    return false;
  }
  const result = await exportStep(ctx, engine, runId);
  summary['export'] = result;
  if (!ctx.out.json) ctx.out.line();
  reportExport(ctx, result);
  return result.ok;
}

/** `hirelake export [--target <name>]`. */
export async function exportCommand(ctx: CommandContext, opts: ExportOptions): Promise<number> {
  if (ctx.opts.connection) throw new UsageError('--connection does not apply to export: exports send whole tables, every connection in them');
  const all = exportConfigs(ctx.config.exports);
  pickExports(all, opts.target);
  if (all.length === 0) throw new UsageError(`${ctx.config.file} has no exports`, 'add an exports: list (see loaders/README.md)');
  const runId = newRunId();
  const summary = await usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? false }, (engine) => exportStep(ctx, engine, runId, opts));
  reportExport(ctx, summary);
  if (ctx.out.json) ctx.out.data({ command: 'export', runId, ...summary });
  return summary.ok ? 0 : 1;
}
