import type { Checkpoint } from '../state/checkpoint.ts';
import type { SyncWindow } from './source.ts';

export interface WindowInputs {
  readonly checkpoint: Checkpoint;
  readonly sync: 'incremental' | 'full';
  readonly now: Date;
  readonly lookbackMs: number;
  readonly startDate: Date | null;
}

/**
 * The window the next read covers. Incremental reads start a lookback before the watermark,
 * because a vendor can publish a change with an updated time slightly in the past (read-after-write
 * lag); re-read versions are harmless since the latest-version views pick one per record.
 */
export function nextWindow(w: WindowInputs): SyncWindow {
  if (w.sync === 'full' || !w.checkpoint.watermark) return { since: w.sync === 'full' ? null : w.startDate, until: w.now };
  const since = new Date(new Date(w.checkpoint.watermark).getTime() - w.lookbackMs);
  return { since: w.startDate && w.startDate > since ? w.startDate : since, until: w.now };
}
