// Workable ids as the SPI v3 shows them: short lower-case hex strings for jobs, candidates,
// members and activities ("27270275", "1f3961"), upper-case 10-character job shortcodes
// ("9CD658E13E"), and integers for pipeline stages (5272270). The emulator derives them from the
// world's integer ids so the same world always renders the same ids, and a test can map a
// Workable id back to the world record it came from.
//
// Ids of one kind have one width and grow with the world id, and world ids grow in creation
// order, so "sorted by the time inserted" (Workable's list order) is also id order, which is what
// `since_id` / `max_id` paging walks.
import { createHash } from 'node:crypto';

const hex = (base: number, n: number) => (base + n).toString(16);

/** Activity ids leave this many slots per application (see ACTIVITY_SLOT). */
export const SLOTS_PER_APPLICATION = 128;

/**
 * Where an activity sits among its application's slots: fixed per kind of event, so an activity
 * keeps its id however the application's history grows.
 */
export const ACTIVITY_SLOT = {
  created: 0,
  /** slot of the move into the application's visit n (n ≥ 1); up to 39 */
  move: (visitIndex: number) => visitIndex,
  /** slot of the comment on the application's scorecard n (0-based); up to 59 */
  comment: (n: number) => 40 + n,
  mistakenDisqualification: 100,
  requalified: 101,
  disqualified: 102,
  hired: 103,
} as const;

export class WorkableIds {
  readonly #seed: number;

  constructor(seed: number) {
    this.#seed = seed;
  }

  job = (jobId: number) => hex(0x6188000, jobId);
  candidate = (appId: number) => hex(0x27270000, appId);
  member = (userId: number) => hex(0x1f3900, userId);
  department = (departmentId: number) => String(792289300 + departmentId);
  reason = (reasonId: number) => hex(0x3c1a00, reasonId);

  activity(appId: number, slot: number): string {
    if (slot < 0 || slot >= SLOTS_PER_APPLICATION) throw new Error(`activity slot ${slot} out of range`);
    return hex(0x10000000, appId * SLOTS_PER_APPLICATION + slot);
  }

  /** A world stage's id; the Sourced and Hired stages every pipeline has get ids of their own. */
  stage = (worldStageId: number) => 5_270_000 + worldStageId;
  sourcedStage = (jobId: number | null) => 4_100_000 + (jobId ?? 0);
  hiredStage = (jobId: number) => 4_200_000 + jobId;

  /** Workable's job shortcodes look random: a hash of the seed and the job. */
  shortcode(jobId: number): string {
    return createHash('sha1').update(`workable:${this.#seed}:job:${jobId}`).digest('hex').slice(0, 10).toUpperCase();
  }
}
