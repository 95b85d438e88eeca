// What every vendor emulator shares: injected faults and request statistics.

/** when a fault fires: with a probability per eligible request, on every Nth one, or both */
export interface FaultSchedule {
  probability?: number;
  everyNth?: number;
}

/**
 * Injected failures, switchable at run time. Decisions come from a seeded RNG and per-fault
 * counters, so a given request sequence always fails the same way. Faults never touch the world.
 */
export interface FaultConfig {
  /** seed for probabilistic faults (default 1) */
  seed?: number;
  /** restrict random faults to these resources (e.g. ['applications']); default: every /v3 resource */
  resources?: string[];
  /** a burst of `length` consecutive 429s (default 3), each with Retry-After `retryAfterSeconds` (default 1) */
  rateLimitStorm?: FaultSchedule & { length?: number; retryAfterSeconds?: number };
  /** 500/502/503 (default all three, rotating) with a JSON or an HTML body (default: alternate) */
  serverError?: FaultSchedule & { statuses?: number[]; body?: 'json' | 'html' | 'mixed' };
  /** delay the response by delayMs (combines with other faults) */
  slow?: FaultSchedule & { delayMs: number };
  /** destroy the connection before any response, or after the headers and a few body bytes (default: alternate) */
  reset?: FaultSchedule & { phase?: 'before-headers' | 'after-headers' | 'mixed' };
  /** announce the full Content-Length, send half the body, close */
  truncate?: FaultSchedule;
  /** revoke the presented token, answering 401 as if it had expired */
  tokenExpiry?: FaultSchedule;
  /** resources answered with 403 missing scope */
  forbidden?: string[];

  // Flat shorthands: per-request probabilities equivalent to the structured options above
  // (a structured option wins when both are given).
  /** probability of starting a 429 storm */
  rate429?: number;
  /** 429s per storm (default 3) */
  storm429Length?: number;
  rate5xx?: number;
  /** probability of a connection reset (alternately before and after the headers) */
  rateReset?: number;
  rateTruncate?: number;
  rateSlow?: number;
  /** delay for rateSlow (default 500) */
  slowMs?: number;
}

export interface EmulatorStats {
  requests: number;
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
  /** 429s from the real rate limit (storm faults are counted under faults) */
  rateLimited: number;
  /** injected faults by kind */
  faults: Record<string, number>;
  /** rate-limit windows seen: window start (epoch ms) and requests counted in it */
  windows: { start: number; count: number }[];
}
