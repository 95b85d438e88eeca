import type { World } from '../world/index.ts';
import type { EmulatorStats, FaultConfig } from '../shared/types.ts';

/**
 * Injected failures, the shared switchable schedules (429 storms, 5xx, slow responses, resets,
 * truncated bodies, 403 per endpoint). Resource names are endpoint names, e.g. 'application.list',
 * 'application.listHistory'. API keys do not expire, so there is no token-expiry fault.
 */
export type AshbyFaultConfig = Omit<FaultConfig, 'tokenExpiry'>;

export interface AshbyEmulatorOptions {
  world: World;
  /** default 0 (a free port) */
  port?: number;
  /** default 'ashby-emulator-key' */
  apiKey?: string;
  /** requests per window for the whole API (default 1000 per 60 s, what Ashby's x-ratelimit-limit shows) */
  rateLimit?: { limit: number; windowMs: number };
  /** application.listHistory's own budget (default 100 per 60 s) */
  historyRateLimit?: { limit: number; windowMs: number };
  /** whether the key may see confidential jobs and their applications (default true) */
  confidentialAccess?: boolean;
  /** incremental passes longer than this many pages fail with incremental_sync_too_large (default: no limit) */
  maxIncrementalPages?: number;
  faults?: AshbyFaultConfig;
  /** clock for the rate-limit windows (default Date.now) */
  clock?: () => number;
}

/** The shared emulator stats; `byPath` is keyed by endpoint path, e.g. /application.list. */
export type AshbyEmulatorStats = EmulatorStats;

export interface AshbyEmulator {
  /** API base, e.g. http://127.0.0.1:PORT — what a connection's base_url points at */
  url: string;
  credentials: { api_key: string };
  world: World;
  setFaults(f: AshbyFaultConfig): void;
  /** every sync token handed out so far is now expired (Ashby expires tokens left unused) */
  expireSyncTokens(): void;
  /** every cursor handed out so far is now expired */
  expireCursors(): void;
  setMaxIncrementalPages(pages: number | undefined): void;
  /** Ashby ids of world records, for tests */
  ashbyId: import('./ids.ts').AshbyIds['of'];
  /** Forget cached lists after editing world records directly (advanceWorld/touchWorld are noticed) */
  invalidate(): void;
  stats(): AshbyEmulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}
