// Lever's keyset pagination: `next` is the sort key of the next page's first record, as a
// percent-encoded JSON array (e.g. %5B3%2C1491435120000%2C%22…%22%5D for opportunities). Clients
// pass it back as `offset`, usually encoded once more by their query builder, so the server
// decodes until it parses.

export type SortKey = readonly (string | number)[];
/** Per key position: 1 ascending, -1 descending. */
export type Directions = readonly (1 | -1)[];

export class InvalidOffset extends Error {}

export function encodeOffset(key: SortKey): string {
  return encodeURIComponent(JSON.stringify(key));
}

/** The sort key in an `offset` parameter (already URL-decoded once by the query parser). */
export function decodeOffset(param: string, dirs: Directions, sample: SortKey | undefined): SortKey {
  let text = param;
  for (let i = 0; i < 4; i++) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v) && v.length === dirs.length && v.every((x, k) => sample === undefined || typeof x === typeof sample[k])) return v as SortKey;
      break;
    } catch {
      if (!text.includes('%')) break;
      try {
        text = decodeURIComponent(text);
      } catch {
        break;
      }
    }
  }
  throw new InvalidOffset('Invalid offset token');
}

export function compareKeys(a: SortKey, b: SortKey, dirs: Directions): number {
  for (let i = 0; i < dirs.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return (x < y ? -1 : 1) * dirs[i]!;
  }
  return 0;
}

export interface KeysetPage<T> {
  items: T[];
  next: SortKey | null;
}

/** One page of `rows` (sorted by `keyOf` under `dirs`) starting at the first row at or after `after`. */
export function keysetPage<T>(rows: readonly T[], keyOf: (r: T) => SortKey, dirs: Directions, limit: number, after: SortKey | null): KeysetPage<T> {
  let lo = 0;
  if (after !== null) {
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keyOf(rows[mid]!), after, dirs) < 0) lo = mid + 1;
      else hi = mid;
    }
  }
  const items = rows.slice(lo, lo + limit);
  const following = rows[lo + limit];
  return { items, next: following === undefined ? null : keyOf(following) };
}
