import { Command, CommanderError, Option } from 'commander';
import { exitCodeFor, HirelakeError } from '../core/errors.ts';
import { defaultRedactor } from '../http/index.ts';
import { sources } from '../../extractors/index.ts';
import { buildContext, type GlobalOptions } from './context.ts';
import { peakRssMb } from './output.ts';
import { extractStep, reportExtract } from './commands/extract.ts';
import { statusCommand } from './commands/status.ts';
import { runCommand } from './commands/run.ts';
import { demoCommand } from './commands/demo.ts';
import { transformCommand } from './commands/transform.ts';
import { testCommand } from './commands/test.ts';
import { exportCommand } from './commands/export.ts';
import { reportCommand } from './commands/report.ts';
import { serveCommand } from './commands/serve.ts';
import { forgetCommand } from './commands/forget.ts';
import { UsageError } from '../core/errors.ts';

function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <path>', 'config file', 'hirelake.yml')
    .option('--connection <name>', 'only this connection')
    .option('--json', 'print one JSON summary on stdout')
    .option('--wait', 'wait for another run holding the warehouse or connection instead of failing')
    .addOption(new Option('--log-level <level>', 'log detail on stderr').choices(['debug', 'info', 'warn', 'error']).default('info'))
    .addOption(new Option('--log-format <format>', 'log format on stderr').choices(['text', 'json']).default('text'));
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new UsageError(`--port ${value}: expected a port number between 0 and 65535 (0 picks a free one)`);
  return n;
}

function asGlobalOptions(opts: Record<string, unknown>): GlobalOptions {
  return opts as GlobalOptions;
}

/** Parses argv, runs one command, and maps every outcome to an exit code (0 ok, 1 failed, 2 usage/config). */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('hirelake')
    .description('Recruiting-analytics ELT: ATS APIs → raw zone → canonical models and marts, on DuckDB or Postgres')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError();

  withCommonOptions(program.command('extract').description('extract every connection (or --connection) into the raw zone'))
    .option('--full-refresh', 're-read everything, ignoring saved cursors (history in the raw zone is kept)')
    .action(async (opts) => {
      const ctx = buildContext(asGlobalOptions(opts), sources);
      const summary = await extractStep(ctx);
      reportExtract(ctx, summary);
      if (ctx.out.json) ctx.out.data({ command: 'extract', ...summary, peakRssMb: peakRssMb() });
      code = summary.ok ? 0 : 1;
    });

  withCommonOptions(program.command('status').description('per connection and stream: last run, cursor, row counts, freshness')).action(async (opts) => {
    code = await statusCommand(buildContext(asGlobalOptions(opts), sources));
  });

  withCommonOptions(program.command('transform').description('build the models (staging views, core tables, marts) from the raw zone'))
    .option('-s, --select <models...>', 'only these models: names, layers (staging, core, marts), name+ (and downstream), +name (and upstream)')
    .action(async (opts) => {
      code = await transformCommand(buildContext(asGlobalOptions(opts), sources), { select: opts.select });
    });

  withCommonOptions(program.command('test').description('run the data tests on the built models; exit 1 when an error-severity test fails'))
    .option('-s, --select <models...>', 'only the tests of these models')
    .action(async (opts) => {
      code = await testCommand(buildContext(asGlobalOptions(opts), sources), { select: opts.select });
    });

  withCommonOptions(program.command('export').description('send the core and marts tables to every configured export (Postgres, Parquet, CSV), or --target'))
    .option('--target <name>', 'only this export')
    .option('--full-refresh', 'reload merged tables whole instead of merging the changed rows')
    .action(async (opts) => {
      code = await exportCommand(buildContext(asGlobalOptions(opts), sources), { target: opts.target });
    });

  withCommonOptions(program.command('run').description('the whole pipeline: extract, transform, test, then export when the tests pass'))
    .option('--full-refresh', 're-read everything, ignoring saved cursors')
    .action(async (opts) => {
      code = await runCommand(buildContext(asGlobalOptions(opts), sources));
    });

  withCommonOptions(program.command('forget').description("purge a candidate's personal data from the raw zone and every model, as an erasure in the ATS would (--connection, --candidate)"))
    .requiredOption('--candidate <id>', 'the candidate id as the ATS shows it (Lever: the contact id)')
    .action(async (opts) => {
      code = await forgetCommand(buildContext(asGlobalOptions(opts), sources), { candidate: String(opts.candidate) });
    });

  withCommonOptions(program.command('report').description('write the funnel dashboards for recruiters as one self-contained HTML file (no script, nothing fetched)'))
    .option('-o, --out <file>', 'the HTML file to write', 'hirelake-report.html')
    .option('--period <period>', 'a quarter (2026Q3), year (2026), month (2026-07), months (2026-01..2026-06) or all; default the last full quarter')
    .action(async (opts) => {
      code = await reportCommand(buildContext(asGlobalOptions(opts), sources), { out: String(opts.out), period: opts.period });
    });

  withCommonOptions(program.command('serve').description('serve the same dashboards with interactive filters, read-only, on loopback by default'))
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to bind; anything beyond loopback should set HIRELAKE_SERVE_USER and HIRELAKE_SERVE_PASSWORD', '127.0.0.1')
    .action(async (opts) => {
      code = await serveCommand(buildContext(asGlobalOptions(opts), sources), { host: String(opts.host), port: parsePort(String(opts.port)) });
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
      code = await demoCommand({
        path: String(opts.path), seed: Number(opts.seed), json: Boolean(opts.json), vendor: String(opts.vendor), report: String(opts.report),
        ...(opts.serve ? { serve: { host: '127.0.0.1', port: parsePort(String(opts.port)) } } : {}),
      });
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    const message = defaultRedactor.redact(err instanceof Error ? err.message : String(err));
    process.stderr.write(`error: ${message}\n`);
    if (err instanceof HirelakeError && err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    if (process.env['HIRELAKE_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(defaultRedactor.redact(err.stack) + '\n');
    return exitCodeFor(err);
  }
}
