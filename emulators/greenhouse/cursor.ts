// Opaque pagination cursors: url-safe base64 of a signed JSON state (resource, accepted query,
// id to resume at). Stateless, so a cursor survives as long as the emulator and costs no memory;
// the signature makes garbled or hand-edited cursors fail cleanly with 422.
import { randomBytes } from 'node:crypto';
import type { ListQuery } from './query.ts';

export interface CursorState {
  /** resource name */
  r: string;
  q: ListQuery;
  /** highest id the next page may contain (pages walk ids downwards) */
  n: number;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export class CursorCodec {
  private readonly secret = randomBytes(8).toString('hex');

  encode(state: CursorState): string {
    const json = JSON.stringify(state);
    return Buffer.from(`${fnv1a(this.secret + json)}.${json}`).toString('base64url');
  }

  decode(cursor: string): CursorState | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
    const raw = Buffer.from(cursor, 'base64url').toString();
    const dot = raw.indexOf('.');
    if (dot < 0) return undefined;
    const json = raw.slice(dot + 1);
    if (fnv1a(this.secret + json) !== raw.slice(0, dot)) return undefined;
    try {
      const state = JSON.parse(json) as CursorState;
      if (typeof state.r !== 'string' || typeof state.n !== 'number' || typeof state.q?.pp !== 'number') return undefined;
      return state;
    } catch {
      return undefined;
    }
  }
}
