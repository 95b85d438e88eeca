import type { World } from '../world/index.ts';
import type { EmulatorStats, FaultConfig } from '../shared/types.ts';

/**
 * Injected failures, the same switchable schedules as the Greenhouse emulator (429 storms, 5xx,
 * slow responses, connection resets, truncated bodies, 403 per resource). Resource names are the
 * Lever collections: opportunities, postings, requisitions, stages, archive_reasons, sources,
 * users, offers, interviews, feedback, applications. API keys do not expire, so there is no
 * token-expiry fault.
 */
export type LeverFaultConfig = Omit<FaultConfig, 'tokenExpiry'>;

export interface LeverEmulatorOptions {
  world: World;
  /** default 0 (a free port) */
  port?: number;
  /** default 'lever-emulator-key' */
  apiKey?: string;
  /** Lever's token bucket: `perSecond` steady (default 10) with bursts up to `burst` (default 20) */
  rateLimit?: { perSecond: number; burst: number };
  faults?: LeverFaultConfig;
  /** opportunities last changed before this render `updatedAt: null` (default: the first half of the world's span at start) */
  legacyBefore?: number;
  /** clock for the token bucket (default Date.now) */
  clock?: () => number;
}

/**
 * The shared emulator stats; for Lever `byPath` has ids replaced by ':id'
 * (e.g. /v1/opportunities/:id/offers), `rateLimited` counts token-bucket 429s and `windows` are
 * wall-clock seconds.
 */
export type LeverEmulatorStats = EmulatorStats;

export interface LeverEmulator {
  /** API base, e.g. http://127.0.0.1:PORT/v1 — what a connection's base_url points at */
  url: string;
  credentials: { api_key: string };
  world: World;
  setFaults(f: LeverFaultConfig): void;
  /** Deletes the opportunity of world application `appId` (at world.now by default): it leaves the lists and shows in /opportunities/deleted. */
  deleteOpportunity(appId: number, at?: number): string;
  /** Deletes the posting of world job `jobId`: it leaves /postings and shows in /postings/deleted. */
  deletePosting(jobId: number, at?: number): string;
  /** Lever ids of world records, for tests */
  leverId(kind: 'opportunity' | 'posting' | 'user' | 'offer' | 'interview' | 'feedback' | 'contact' | 'requisition', worldId: number): string;
  /** Opportunity rows as the emulator currently lists them (updatedAt as rendered) */
  opportunities(): readonly { id: string; appId: number; updatedAt: number | null }[];
  /** Forget cached lists after editing world records directly (advanceWorld/touchWorld are noticed) */
  invalidate(): void;
  stats(): LeverEmulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}
