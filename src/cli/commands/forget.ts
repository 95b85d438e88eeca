import { UsageError } from '../../core/errors.ts';
import { newRunId } from '../../core/ids.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { applyErasures } from '../../privacy/erasure.ts';
import type { CommandContext } from '../context.ts';
import { reportTransform, transformStep, transformSummary } from './transform.ts';

export interface ForgetOptions {
  readonly candidate: string;
}

/**
 * `hirelake forget --connection X --candidate ID`: what an erasure in the ATS does, on request.
 * The candidate's personal fields go from every raw version (their applications' too), the id
 * joins the erasure ledger so later versions are purged as they land, and the models are rebuilt
 * so core and the marts no longer hold them either; exports carry it on their next run. Prints
 * counts, never the data (nor the id).
 */
export async function forgetCommand(ctx: CommandContext, opts: ForgetOptions): Promise<number> {
  const name = ctx.connections?.length === 1 ? ctx.connections[0]! : undefined;
  if (!name) throw new UsageError('forget needs --connection <name> (one connection): a candidate id means something only within one connection');
  const candidate = opts.candidate.trim();
  if (candidate === '') throw new UsageError('--candidate: expected the candidate id as the ATS shows it (Lever: the contact id)');
  const connection = ctx.config.connections.find((c) => c.name === name)!;
  const source = ctx.sources[connection.source]!;
  if (!source.personalData) throw new UsageError(`forget: ${connection.source} declares no personal data to purge`);
  const runId = newRunId();
  const { erasure, built } = await usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? false }, async (engine) => {
    // The same scans and rewrites as the erasures after landing, tuned the same way (withQueryMemory).
    const erasure = await engine.withLock(`connection:${name}`, { wait: ctx.opts.wait ?? false }, () =>
      engine.withQueryMemory(() =>
        applyErasures({ engine, source: source.name, map: source.personalData!, connection: name, runId, requested: [{ kind: 'candidate', id: candidate }], log: ctx.log }),
      ),
    );
    return { erasure, built: await transformStep(ctx, engine, runId) };
  });
  const rows = Object.values(erasure.rows).reduce((a, b) => a + b, 0);
  if (ctx.out.json) {
    ctx.out.data({ command: 'forget', runId, connection: name, erasure, transform: transformSummary(built), ok: built.ok });
  } else {
    ctx.out.table(Object.entries(erasure.rows).map(([stream, n]) => ({ stream, rows_purged: n })), ['stream', 'rows_purged']);
    ctx.out.line(
      erasure.candidates === 0
        ? `${name}: that candidate was already forgotten; ${rows} raw row${rows === 1 ? '' : 's'} purged now`
        : rows === 0
          ? `${name}: no landed record names that candidate; the id is recorded, so any version landed later is purged`
          : `${name}: candidate forgotten: ${erasure.applications} application${erasure.applications === 1 ? '' : 's'}, ${rows} raw row${rows === 1 ? '' : 's'} purged; models rebuilt`,
    );
    if (!built.ok) reportTransform(ctx, built);
  }
  return built.ok ? 0 : 1;
}
