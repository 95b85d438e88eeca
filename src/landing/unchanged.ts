import { createHash } from 'node:crypto';
import { stringify as canonicalJson } from 'safe-stable-stringify';
import { storableJsonText } from '../engine/bulk-values.ts';
import type { SqlRunner, TableRef } from '../engine/engine.ts';
import { qualified } from '../engine/identifiers.ts';
import { rankedVersions } from './raw-table.ts';

/**
 * Raw-zone compaction at landing: a version whose payload (and deleted flag and updated time)
 * equals the record's latest landed version is not landed again. Lookback windows, full-list
 * streams and re-read windows otherwise re-land identical payloads on every run, so the raw zone
 * would grow even when nothing changed.
 *
 * Skipping such a version cannot change a model: landed, it would become the latest version (same
 * updated time, newer landing sequence) with the very same payload, deleted flag and updated time;
 * only `_extracted_at` and `_run_id` would differ, and no model reads those of a latest version
 * (Workday, the one vendor whose models read every version, stamps each version with the moment
 * it was observed, so its versions never compare equal).
 *
 * Payloads are compared in a canonical form (keys sorted), digested: Postgres stores jsonb, whose
 * text has its own key order and spacing, so the text sent and the text read back differ.
 */

/** What a record's latest landed version is, as far as compaction needs to know. */
interface Latest {
  readonly digest: string;
  readonly deleted: boolean;
  readonly updatedAt: number | null;
  /** Every version has a usable updated time (else versions are ranked by landing sequence). */
  readonly allDated: boolean;
}

/** Records whose latest version is loaded at most: beyond it (a full re-read of a large account) nothing is compacted. */
export const MAX_TRACKED = 200_000;

/**
 * A payload's digest and its size in bytes (as JSON, which canonical ordering does not change).
 * Digested as the engines store it (storableJsonText): a payload holding a lone surrogate or NUL is
 * read back with U+FFFD in its place, and must still equal the same payload sent again.
 */
export function payloadDigest(value: unknown): { digest: string; bytes: number } {
  const text = storableJsonText(canonicalJson(value) ?? 'null');
  return { digest: createHash('sha1').update(text).digest('base64'), bytes: Buffer.byteLength(text) };
}

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);

/**
 * The latest version of the records a window can re-read, for one connection and raw table.
 *
 * Which records: every record whose payload could equal an incoming one. An incoming record
 * equal to the latest version has that version's updated time, so for a window starting at `since`
 * only versions updated at or after `since` can match; the latest version of a record that has any
 * such version is among them (every version ranked above it was updated later still). Versions
 * without a usable updated time are ranked by landing sequence across all of a record's versions,
 * which this subset cannot see whole, so such records stay untracked (never compacted) unless
 * the window has no start (a full read, where the subset is everything).
 */
/** What `versionRows` needs of the latest versions while it lands a page. */
export interface LatestLookup {
  /** When this version equals the record's latest one: the payload's size in bytes (what not landing it saves); else 0. */
  unchanged(id: string, updatedAt: Date | null, deleted: boolean, payload: unknown): number;
  /** This version is now in the open transaction. */
  appended(id: string, updatedAt: Date | null, deleted: boolean, payload: unknown): void;
}

/** A version appended in a transaction not yet committed, and the page that appended it. */
interface Staged {
  readonly latest: Latest;
  readonly page: PageLatest;
}

export class LatestVersions {
  readonly #latest = new Map<string, Latest>();
  /** Versions in the open transaction: later pages compare with them, and a rollback drops them. */
  readonly #staged = new Map<string, Staged>();

  /** Compaction off: every version lands. */
  static disabled(): LatestVersions {
    return new LatestVersions();
  }

  static async load(db: SqlRunner, table: TableRef, connection: string, since: Date | null, max = MAX_TRACKED): Promise<LatestVersions> {
    const raw = qualified(table.schema, table.table);
    const subset = `(select _connection, _record_id, _updated_at, _extracted_at, _deleted, _payload from ${raw}
      where _connection = $1 and ($2::timestamptz is null or _updated_at >= $2::timestamptz or _updated_at is null)) s`;
    const [count] = await db.query<{ n: number }>(`select count(distinct _record_id) as n from ${subset}`, [connection, since]);
    const n = Number(count?.n ?? 0);
    const out = new LatestVersions();
    if (n === 0 || n > max) return out;
    const rows = await db.query<{ id: string; deleted: boolean; updated_at: Date | null; all_dated: boolean; payload: string }>(
      `select _record_id as id, _deleted as deleted, _updated_at as updated_at, _all_dated as all_dated, _payload as payload
         from ${rankedVersions(subset)} v where _version_rank = 1`,
      [connection, since],
    );
    for (const r of rows) {
      if (since === null || r.all_dated) out.#latest.set(r.id, { digest: payloadDigest(JSON.parse(r.payload)).digest, deleted: Boolean(r.deleted), updatedAt: ms(r.updated_at), allDated: Boolean(r.all_dated) });
    }
    return out;
  }

  /** A lookup for one page: what it appends becomes the latest once `commit` is called, and is forgotten on `discard`. */
  page(): PageLatest {
    return new PageLatest(this.#staged, this.#latest);
  }
}

/**
 * One page's view of the latest versions. A version of a tracked record that lands is the
 * record's latest now unless ranked by updated time and older than the latest. (Records not
 * tracked stay so: only what the window's subset showed is known whole.)
 */
export class PageLatest implements LatestLookup {
  readonly #ids: string[] = [];

  constructor(
    readonly staged: Map<string, Staged>,
    readonly committed: Map<string, Latest>,
  ) {}

  /** The latest version as the open transaction sees it. */
  #current(id: string): Latest | undefined {
    return this.staged.get(id)?.latest ?? this.committed.get(id);
  }

  unchanged(id: string, updatedAt: Date | null, deleted: boolean, payload: unknown): number {
    const l = this.#current(id);
    if (!l || l.deleted !== deleted || l.updatedAt !== ms(updatedAt)) return 0;
    const d = payloadDigest(payload);
    return l.digest === d.digest ? d.bytes : 0;
  }

  appended(id: string, updatedAt: Date | null, deleted: boolean, payload: unknown): void {
    const l = this.#current(id);
    if (!l) return;
    const u = ms(updatedAt);
    const allDated = l.allDated && u !== null;
    // Ranked by updated time, a later landing wins ties; by landing sequence, it always wins.
    if (allDated && u! < l.updatedAt!) return;
    this.staged.set(id, { latest: { digest: payloadDigest(payload).digest, deleted, updatedAt: u, allDated }, page: this });
    this.#ids.push(id);
  }

  /** The page's transaction committed: what it appended is the latest (unless a later page superseded it). */
  commit(): void {
    for (const id of this.#ids) {
      const s = this.staged.get(id);
      if (s?.page !== this) continue;
      this.committed.set(id, s.latest);
      this.staged.delete(id);
    }
  }

  /** The page's transaction rolled back: what it appended never landed. */
  discard(): void {
    for (const id of this.#ids) if (this.staged.get(id)?.page === this) this.staged.delete(id);
  }
}
