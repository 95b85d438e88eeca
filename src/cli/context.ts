import { loadConfig, type HirelakeConfig, type SourceRegistry } from '../config/load.ts';
import { UsageError } from '../core/errors.ts';
import { Redactor } from '../http/index.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { createOutput, type Output } from './output.ts';

export interface GlobalOptions {
  config?: string;
  connection?: string;
  fullRefresh?: boolean;
  json?: boolean;
  wait?: boolean;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  logFormat?: 'text' | 'json';
}

/** What every command gets: validated config, a redactor loaded with its secrets, logs and output. */
export interface CommandContext {
  readonly config: HirelakeConfig;
  readonly sources: SourceRegistry;
  readonly redactor: Redactor;
  readonly log: Logger;
  readonly out: Output;
  readonly opts: GlobalOptions;
}

export function makeLogger(opts: GlobalOptions, redactor: Redactor): Logger {
  return createLogger({ level: opts.logLevel ?? 'info', format: opts.logFormat ?? 'text', redact: (s) => redactor.redact(s) });
}

export function buildContext(opts: GlobalOptions, sources: SourceRegistry, config?: HirelakeConfig): CommandContext {
  const cfg = config ?? loadConfig(opts.config, sources);
  const redactor = new Redactor();
  for (const s of cfg.secrets) redactor.add(s);
  if (opts.connection && !cfg.connections.some((c) => c.name === opts.connection)) {
    throw new UsageError(`--connection ${opts.connection}: no such connection in ${cfg.file}; expected one of ${cfg.connections.map((c) => c.name).join(', ')}`);
  }
  return { config: cfg, sources, redactor, log: makeLogger(opts, redactor), out: createOutput(Boolean(opts.json)), opts };
}
