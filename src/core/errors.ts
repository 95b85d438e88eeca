/**
 * One error hierarchy, one exit point: library code throws these, and only src/cli/main.ts
 * turns them into exit codes (2 for usage and config, 1 for everything that failed at run time).
 */
export type ErrorKind = 'usage' | 'config' | 'auth' | 'source' | 'engine' | 'transform' | 'data_test' | 'export' | 'interrupted';

export class HirelakeError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HirelakeError';
  }
}

export class ConfigError extends HirelakeError {
  constructor(message: string, hint?: string) {
    super('config', message, hint);
    this.name = 'ConfigError';
  }
}

export class UsageError extends HirelakeError {
  constructor(message: string, hint?: string) {
    super('usage', message, hint);
    this.name = 'UsageError';
  }
}

/** Stopped by a signal: exits 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as shells expect. */
export class InterruptedError extends HirelakeError {
  readonly exitCode: number;
  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM',
    message: string,
  ) {
    super('interrupted', message);
    this.name = 'InterruptedError';
    this.exitCode = signal === 'SIGTERM' ? 143 : 130;
  }
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof InterruptedError) return err.exitCode;
  if (err instanceof HirelakeError) {
    if (err.kind === 'usage' || err.kind === 'config') return 2;
    if (err.kind === 'interrupted') return 130;
  }
  return 1;
}
