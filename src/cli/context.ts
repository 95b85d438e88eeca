import { loadConfig, type HirelakeConfig, type SourceRegistry } from '../config/load.ts';
import { UsageError } from '../core/errors.ts';
import { suggest } from '../config/suggest.ts';
import { Redactor } from '../http/index.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { Interrupt } from './interrupt.ts';
import { createOutput, type Output } from './output.ts';

export interface GlobalOptions {
  config?: string;
  /** One name or a comma-separated list. */
  connection?: string;
  /** Connections extracted at once (overrides the config's `concurrency`). */
  concurrency?: number;
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
  /** The connections `--connection` selected, or undefined for all of them. */
  readonly connections: readonly string[] | undefined;
  /** SIGINT/SIGTERM for this command (see interrupt.ts). */
  readonly interrupt: Interrupt;
}

/** `--connection a,b` → ['a', 'b'], each checked against the config. */
export function selectConnections(value: string | undefined, cfg: HirelakeConfig): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('--connection: expected one or more connection names, e.g. --connection acme,globex');
  const known = cfg.connections.map((c) => c.name);
  for (const name of names) {
    if (!known.includes(name)) {
      const guess = suggest(name, known);
      throw new UsageError(`--connection ${name}: no such connection in ${cfg.file}; ${guess ? `did you mean ${guess}? ` : ''}expected one of ${known.join(', ')}`);
    }
  }
  return [...new Set(names)];
}

export function makeLogger(opts: GlobalOptions, redactor: Redactor): Logger {
  return createLogger({ level: opts.logLevel ?? 'info', format: opts.logFormat ?? 'text', redact: (s) => redactor.redact(s) });
}

export function buildContext(opts: GlobalOptions, sources: SourceRegistry, config?: HirelakeConfig, interrupt: Interrupt = new Interrupt()): CommandContext {
  const cfg = config ?? loadConfig(opts.config, sources);
  const redactor = new Redactor();
  for (const s of cfg.secrets) redactor.add(s);
  const connections = selectConnections(opts.connection, cfg);
  return { config: cfg, sources, redactor, log: makeLogger(opts, redactor), out: createOutput(Boolean(opts.json)), opts, connections, interrupt };
}
