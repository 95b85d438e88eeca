import type { CommandContext } from '../context.ts';

/**
 * The steps after extraction (transform, data tests, export). Each adds its report to `summary`
 * and returns false to stop the pipeline.
 */
export async function runAfterExtract(_ctx: CommandContext, _runId: string, _summary: Record<string, unknown>): Promise<boolean> {
  return true;
}
