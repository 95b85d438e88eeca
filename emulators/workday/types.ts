import type { World } from '../world/index.ts';
import type { EmulatorStats, FaultConfig } from '../shared/types.ts';
import type { DemographicsReportDef, StageHistoryReportDef } from './raas.ts';

export type { EmulatorStats };

/**
 * The Greenhouse emulator's fault options, read for Workday: `resources` and `forbidden` name
 * operations (`Get_Candidates`, …, or `customreport2` for RaaS); a forbidden operation answers the
 * "task submitted is not authorized" fault an ISU without domain permission gets; a JSON-bodied
 * server error is a SOAP Server fault. There are no tokens to expire.
 */
export type WorkdayFaultConfig = Omit<FaultConfig, 'tokenExpiry'>;

export interface WorkdayEmulatorOptions {
  world: World;
  /** default 0 (a free port) */
  port?: number;
  /** default 'acme' */
  tenant?: string;
  /** the integration system user, without `@tenant` (default 'ISU_HIRELAKE') */
  username?: string;
  password?: string;
  /** the tenant's zone, used for every rendered time (default America/Los_Angeles) */
  timeZone?: string;
  /** Workday publishes no limit; give one to have 429s with Retry-After past it (default none) */
  rateLimit?: { limit: number; windowMs: number };
  faults?: WorkdayFaultConfig;
  /** the customer's RaaS stage-history report (default DEFAULT_STAGE_HISTORY_REPORT; false: none) */
  stageHistoryReport?: StageHistoryReportDef | false;
  /** the customer's RaaS self-identification report (default DEFAULT_DEMOGRAPHICS_REPORT; false: none) */
  demographicsReport?: DemographicsReportDef | false;
  /** clock for rate-limit windows (default Date.now); the server's own clock is the world's */
  clock?: () => number;
}

export interface WorkdayEmulator {
  /** scheme://host:port, what a connection's base_url would be */
  url: string;
  tenant: string;
  /** the Recruiting service endpoint of the default version */
  endpoint: string;
  credentials: { username: string; password: string };
  report: StageHistoryReportDef | null;
  demographicsReport: DemographicsReportDef | null;
  world: World;
  setFaults(f: WorkdayFaultConfig): void;
  stats(): EmulatorStats;
  resetStats(): void;
  stop(): Promise<void>;
}
