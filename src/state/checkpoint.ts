import { z } from 'zod';

/**
 * A stream's checkpoint. `watermark` is the end of the last window read to completion: changes
 * before it (minus the lookback) are landed. `pending` is a window a run was part-way through,
 * with the vendor's token for the page after the last one landed; it is written in the same
 * transaction as that page, so a crashed run resumes exactly there. `syncState` is a stream's own
 * state carried from one window to the next (e.g. Ashby's syncToken): written with the page that
 * completes a window, so it never runs ahead of landed data either.
 */
export const checkpointSchema = z.object({
  watermark: z.string().nullable(),
  /**
   * The connection's start_date when history was read (null: all of it). When the config's moves
   * earlier, the history between the two was never read, so the stream starts over. Absent in
   * checkpoints written before it was recorded.
   */
  start_date: z.string().nullable().optional(),
  pending: z
    .object({
      since: z.string().nullable(),
      until: z.string(),
      resume: z.string().nullable(),
      pages: z.number().int(),
    })
    .nullable(),
  syncState: z.string().optional(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const EMPTY_CHECKPOINT: Checkpoint = { watermark: null, pending: null };

/**
 * Whether history before the recorded start_date is now wanted: the configured start_date is
 * earlier than the one the stream was read from, or was removed.
 */
export function startMovedEarlier(cp: Checkpoint, configured: Date | null): boolean {
  if (cp.start_date === undefined || (cp.watermark === null && cp.pending === null)) return false;
  if (cp.start_date === null) return false;
  return configured === null || configured.getTime() < Date.parse(cp.start_date);
}

export function parseCheckpoint(text: string | null | undefined): Checkpoint {
  if (!text) return EMPTY_CHECKPOINT;
  const res = checkpointSchema.safeParse(JSON.parse(text));
  // A checkpoint we cannot read is treated as absent: a full re-read is safe, a guess is not.
  return res.success ? res.data : EMPTY_CHECKPOINT;
}
