import { InterruptedError } from '../../core/errors.ts';
import { newRunId } from '../../core/ids.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { runExtract, type ExtractSummary } from '../../extract/run-extract.ts';
import type { CommandContext } from '../context.ts';
import { createProgress } from '../progress.ts';

/**
 * Extracts every selected connection into the raw zone and reports per stream. SIGINT or SIGTERM
 * aborts every request and wait; pages already landed stay checkpointed, and the step then fails
 * with an InterruptedError (exit 130 or 143). A second signal stops at once (see interrupt.ts).
 */
export async function extractStep(ctx: CommandContext, runId = newRunId()): Promise<ExtractSummary> {
  const progress = createProgress(ctx.log.child({ run_id: runId }));
  let summary: ExtractSummary;
  try {
    summary = await ctx.interrupt.cooperate((signal) => usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? false }, (engine) =>
      runExtract({
        config: ctx.config,
        sources: ctx.sources,
        engine,
        runId,
        ...(ctx.connections ? { connections: ctx.connections } : {}),
        ...(ctx.opts.concurrency ? { concurrency: ctx.opts.concurrency } : {}),
        fullRefresh: ctx.opts.fullRefresh ?? false,
        wait: ctx.opts.wait ?? false,
        log: ctx.log,
        redactor: ctx.redactor,
        signal,
        observer: progress,
      }),
    ));
  } finally {
    progress.done();
  }
  const received = ctx.interrupt.received;
  if (received) {
    const landed = summary.streams.reduce((n, s) => n + s.records, 0);
    throw new InterruptedError(received, `extract interrupted by ${received} after landing ${landed.toLocaleString('en-US')} records (run ${runId}); every landed page is checkpointed`);
  }
  return summary;
}

export function reportExtract(ctx: CommandContext, summary: ExtractSummary): void {
  const { out, log } = ctx;
  const landed = summary.streams.reduce((n, s) => n + s.records, 0);
  if (!out.json) {
    out.table(
      summary.streams.map((s) => ({ connection: s.connection, stream: s.stream, status: s.status, pages: s.pages, records: s.records, unchanged: s.unchanged, requests: s.requests, retries: s.retries, seconds: Number(s.seconds.toFixed(2)) })),
    );
    const unchanged = summary.streams.reduce((n, s) => n + s.unchanged, 0);
    const saved = summary.streams.reduce((n, s) => n + s.unchangedBytes, 0);
    const skipped = unchanged > 0 ? ` (${unchanged.toLocaleString('en-US')} unchanged not landed again, ${(saved / 1048576).toFixed(1)} MB saved)` : '';
    out.line(`run ${summary.runId}: ${landed.toLocaleString('en-US')} records landed${skipped} in ${summary.seconds.toFixed(1)} s`);
  }
  // One line per distinct error: fifteen streams failing on the same bad credentials is one problem.
  const errors = new Map<string, string[]>();
  for (const s of summary.streams) if (s.error) errors.set(s.error, [...(errors.get(s.error) ?? []), `${s.connection}.${s.stream}`]);
  for (const [message, where] of errors) log.error(`${message} (${where.length > 3 ? `${where.length} streams` : where.join(', ')})`);
}
