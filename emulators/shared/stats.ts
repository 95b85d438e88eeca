import type { EmulatorStats } from './types.ts';
import type { FixedWindowLimiter } from './rate-limit.ts';

/** request accounting, so tests and benchmarks can see what a client actually did */
export class StatsRecorder {
  private s = StatsRecorder.empty();

  constructor(private readonly limiter: FixedWindowLimiter) {}

  private static empty(): Omit<EmulatorStats, 'windows'> {
    return { requests: 0, byPath: {}, byStatus: {}, rateLimited: 0, faults: {} };
  }

  request(path: string): void {
    this.s.requests++;
    this.s.byPath[path] = (this.s.byPath[path] ?? 0) + 1;
  }

  status(code: number | string): void {
    const k = String(code);
    this.s.byStatus[k] = (this.s.byStatus[k] ?? 0) + 1;
  }

  rateLimited(): void {
    this.s.rateLimited++;
  }

  fault(kind: string): void {
    this.s.faults[kind] = (this.s.faults[kind] ?? 0) + 1;
  }

  snapshot(): EmulatorStats {
    return structuredClone({ ...this.s, windows: this.limiter.windows });
  }

  reset(): void {
    this.s = StatsRecorder.empty();
    this.limiter.resetHistory();
  }
}
