// Lever ids are UUIDs (plus a few slug stage ids). The emulator derives them from the world's
// integer ids with a hash, so the same world always renders the same ids and a test can map a
// Lever id back to the world record it came from.
import { createHash } from 'node:crypto';

export type LeverIdKind =
  | 'opportunity' | 'application' | 'contact' | 'posting' | 'requisition' | 'user' | 'stage' | 'archive_reason'
  | 'offer' | 'interview' | 'panel' | 'feedback' | 'feedback_template' | 'field' | 'form' | 'form_template' | 'form_field';

export class LeverIds {
  readonly #seed: number;
  readonly #cache = new Map<string, string>();
  readonly #reverse = new Map<string, { kind: LeverIdKind; n: number }>();

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** A stable v4-shaped UUID for world record `n` of `kind`. */
  of(kind: LeverIdKind, n: number): string {
    const key = `${kind}:${n}`;
    let id = this.#cache.get(key);
    if (id === undefined) {
      const h = createHash('sha1').update(`lever:${this.#seed}:${key}`).digest('hex');
      // Version 4 and RFC 4122 variant nibbles, so the ids look like Lever's.
      const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
      id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
      this.#cache.set(key, id);
      this.#reverse.set(id, { kind, n });
    }
    return id;
  }

  /** The world id behind a Lever id this instance rendered, if it is of `kind`. */
  worldId(kind: LeverIdKind, leverId: string): number | undefined {
    const r = this.#reverse.get(leverId);
    return r && r.kind === kind ? r.n : undefined;
  }
}
