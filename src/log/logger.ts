/**
 * Human logs go to stderr (stdout is for data). Every line passes through the redactor, so a
 * secret that slips into a message is masked before it leaves the process.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /**
   * A logger whose lines also carry `fields` (run_id, connection, stream…). JSON lines include them
   * as keys; text lines leave them out, since the message already names where it comes from.
   */
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: 'text' | 'json';
  redact?: (s: string) => string;
  write?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions = {}, context: Record<string, unknown> = {}): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const redact = opts.redact ?? ((s: string) => s);
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    let line: string;
    if (opts.format === 'json') {
      line = JSON.stringify({ ts: new Date().toISOString(), level, msg, ...context, ...fields });
    } else {
      const extra = fields && Object.keys(fields).length ? ' ' + Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ') : '';
      line = `${level === 'info' ? '' : level + ': '}${msg}${extra}`;
    }
    write(redact(line) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(opts, { ...context, ...fields }),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };
