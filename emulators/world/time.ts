export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const DEFAULT_START = Date.UTC(2024, 0, 1);
export const DEFAULT_SPAN_DAYS = 540;

/** 'YYYY-MM-DD' of an epoch-ms instant, in UTC */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
