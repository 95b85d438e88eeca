import type { Engine } from '../../engine/engine.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { runDataTests, type DataTestRun } from '../../../transforms/index.ts';
import type { CommandContext } from '../context.ts';
import { peakRssMb } from '../output.ts';

export interface TestOptions {
  /** Only the tests of these models (same selectors as transform). */
  select?: readonly string[];
}

export function testStep(ctx: CommandContext, engine: Engine, opts: TestOptions = {}): Promise<DataTestRun> {
  // A uniqueness test over a million rows aggregates like a build does: the build's memory cap, not landing's.
  return engine.withQueryMemory(() => runDataTests({ engine, config: ctx.config, log: ctx.log, ...(opts.select?.length ? { select: opts.select } : {}) }));
}

/** One summary line, then every test that did not pass with the first rows it found. */
export function reportTests(ctx: CommandContext, run: DataTestRun): void {
  const count = (f: (t: DataTestRun['tests'][number]) => boolean) => run.tests.filter(f).length;
  const failed = count((t) => t.status !== 'pass' && t.severity === 'error');
  const warned = count((t) => t.status !== 'pass' && t.severity === 'warn');
  ctx.out.line(`${run.tests.length} data tests: ${count((t) => t.status === 'pass')} passed, ${warned} warned, ${failed} failed (${run.seconds.toFixed(1)} s)`);
  for (const t of run.tests) {
    if (t.status === 'pass') continue;
    const label = t.severity === 'warn' ? 'WARN' : 'FAIL';
    if (t.status === 'error') {
      ctx.out.line(`\n${label} ${t.name} (${t.file}) could not run: ${t.error}`);
      continue;
    }
    ctx.out.line(`\n${label} ${t.name} (${t.file}): ${t.failures} row${t.failures === 1 ? '' : 's'}${t.failures > t.rows.length ? `, first ${t.rows.length}` : ''}`);
    ctx.out.table(t.rows);
  }
}

export function testSummary(run: DataTestRun): Record<string, unknown> {
  return {
    ok: run.ok,
    seconds: run.seconds,
    passed: run.tests.filter((t) => t.status === 'pass').length,
    // Passing tests are only counted, so the JSON stays readable.
    problems: run.tests.filter((t) => t.status !== 'pass').map(({ sql: _sql, ...t }) => t),
  };
}

/** `hirelake test`: run every data test against the built models; exit 1 on an error-severity failure. */
export async function testCommand(ctx: CommandContext, opts: TestOptions = {}): Promise<number> {
  const run = await usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? true }, (engine) => testStep(ctx, engine, opts));
  reportTests(ctx, run);
  if (ctx.out.json) ctx.out.data({ command: 'test', tests: run.tests.length, ...testSummary(run), peakRssMb: peakRssMb() });
  return run.ok ? 0 : 1;
}
