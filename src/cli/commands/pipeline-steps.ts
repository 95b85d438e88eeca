import { newRunId } from '../../core/ids.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { dataQuality, headlineMetrics, type HeadlineMetrics } from '../../../transforms/index.ts';
import { dataQualitySummary, warnDataQuality } from '../data-quality.ts';
import type { CommandContext } from '../context.ts';
import { exportAfterTests } from './export.ts';
import { reportTests, testStep, testSummary } from './test.ts';
import { reportTransform, transformStep, transformSummary } from './transform.ts';

const round = (v: number | null, digits = 2) => (v === null ? null : Number(v.toFixed(digits)));

/** The three small tables `hirelake demo` ends with. */
function printHeadline(ctx: CommandContext, h: HeadlineMetrics): void {
  ctx.out.line('\nFunnel (all jobs, prospects excluded; reached = got this far or further)');
  ctx.out.table(h.funnel.map((s) => ({ stage: s.canonical_stage, reached: s.reached, visited: s.visited, conversion: round(s.conversion) })));
  ctx.out.line('\nTime to hire (days from application to hire)');
  ctx.out.table([{ hires: h.timeToHire.hires, median_days: round(h.timeToHire.median_days, 1), avg_days: round(h.timeToHire.avg_days, 1) }]);
  ctx.out.line('\nOffer acceptance (latest offer per application)');
  ctx.out.table([{ ...h.offerAcceptance, acceptance_rate: round(h.offerAcceptance.acceptance_rate) }]);
}

/**
 * The steps after extraction: build the models, run the data tests, then export when they passed
 * (all on one open engine).
 * Each adds its report to `summary`; returns false when a model or an error-severity test failed.
 * `hirelake demo` (summary.command === 'demo') also gets the headline metrics.
 */
export async function runAfterExtract(ctx: CommandContext, runId: string = newRunId(), summary: Record<string, unknown> = {}): Promise<boolean> {
  return usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? false }, async (engine) => {
    const built = await transformStep(ctx, engine, runId);
    summary['transform'] = transformSummary(built);
    if (!ctx.out.json) {
      ctx.out.line();
      reportTransform(ctx, built);
    }
    if (!built.ok) return false;
    const dq = await dataQuality(engine);
    summary['data_quality'] = dataQualitySummary(dq);
    warnDataQuality(ctx, dq);
    const tested = await testStep(ctx, engine);
    summary['tests'] = { tests: tested.tests.length, ...testSummary(tested) };
    if (!ctx.out.json) {
      ctx.out.line();
      reportTests(ctx, tested);
    }
    if (summary['command'] === 'demo') {
      const headline = await headlineMetrics(engine);
      summary['metrics'] = headline;
      if (!ctx.out.json) printHeadline(ctx, headline);
    }
    return exportAfterTests(ctx, engine, runId, summary, tested.ok);
  });
}
