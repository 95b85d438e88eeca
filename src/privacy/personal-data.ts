// Where a vendor's raw records hold a person's data, declared as data beside its streams (like
// primaryKey and cursorField), so one purge serves every vendor.
//
// Subjects are either a candidate (the person) or one application. Each stream says which of the
// two its records belong to and where the id is; an erased candidate's applications are the ones
// whose newest version names the candidate (so a candidate merged away, whose applications moved
// to the survivor, takes none of them along).

/** `_record_id` (the raw zone's key) or a dotted payload path such as `candidate_id`. */
export type RecordPath = string;

export type SubjectKind = 'candidate' | 'application';

export interface StreamPersonalData {
  /** whose records these are */
  readonly subject: SubjectKind;
  /** where a record names its subject */
  readonly path: RecordPath;
  /**
   * Payload paths set to null in every version of an erased subject's records: `a.b`, or `a[*].b`
   * into every element of an array. What stays is what the models count: ids, dates, stages,
   * outcomes.
   */
  readonly personal: readonly string[];
}

/** How a vendor shows that a person or an application was erased. */
export type ErasureSignal =
  /** the record is missing from a read of the whole stream (Greenhouse and Workday delete) */
  | { readonly kind: 'absent'; readonly stream: string; readonly subject: SubjectKind; readonly path: RecordPath }
  /** the newest version carries a flag set to true (Lever's isAnonymized) */
  | { readonly kind: 'flag'; readonly stream: string; readonly flag: string; readonly subject: SubjectKind; readonly path: RecordPath }
  /** the vendor lists it as deleted (Lever's /opportunities/deleted: the raw zone's tombstones) */
  | { readonly kind: 'deleted'; readonly stream: string; readonly subject: SubjectKind; readonly path: RecordPath };

export interface PersonalDataMap {
  /** the stream whose records are applications (id = application id) and where each names its candidate */
  readonly applications: { readonly stream: string; readonly candidate: RecordPath };
  readonly streams: Readonly<Record<string, StreamPersonalData>>;
  readonly erasures: readonly ErasureSignal[];
  /**
   * Demographic streams that hold nobody's data (an account's question and option lists), each
   * with the reason: every other demographic stream must be in `streams`, so it is purged.
   */
  readonly notPersonal?: Readonly<Record<string, string>>;
}

const KEY = /^[A-Za-z_@][A-Za-z0-9_]*$/;

/** `a.b[*].c` → [['a'], ['b', '*'], ['c']]-like segments: a key, and whether it is an array to walk. */
export function parsePath(path: string): { key: string; each: boolean }[] {
  return path.split('.').map((part) => {
    const each = part.endsWith('[*]');
    const key = each ? part.slice(0, -3) : part;
    if (!KEY.test(key)) throw new Error(`bad personal-data path "${path}": expected keys such as a.b or a[*].b`);
    return { key, each };
  });
}

function blankAt(node: unknown, segs: readonly { key: string; each: boolean }[], i: number): boolean {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const obj = node as Record<string, unknown>;
  const seg = segs[i]!;
  if (!(seg.key in obj)) return false;
  if (i === segs.length - 1 && !seg.each) {
    if (obj[seg.key] === null) return false;
    obj[seg.key] = null;
    return true;
  }
  const next = obj[seg.key];
  if (seg.each) {
    if (!Array.isArray(next)) return false;
    if (i === segs.length - 1) {
      if (next.length === 0) return false;
      obj[seg.key] = [];
      return true;
    }
    let changed = false;
    for (const el of next) changed = blankAt(el, segs, i + 1) || changed;
    return changed;
  }
  return blankAt(next, segs, i + 1);
}

/**
 * The payload with every personal path set to null (arrays walked with `[*]`; a path ending in
 * `[*]` empties the array); null when nothing changed. Keys stay, so staging reads nulls.
 */
export function blankPersonal(payload: string, paths: readonly string[]): string | null {
  const doc = JSON.parse(payload) as unknown;
  let changed = false;
  for (const p of paths) changed = blankAt(doc, parsePath(p), 0) || changed;
  return changed ? JSON.stringify(doc) : null;
}
