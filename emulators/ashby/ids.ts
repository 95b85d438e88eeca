// Ashby ids are UUIDs. The emulator derives them from the world's integer ids with a hash, so the
// same world always renders the same ids and a test can map an Ashby id back to its world record.
import { createHash } from 'node:crypto';

export type AshbyIdKind =
  | 'application' | 'candidate' | 'job' | 'posting' | 'plan' | 'stage' | 'lead_stage' | 'hired_stage' | 'archived_stage'
  | 'stage_group' | 'history' | 'history_lead' | 'history_outcome' | 'user' | 'department' | 'location' | 'source'
  | 'source_type' | 'archive_reason' | 'close_reason' | 'opening' | 'opening_version' | 'offer' | 'offer_version'
  | 'interview' | 'schedule' | 'event' | 'feedback' | 'form' | 'brand';

export class AshbyIds {
  readonly #seed: number;
  readonly #cache = new Map<string, string>();

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** A stable v4-shaped UUID for world record `n` (or composite key) of `kind`. */
  of(kind: AshbyIdKind, n: number | string): string {
    const key = `${kind}:${n}`;
    let id = this.#cache.get(key);
    if (id === undefined) {
      const h = createHash('sha1').update(`ashby:${this.#seed}:${key}`).digest('hex');
      const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
      id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
      this.#cache.set(key, id);
    }
    return id;
  }
}
