import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** This machine's measured ceilings (../shared/reference/perf-limits.md), used as 1.0×. */
export const CEILINGS = {
  /** HTTP → JS objects → DuckDB appender / PG COPY, streaming, one process. */
  landObjectsRecPerSec: 50_000,
  /** fetch + JSON.parse on one thread. */
  parseRecPerSec: 120_000,
  duckAppenderRecPerSec: 65_000,
  pgCopyRecPerSec: 55_000,
};

export function ratio(value: number, ceiling: number): string {
  return `${(value / ceiling).toFixed(2)}×`;
}

export function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

export interface Served {
  url: string;
  tokenUrl?: string;
  credentials: Record<string, string>;
  records: number;
  /** Lets the world live on up to this machine's clock (SIGUSR2, emulators/serve.ts); what happened meanwhile. */
  advance(): Promise<{ from: number; to: number; events: number }>;
  stop(): Promise<void>;
}

/** Starts an emulator in its own process, so the pipeline's memory is measured alone. */
export async function serveOutOfProcess(args: string[], opts: { heapMb?: number } = {}): Promise<Served> {
  // A 1M-application world is held in memory whole, past V8's default 4 GB heap.
  const heap = opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : [];
  const child = spawn(process.execPath, [...heap, `${ROOT}bin/run-ts.js`, `${ROOT}emulators/serve.ts`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const info = JSON.parse(first) as Omit<Served, 'stop' | 'advance'>;
  return {
    ...info,
    advance: () =>
      new Promise((resolve, reject) => {
        lines.once('line', (line) => {
          const said = JSON.parse(line) as { advanced?: { from: number; to: number; events: number } };
          if (said.advanced) resolve(said.advanced);
          else reject(new Error(`emulator said ${line}, not how far its world advanced`));
        });
        child.kill('SIGUSR2');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        // An emulator that already died (out of memory, say) has nothing left to stop.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Runs the real CLI in a child process and returns its JSON summary (which carries its peak RSS).
 * bin/hirelake.js runs dist/ when it exists, so `npm run bench` rebuilds dist/ first: a stale build
 * once measured the code before a change (a 1M transform ran at the old memory limit).
 */
export async function runCliJson(args: string[]): Promise<{ summary: Record<string, any>; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [`${ROOT}bin/hirelake.js`, ...args, '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CI: 'true' } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`hirelake ${args.join(' ')} exited with ${code}`);
  return { summary: JSON.parse(out) as Record<string, any>, seconds: (performance.now() - started) / 1000 };
}
