import { newRunId } from '../../core/ids.ts';
import type { CommandContext } from '../context.ts';
import { peakRssMb } from '../output.ts';
import { extractStep, reportExtract } from './extract.ts';
import { runAfterExtract } from './pipeline-steps.ts';

/** extract → (transform → test → export, as they exist); stops at the first failing step. */
export async function runCommand(ctx: CommandContext): Promise<number> {
  const runId = newRunId();
  const extract = await extractStep(ctx, runId);
  reportExtract(ctx, extract);
  const summary: Record<string, unknown> = { command: 'run', runId, extract };
  if (!extract.ok || ctx.interrupt.signal.aborted) {
    if (ctx.out.json) ctx.out.data({ ...summary, ok: false });
    return 1;
  }
  const rest = await runAfterExtract(ctx, runId, summary);
  if (ctx.out.json) ctx.out.data({ ...summary, ok: rest, peakRssMb: peakRssMb() });
  return rest ? 0 : 1;
}
