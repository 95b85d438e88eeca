// Ashby's list paging and incremental sync, as the emulator serves them. A pass is a walk over one
// endpoint's records in a stable order (creation time, then id). `nextCursor` carries the pass (where
// it is, since when it reads, and the moment it started); the last page of a pass over an endpoint
// that supports incremental sync carries a `syncToken` naming that start, and a later pass given
// the token returns only records changed since (at or after) it. Both are opaque to clients: base64url JSON.
export type RowKey = readonly [number, string];

export interface ListRow {
  readonly key: RowKey;
  /** when anything shown on the record last changed (the incremental filter) */
  readonly changedAt: number;
  render(): Record<string, unknown>;
}

export interface Pass {
  /** endpoint */
  readonly e: string;
  /** incremental: changes at or after this instant; null for a full pass */
  readonly s: number | null;
  /** the pass's start (the next sync token's instant) */
  readonly a: number;
  /** key of the last record served */
  readonly k: RowKey | null;
  /** pages served so far */
  readonly p: number;
  /** cursor generation (the emulator can expire every outstanding cursor) */
  readonly g: number;
}

export interface SyncPoint {
  readonly e: string;
  readonly a: number;
  /** token generation (the emulator can expire every outstanding token) */
  readonly g: number;
}

const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function decode(s: unknown): unknown {
  if (typeof s !== 'string' || s === '') return undefined;
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export const encodeCursor = (p: Pass): string => encode(p);
export const encodeSyncToken = (t: SyncPoint): string => encode(t);

export function decodeCursor(s: unknown): Pass | undefined {
  const v = decode(s) as Partial<Pass> | undefined;
  if (!v || typeof v.e !== 'string' || typeof v.a !== 'number' || typeof v.p !== 'number' || typeof v.g !== 'number') return undefined;
  if (v.s !== null && typeof v.s !== 'number') return undefined;
  if (v.k !== null && !(Array.isArray(v.k) && typeof v.k[0] === 'number' && typeof v.k[1] === 'string')) return undefined;
  return v as Pass;
}

export function decodeSyncToken(s: unknown): SyncPoint | undefined {
  const v = decode(s) as Partial<SyncPoint> | undefined;
  if (!v || typeof v.e !== 'string' || typeof v.a !== 'number' || typeof v.g !== 'number') return undefined;
  return v as SyncPoint;
}

export function compareKeys(a: RowKey, b: RowKey): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Up to `limit` rows after `after` (rows sorted by key) that `keep`, and whether more follow. */
export function slice<T extends ListRow>(rows: readonly T[], after: RowKey | null, limit: number, keep: (r: T) => boolean): { items: T[]; more: boolean } {
  let lo = 0;
  if (after !== null) {
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(rows[mid]!.key, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
  }
  const items: T[] = [];
  for (let i = lo; i < rows.length; i++) {
    const r = rows[i]!;
    if (!keep(r)) continue;
    if (items.length === limit) return { items, more: true };
    items.push(r);
  }
  return { items, more: false };
}

export function sortRows<T extends ListRow>(rows: T[]): T[] {
  return rows.sort((a, b) => compareKeys(a.key, b.key));
}
