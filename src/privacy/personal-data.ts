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
   * outcomes. A `*` key walks every key of an object (a form's answers keyed by field path).
   */
  readonly personal: readonly string[];
  /** concrete paths a `*` in `personal` leaves alone (an answer a model counts, such as a recommendation) */
  readonly keep?: readonly string[];
}

/** How a vendor shows that a person or an application was erased. */
export type ErasureSignal =
  /**
   * the vendor strips the record in place and sets no flag (Ashby's candidate.anonymize): its
   * newest version holds none of `fields` (each missing, null, '', [] or {}) while an earlier one held one
   */
  | { readonly kind: 'stripped'; readonly stream: string; readonly fields: readonly string[]; readonly subject: SubjectKind; readonly path: RecordPath }
  /** the record is missing from a read of the whole stream (Greenhouse and Workday delete) */
  | { readonly kind: 'absent'; readonly stream: string; readonly subject: SubjectKind; readonly path: RecordPath }
  /** the newest version carries a flag set to true (Lever's isAnonymized) */
  | { readonly kind: 'flag'; readonly stream: string; readonly flag: string; readonly subject: SubjectKind; readonly path: RecordPath }
  /** the vendor lists it as deleted (Lever's /opportunities/deleted: the raw zone's tombstones) */
  | { readonly kind: 'deleted'; readonly stream: string; readonly subject: SubjectKind; readonly path: RecordPath };

/**
 * A person key the models derive from a contact detail (Workable: an md5 of the lower-cased,
 * trimmed email), which `hirelake forget` accepts in place of the vendor's candidate ids: it
 * stands for the records of `stream` whose `path` hashes to it, each forgotten as a candidate.
 */
export interface PersonKey {
  readonly stream: string;
  readonly path: RecordPath;
  readonly hash: 'md5-lower-trim';
}

export interface PersonalDataMap {
  /** the stream whose records are applications (id = application id) and where each names its candidate */
  readonly applications: { readonly stream: string; readonly candidate: RecordPath };
  /** where core's candidate id is derived from a contact detail instead of being a vendor id */
  readonly personKey?: PersonKey;
  readonly streams: Readonly<Record<string, StreamPersonalData>>;
  readonly erasures: readonly ErasureSignal[];
  /**
   * Demographic streams that hold nobody's data (an account's question and option lists), each
   * with the reason: every other demographic stream must be in `streams`, so it is purged.
   */
  readonly notPersonal?: Readonly<Record<string, string>>;
}

const KEY = /^([A-Za-z_@][A-Za-z0-9_]*|\*)$/;

/** `a.b[*].c` → [['a'], ['b', '*'], ['c']]-like segments: a key, and whether it is an array to walk. */
export function parsePath(path: string): { key: string; each: boolean }[] {
  return path.split('.').map((part) => {
    const each = part.endsWith('[*]');
    const key = each ? part.slice(0, -3) : part;
    if (!KEY.test(key)) throw new Error(`bad personal-data path "${path}": expected keys such as a.b or a[*].b`);
    return { key, each };
  });
}

function blankAt(node: unknown, segs: readonly { key: string; each: boolean }[], i: number, at: string, keep: ReadonlySet<string>): boolean {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const obj = node as Record<string, unknown>;
  const seg = segs[i]!;
  if (seg.key === '*') {
    let changed = false;
    for (const key of Object.keys(obj)) {
      const here = at === '' ? key : `${at}.${key}`;
      if (keep.has(here)) continue;
      changed = blankAt(obj, [...segs.slice(0, i), { key, each: seg.each }, ...segs.slice(i + 1)], i, at, keep) || changed;
    }
    return changed;
  }
  if (!(seg.key in obj)) return false;
  const path = at === '' ? seg.key : `${at}.${seg.key}`;
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
    for (const el of next) changed = blankAt(el, segs, i + 1, `${path}[*]`, keep) || changed;
    return changed;
  }
  return blankAt(next, segs, i + 1, path, keep);
}

/**
 * The payload with every personal path set to null (arrays walked with `[*]`; a path ending in
 * `[*]` empties the array; `*` takes every key of an object but those in `keep`); null when
 * nothing changed. Keys stay, so staging reads nulls.
 */
export function blankPersonal(payload: string, paths: readonly string[], keep: readonly string[] = []): string | null {
  const doc = JSON.parse(payload) as unknown;
  const kept = new Set(keep);
  let changed = false;
  for (const p of paths) changed = blankAt(doc, parsePath(p), 0, '', kept) || changed;
  return changed ? JSON.stringify(doc) : null;
}
