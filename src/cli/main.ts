import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
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

  withConcurrency(withCommonOptions(program.command('extract').description('extract every connection (or --connection) into the raw zone')))
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

  withConcurrency(withCommonOptions(program.command('run').description('the whole pipeline: extract, transform, test, then export when the tests pass')))
    .option('--full-refresh', 're-read everything, ignoring saved cursors')
    .action(async (opts) => {
      code = await runCommand(buildContext(asGlobalOptions(opts), sources));
    });

  program
    .command('demo')
    .description('run the whole pipeline against the bundled Greenhouse emulator into ./hirelake-demo.duckdb (no config needed)')
    .option('--path <file>', 'DuckDB file to write', './hirelake-demo.duckdb')
    .option('--seed <n>', 'seed of the simulated hiring world', '42')
    .option('--json', 'print one JSON summary on stdout')
    .action(async (opts) => {
      code = await demoCommand({ path: String(opts.path), seed: Number(opts.seed), json: Boolean(opts.json) });
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
