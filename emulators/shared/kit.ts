// What every vendor's emulator offers the code that runs it generically (emulators/serve.ts, the
// bench, the parity and mixed-vendor tests, `hirelake demo`): start it over a world, and the
// connection entry of a hirelake config that points at it. A vendor's kit lives in
// emulators/<vendor>/kit.ts and is registered once, in extractors/index.ts.
import type { World } from '../world/index.ts';
import type { EmulatorStats } from './types.ts';

export interface KitStartOptions {
  /** default 0: a free port */
  readonly port?: number;
  /**
   * The vendor's request budget: 'none' (tests), 'real' (the limit the vendor documents, for the
   * bench), or `requests/window` in the vendor's own units (e.g. 50/30000 = 50 per 30 s window).
   */
  readonly rateLimit?: 'none' | 'real' | string;
}

export interface RunningEmulator {
  readonly vendor: string;
  /** what a connection's base_url would be */
  readonly url: string;
  /** what the one JSON line of emulators/serve.ts shows besides url (token url, tenant, credentials) */
  readonly info: Readonly<Record<string, unknown>>;
  stats(): EmulatorStats;
  stop(): Promise<void>;
}

export interface EmulatorKit {
  /** the vendor's documented limit in `requests/window` units of KitStartOptions.rateLimit */
  readonly realRateLimit: string;
  /** what the limit means, e.g. "50 requests per 30 s window" */
  readonly realRateLimitNote: string;
  /**
   * Whether the vendor can show applications without a job (the world's joblessApplications);
   * emulators of vendors that cannot refuse such worlds.
   */
  readonly joblessApplications: boolean;
  /**
   * The world as this vendor can show it, for vendor-neutral truth (default: the world itself).
   * E.g. Workday prospects are candidates, not applications, so they extend no pipeline day.
   */
  shownWorld?(world: World): World;
  /**
   * Whether it serves the world's account-defined demographic questions (world/surveys.ts) besides
   * the EEO answers, so the diversity funnel's truth has their categories too.
   */
  readonly customSurveys?: boolean;
  start(world: World, opts?: KitStartOptions): Promise<RunningEmulator>;
  /** The raw config entry of a connection named `name` reading `emu` (unthrottled on hirelake's side unless `extra` says otherwise). */
  connection(emu: RunningEmulator, name: string, extra?: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** `a/b` → [a, b]; 'none' → undefined; 'real' → the kit's documented limit. */
export function parseRateLimit(spec: string | undefined, real: string): [number, number] | undefined {
  if (spec === undefined || spec === 'none') return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(spec === 'real' ? real : spec);
  if (!m) throw new Error(`rate limit must be none, real or requests/window (e.g. 50/30000), not "${spec}"`);
  return [Number(m[1]), Number(m[2])];
}

/** hirelake's own pacing switched off, for tests and the bench's emulator-limited runs */
export const CLIENT_NO_LIMIT = { rate_limit: { requests: 1_000_000, per_seconds: 1 } } as const;
