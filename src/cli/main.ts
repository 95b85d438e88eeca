import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import parseDuration from 'parse-duration';
import { exitCodeFor, HirelakeError, InterruptedError } from '../core/errors.ts';
import { packageVersion } from '../core/version.ts';
import { Interrupt } from './interrupt.ts';
import { defaultRedactor } from '../http/index.ts';
import { sources } from '../../extractors/index.ts';
import { buildContext, type GlobalOptions } from './context.ts';
import { peakRssMb } from './output.ts';
import { UsageError } from '../core/errors.ts';

// Each command's module is loaded when that command runs: a process that runs `status` or prints
// its version does not load the report's chart library, the HTTP server or the job queue.
const commands = {
  extract: () => import('./commands/extract.ts'),
  status: () => import('./commands/status.ts'),
  run: () => import('./commands/run.ts'),
  demo: () => import('./commands/demo.ts'),
  transform: () => import('./commands/transform.ts'),
  test: () => import('./commands/test.ts'),
  export: () => import('./commands/export.ts'),
  worker: () => import('./commands/worker.ts'),
  report: () => import('./commands/report.ts'),
  serve: () => import('./commands/serve.ts'),
  forget: () => import('./commands/forget.ts'),
};

/** `2h`, `90m`, `1d 6h` → milliseconds, for `--fail-if-stale`. */
function durationMs(flag: string): (value: string) => number {
  return (value) => {
    const ms = parseDuration(value);
    if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) throw new InvalidArgumentError(`${flag} expects a duration such as 30m, 2h or 1d, got "${value}"`);
    return ms;
  };
}

