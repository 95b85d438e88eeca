import type { World } from '../world/index.ts';
import type { EmulatorStats, FaultConfig } from '../shared/types.ts';

export type { EmulatorStats, FaultConfig, FaultSchedule } from '../shared/types.ts';

export interface GreenhouseEmulatorOptions {
  world: World;
  /** default 0 (a free port) */
  port?: number;
  /** default 50 requests per 30 000 ms fixed window */
  rateLimit?: { limit: number; windowMs: number };
  /** default 3 600 000 */
  tokenTtlMs?: number;
  faults?: FaultConfig;
  clientId?: string;
  clientSecret?: string;
  /** the acting user for `sub`; default: the first site admin of the world */
  userId?: number | string;
  /** clock for token expiry and rate-limit windows (default Date.now) */
  clock?: () => number;
}


export interface GreenhouseEmulator {
  /** base URL, e.g. http://127.0.0.1:PORT (API under /v3) */
  url: string;
  /** url + '/token' */
  tokenUrl: string;
  credentials: { client_id: string; client_secret: string; user_id: string };
  world: World;
  setFaults(f: FaultConfig): void;
  /** invalidate every token issued so far */
  expireTokens(): void;
  stats(): EmulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}
