import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveConfig } from '../../config/load.ts';
import { newRunId } from '../../core/ids.ts';
import { sources, vendors } from '../../../extractors/index.ts';
import { ConfigError } from '../../core/errors.ts';
import { buildContext } from '../context.ts';
import type { Interrupt } from '../interrupt.ts';
import { extractStep, reportExtract } from './extract.ts';
import { runAfterExtract } from './pipeline-steps.ts';
import { writeReport } from './report.ts';
import { serveDashboards, type ServeOptions } from './serve.ts';

export interface DemoOptions {
  path: string;
  seed: number;
  json: boolean;
  /** any registered vendor (default greenhouse) */
  vendor?: string;
  /** The HTML report written after the run. */
  report: string;
  /** Keep serving the dashboards after the run, until a signal (or `until`, for tests). */
  serve?: ServeOptions & { until?: Promise<unknown> };
  interrupt?: Interrupt;
}

/**
 * The whole pipeline with nothing to set up: a simulated hiring world served by a bundled vendor
 * emulator (Greenhouse unless --vendor says otherwise) on a free loopback port, landed into a
 * fresh DuckDB file.
 */
export async function demoCommand(opts: DemoOptions): Promise<number> {
  const path = resolve(opts.path);
  for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
  // The emulators are only needed here, so they load on demand and other commands start fast.
  const { createWorld, customStageMapping } = await import('../../../emulators/world/index.ts');
  const vendor = opts.vendor ?? 'greenhouse';
  const kit = vendors[vendor];
  if (!kit) throw new ConfigError(`--vendor ${vendor} is not a vendor hirelake knows (${Object.keys(vendors).join(', ')})`);
  const emulatorKit = await kit.emulator();
  const now = Date.now() - 60_000;
  const world = createWorld({ seed: opts.seed, size: 'small', start: now - 365 * 86_400_000, now });
  const emulator = await emulatorKit.start(world, { rateLimit: 'none' });
  // Stopped as soon as the run is done (the report and the dashboards need only the warehouse), or on the way out.
  let stopping: Promise<void> | null = null;
  const stopEmulator = () => (stopping ??= emulator.stop());
  try {
    const config = resolveConfig(
      { warehouse: { engine: 'duckdb', path }, connections: [emulatorKit.connection(emulator, 'demo', { stage_mapping: customStageMapping(world) })] },
      '(demo)',
      sources,
    );
    const ctx = buildContext({ json: opts.json }, sources, config, opts.interrupt);
    process.stderr.write(`demo: ${vendor} emulator on ${emulator.url}, warehouse ${path}\n`);
    const runId = newRunId();
    const extract = await extractStep(ctx, runId);
    reportExtract(ctx, extract);
    const summary: Record<string, unknown> = { command: 'demo', runId, warehouse: path, extract };
    const ok = extract.ok && !ctx.interrupt.signal.aborted && (await runAfterExtract(ctx, runId, summary));
    await stopEmulator();
    if (ok) {
      const report = await writeReport(config, { out: opts.report, connections: ['demo'] });
      summary['report'] = report;
    }
    if (ctx.out.json) ctx.out.data({ ...summary, ok });
    else {
      ctx.out.line(`\nOpen it: duckdb ${opts.path}   (or: npx hirelake status --config <your hirelake.yml>)`);
      if (ok) ctx.out.line(`Report: ${(summary['report'] as { file: string }).file}`);
    }
    if (!ok) return 1;
    const serve = opts.serve;
    if (serve) return await ctx.interrupt.serving(() => serveDashboards({ config, connections: ['demo'], log: ctx.log, out: ctx.out, redactor: ctx.redactor }, serve, serve.until));
    return 0;
  } finally {
    await stopEmulator();
  }
}
