// Decides which injected fault, if any, hits a request. Decisions depend only on the config, its
// seed and the sequence of eligible requests, so a test sees the same failures on every run.
import { rand, seedRng, type RngState } from '../world/rng.ts';
import type { FaultConfig, FaultSchedule } from './types.ts';

export type Fault =
  | { kind: 'tokenExpiry' }
  | { kind: 'rateLimitStorm'; retryAfter: number }
  | { kind: 'serverError'; status: number; html: boolean }
  | { kind: 'reset'; phase: 'before-headers' | 'after-headers' }
  | { kind: 'truncate' };

export interface FaultDecision {
  delayMs: number;
  fault: Fault | undefined;
}

/** fold the flat shorthands into the structured options */
function normalize(c: FaultConfig): FaultConfig {
  const p = (x: number | undefined) => (x !== undefined && x > 0 ? { probability: x } : undefined);
  const flatStorm = p(c.rate429);
  const flatSlow = p(c.rateSlow);
  return {
    ...c,
    rateLimitStorm: c.rateLimitStorm ?? (flatStorm && { ...flatStorm, length: c.storm429Length ?? 3 }),
    serverError: c.serverError ?? p(c.rate5xx),
    reset: c.reset ?? p(c.rateReset),
    truncate: c.truncate ?? p(c.rateTruncate),
    slow: c.slow ?? (flatSlow && { ...flatSlow, delayMs: c.slowMs ?? 500 }),
  };
}

const KINDS = ['tokenExpiry', 'rateLimitStorm', 'serverError', 'reset', 'truncate', 'slow'] as const;

export class FaultInjector {
  private config: FaultConfig = {};
  private rng: RngState = seedRng(1);
  private counters = new Map<string, number>();
  private stormLeft = 0;
  private errorsServed = 0;
  private resetsServed = 0;

  set(config: FaultConfig): void {
    this.config = normalize(config);
    this.rng = seedRng(config.seed ?? 1);
    this.counters.clear();
    this.stormLeft = 0;
    this.errorsServed = 0;
    this.resetsServed = 0;
  }

  isForbidden(resource: string): boolean {
    return this.config.forbidden?.includes(resource) ?? false;
  }

  decide(resource: string): FaultDecision {
    const c = this.config;
    if (c.resources && !c.resources.includes(resource)) return { delayMs: 0, fault: undefined };
    const delayMs = this.fires('slow', c.slow) ? Math.max(0, c.slow!.delayMs) : 0;
    const storm = c.rateLimitStorm;
    const retryAfter = storm?.retryAfterSeconds ?? 1;
    if (this.stormLeft > 0) {
      this.stormLeft--;
      return { delayMs, fault: { kind: 'rateLimitStorm', retryAfter } };
    }
    // Every kind's schedule is consulted on every request so counters and draws stay in step
    // whatever else fires; the first kind that fires wins.
    const fired = KINDS.filter((k) => k !== 'slow').filter((k) => this.fires(k, c[k]));
    const kind = fired[0];
    if (kind === undefined) return { delayMs, fault: undefined };
    switch (kind) {
      case 'tokenExpiry':
        return { delayMs, fault: { kind } };
      case 'rateLimitStorm':
        this.stormLeft = Math.max(1, storm!.length ?? 3) - 1;
        return { delayMs, fault: { kind, retryAfter } };
      case 'serverError': {
        const se = c.serverError!;
        const statuses = se.statuses?.length ? se.statuses : [500, 502, 503];
        const n = this.errorsServed++;
        const html = se.body === 'html' || (se.body !== 'json' && n % 2 === 1);
        return { delayMs, fault: { kind, status: statuses[n % statuses.length]!, html } };
      }
      case 'reset': {
        const phase = c.reset!.phase ?? 'mixed';
        const n = this.resetsServed++;
        return { delayMs, fault: { kind, phase: phase !== 'mixed' ? phase : n % 2 === 0 ? 'before-headers' : 'after-headers' } };
      }
      case 'truncate':
        return { delayMs, fault: { kind } };
    }
  }

  private fires(kind: string, s: FaultSchedule | undefined): boolean {
    if (!s) return false;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const nth = s.everyNth !== undefined && s.everyNth > 0 && n % s.everyNth === 0;
    const p = s.probability !== undefined && s.probability > 0 && rand(this.rng) < s.probability;
    return nth || p;
  }
}
