// Requisition facts the simulation does not act on: whether a job backfills someone who left.
import type { World } from './types.ts';
import { hash01 } from './hash.ts';

/** share of requisitions that replace someone who left rather than add headcount */
export const BACKFILL_RATE = 0.3;

/** Whether a job's requisition (and so each of its openings) is a backfill. */
export function isBackfill(world: World, jobId: number): boolean {
  return hash01(world.seed, jobId, 101) < BACKFILL_RATE;
}