/** A positive whole number for `--concurrency`. */
function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} expects a whole number of at least 1, got "${value}"`);
    return n;
  };
}

/** Every option also reads an environment variable, for schedulers that configure through env. */
function withCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-c, --config <path>', 'config file, or - to read it from stdin').env('HIRELAKE_CONFIG').default('hirelake.yml'))
    .addOption(new Option('--connection <names>', 'only these connections (comma-separated)').env('HIRELAKE_CONNECTION'))
    .addOption(new Option('--json', 'print one JSON summary on stdout').env('HIRELAKE_JSON'))
    .addOption(new Option('--wait', 'wait for another run holding the warehouse or connection instead of failing').env('HIRELAKE_WAIT'))
    .addOption(new Option('--log-level <level>', 'log detail on stderr').choices(['debug', 'info', 'warn', 'error']).env('HIRELAKE_LOG_LEVEL').default('info'))
    .addOption(new Option('--log-format <format>', 'log format on stderr').choices(['text', 'json']).env('HIRELAKE_LOG_FORMAT').default('text'));
}

function withConcurrency(cmd: Command): Command {
  return cmd.addOption(
    new Option('--concurrency <n>', 'connections extracted at once (default: the config\'s concurrency, 4)').env('HIRELAKE_CONCURRENCY').argParser(positiveInt('--concurrency')),
  );
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new UsageError(`--port ${value}: expected a port number between 0 and 65535 (0 picks a free one)`);
  return n;
}

function asGlobalOptions(opts: Record<string, unknown>): GlobalOptions {
  return opts as GlobalOptions;
}

/**
 * Parses argv, runs one command, and maps every outcome to an exit code: 0 ok, 1 failed, 2 usage or
 * config, 130/143 interrupted by SIGINT/SIGTERM. Handlers for both signals are installed while the
 * command runs (`interrupt` lets a test deliver one without a real signal).
 */
export async function main(argv: readonly string[], interrupt: Interrupt = new Interrupt()): Promise<number> {
  let code = 0;
  const ctxOf = (opts: Record<string, unknown>) => buildContext(asGlobalOptions(opts), sources, undefined, interrupt);
  const program = new Command('hirelake')
    .description('Recruiting-analytics ELT: ATS APIs → raw zone → canonical models and marts, on DuckDB or Postgres')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError();

  withConcurrency(withCommonOptions(program.command('extract').description('extract every connection (or --connection) into the raw zone')))
    .option('--full-refresh', 're-read everything, ignoring saved cursors (history in the raw zone is kept)')
    .action(async (opts) => {
      const { extractStep, reportExtract } = await commands.extract();
      const ctx = ctxOf(opts);
      const summary = await extractStep(ctx);
      reportExtract(ctx, summary);
      if (ctx.out.json) ctx.out.data({ command: 'extract', ...summary, peakRssMb: peakRssMb() });
      code = summary.ok ? 0 : 1;
    });

  withCommonOptions(program.command('status').description('per connection and stream: last run, cursor, row counts, freshness'))
    .addOption(
      new Option('--fail-if-stale <age>', "exit 1 when any stream's last success is older than this (e.g. 2h, 90m, 1d)").env('HIRELAKE_FAIL_IF_STALE').argParser(durationMs('--fail-if-stale')),
    )
    .action(async (opts) => {
      const { statusCommand } = await commands.status();
      code = await statusCommand(ctxOf(opts), { failIfStaleMs: opts.failIfStale as number | undefined });
    });

  withCommonOptions(program.command('transform').description('build the models (staging views, core tables, marts) from the raw zone'))
    .option('-s, --select <models...>', 'only these models: names, layers (staging, core, marts), name+ (and downstream), +name (and upstream)')
    .option('--full-refresh', 'rebuild every model and the typed staging tables from the whole raw zone (otherwise only what the versions landed since the last build change)')
    .action(async (opts) => {
      const { transformCommand } = await commands.transform();
      code = await transformCommand(ctxOf(opts), { select: opts.select });
    });

  withCommonOptions(program.command('test').description('run the data tests on the built models; exit 1 when an error-severity test fails'))
    .option('-s, --select <models...>', 'only the tests of these models')
    .action(async (opts) => {
      const { testCommand } = await commands.test();
      code = await testCommand(ctxOf(opts), { select: opts.select });
    });

  withCommonOptions(program.command('export').description('send the core and marts tables to every configured export (Postgres, Parquet, CSV), or --target'))
    .option('--target <name>', 'only this export')
    .option('--full-refresh', 'reload merged tables whole instead of merging the changed rows')
    .action(async (opts) => {
      const { exportCommand } = await commands.export();
      code = await exportCommand(ctxOf(opts), { target: opts.target });
    });

  withConcurrency(withCommonOptions(program.command('run').description('the whole pipeline: extract, transform, test, then export when the tests pass')))
    .option('--full-refresh', 're-read everything, ignoring saved cursors, and rebuild every model from the whole raw zone')
    .action(async (opts) => {
      const { runCommand } = await commands.run();
      code = await runCommand(ctxOf(opts));
    });

  withCommonOptions(program.command('worker').description('run scheduled and enqueued extracts (and their model rebuilds) from the Postgres job queue until SIGTERM'))
    .addOption(new Option('--concurrency <n>', 'jobs this worker runs at once (default: the config\'s concurrency, 4)').env('HIRELAKE_CONCURRENCY').argParser(positiveInt('--concurrency')))
    .action(async (opts) => {
      const { workerCommand } = await commands.worker();
      code = await workerCommand(ctxOf(opts), { concurrency: opts.concurrency as number | undefined });
    });

  withCommonOptions(program.command('enqueue').description('ask the worker fleet to extract --connection a,b (or --all) now'))
    .option('--all', 'every connection in the config')
    .action(async (opts) => {
      const { enqueueCommand } = await commands.worker();
      code = await enqueueCommand(ctxOf(opts), { all: Boolean(opts.all) });
    });

  withCommonOptions(program.command('forget').description("purge a candidate's personal data from the raw zone and every model, as an erasure in the ATS would (--connection, --candidate)"))
    .requiredOption('--candidate <id>', 'the candidate id as the ATS shows it (Lever: the contact id)')
    .action(async (opts) => {
      const { forgetCommand } = await commands.forget();
      code = await forgetCommand(buildContext(asGlobalOptions(opts), sources), { candidate: String(opts.candidate) });
    });

  withCommonOptions(program.command('report').description('write the funnel dashboards for recruiters as one self-contained HTML file (no script, nothing fetched)'))
    .option('-o, --out <file>', 'the HTML file to write', 'hirelake-report.html')
    .option('--period <period>', 'a quarter (2026Q3), year (2026), month (2026-07), months (2026-01..2026-06) or all; default the last full quarter')
    .action(async (opts) => {
      const { reportCommand } = await commands.report();
      code = await reportCommand(ctxOf(opts), { out: String(opts.out), period: opts.period });
    });

  withCommonOptions(program.command('serve').description('serve the same dashboards with interactive filters, read-only, on loopback by default'))
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to bind; anything beyond loopback should set HIRELAKE_SERVE_USER and HIRELAKE_SERVE_PASSWORD', '127.0.0.1')
    .action(async (opts) => {
      // A signal is how a server is stopped: it shuts down and exits 0.
      const { serveCommand } = await commands.serve();
      const ctx = ctxOf(opts);
      code = await ctx.interrupt.serving(() => serveCommand(ctx, { host: String(opts.host), port: parsePort(String(opts.port)) }));
    });

  program
    .command('demo')
    .description('run the whole pipeline against a bundled vendor emulator (Greenhouse by default) into ./hirelake-demo.duckdb (no config needed)')
    .option('--path <file>', 'DuckDB file to write', './hirelake-demo.duckdb')
    .option('--vendor <name>', 'the emulated ATS: any vendor hirelake reads', 'greenhouse')
    .option('--seed <n>', 'seed of the simulated hiring world', '42')
    .option('--report <file>', 'the HTML report to write after the run', './hirelake-demo-report.html')
    .option('--serve', 'keep serving the dashboards after the run (Ctrl-C stops)')
    .option('--port <port>', 'with --serve: port to listen on (0 picks a free one)', '8080')
    .option('--json', 'print one JSON summary on stdout')
    .action(async (opts) => {
      const { demoCommand } = await commands.demo();
      code = await demoCommand({
        path: String(opts.path), seed: Number(opts.seed), json: Boolean(opts.json), vendor: String(opts.vendor), report: String(opts.report), interrupt,
        ...(opts.serve ? { serve: { host: '127.0.0.1', port: parsePort(String(opts.port)) } } : {}),
      });
    });

  const uninstall = interrupt.install();
  const parsed = program.parseAsync(argv as string[], { from: 'user' });
  try {
    // A signal outside cooperative work (or a second one) abandons the command: what it was doing
    // is atomic, and the process exits right after.
    const finished = await Promise.race([parsed.then(() => true), interrupt.abandoned.then(() => false)]);
    if (!finished) parsed.catch(() => undefined);
    return interrupt.exitCode ?? code;
  } catch (err) {
    if (interrupt.exitCode !== null && !(err instanceof InterruptedError)) return interrupt.exitCode;
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    const message = defaultRedactor.redact(err instanceof Error ? err.message : String(err));
    process.stderr.write(`error: ${message}\n`);
    if (err instanceof HirelakeError && err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    if (process.env['HIRELAKE_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(defaultRedactor.redact(err.stack) + '\n');
    return interrupt.exitCode ?? exitCodeFor(err);
  } finally {
    uninstall();
  }
}
