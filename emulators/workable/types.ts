import type { World } from '../world/index.ts';
import type { EmulatorStats, FaultConfig } from '../shared/types.ts';
import type { WorkableView } from './view.ts';

/**
 * Injected failures, the same switchable schedules as the other emulators (429 storms, 5xx, slow
 * responses, connection resets, truncated bodies, 403 per resource). Resource names: jobs,
 * job_stages, candidates, activities, offers, members, departments, disqualification_reasons.
 * Account tokens do not expire, so there is no token-expiry fault.
 */
export type WorkableFaultConfig = Omit<FaultConfig, 'tokenExpiry'>;

export interface WorkableEmulatorOptions {
  world: World;
  /** default 0 (a free port) */
  port?: number;
  /** the account's subdomain (default: the company name as a slug) */
  subdomain?: string;
  /** default 'workable-emulator-token' */
  token?: string;
  /** Workable's fixed windows: `limit` requests per `windowMs` (default 10 per 10 s, an account token's limit) */
  rateLimit?: { limit: number; windowMs: number };
  faults?: WorkableFaultConfig;
  /** clock for the rate limit (default Date.now) */
  clock?: () => number;
}

/** The shared emulator stats; `byPath` has ids replaced (e.g. /spi/v3/candidates/:id/activities). */
export type WorkableEmulatorStats = EmulatorStats;

export interface WorkableEmulator {
  /** API base, e.g. http://127.0.0.1:PORT/spi/v3 — what a connection's base_url points at */
  url: string;
  subdomain: string;
  credentials: { token: string };
  world: World;
  /** the account as rendered, for tests mapping world records to Workable ids */
  view: WorkableView;
  setFaults(f: WorkableFaultConfig): void;
  /** Forget cached lists after editing world records directly (advanceWorld/touchWorld are noticed) */
  invalidate(): void;
  stats(): WorkableEmulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}
