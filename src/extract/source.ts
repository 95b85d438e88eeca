import { getPath } from '../http/json-path.ts';
import type { z } from 'zod';
import type { ConnectionBase } from '../config/schema.ts';
import type { HttpEvent } from '../http/index.ts';
import type { Redactor } from '../http/index.ts';
import type { PersonalDataMap } from '../privacy/personal-data.ts';

/**
 * A page of one stream as the vendor returned it. `resume` is what a later run needs to carry on
 * right after this page (the next page's URL or token); null on the last page.
 */
export interface StreamPage {
  readonly records: readonly unknown[];
  /** Records the vendor reports deleted: landed as tombstones (`_deleted = true`). */
  readonly tombstones?: readonly { id: string; deletedAt: string | number | null; payload?: unknown }[];
  readonly resume: string | null;
  /**
   * On a window's last page (resume null): the stream's own state for its next window, e.g. the
   * vendor's sync token for reading only what changed since this read. Kept in the checkpoint with
   * the watermark and handed to the next read as `syncState`; absent keeps the previous one.
   */
  readonly syncState?: string;
}

/** The slice of time a read covers: changes with since ≤ updated < until. since is null on a first full sync. */
export interface SyncWindow {
  readonly since: Date | null;
  readonly until: Date;
}

/** Read access to what this connection has already landed, for streams fanned out from a parent. */
export interface LandedRecords {
  /**
   * Ids of a stream's records (of this connection and source) whose source updated time falls in
   * the window, sorted; with `since` null, every record. Lets a child stream (e.g. Lever offers per
   * opportunity) re-fetch only for parents that changed. With `having`, only records whose
   * version in the window has that top-level field set (not null), e.g. Workable candidates with
   * `moved_to_offer_at`, the only ones that can have an offer.
   */
  idsUpdatedIn(stream: string, window: SyncWindow, opts?: { readonly having?: string }): Promise<string[]>;
}

export interface StreamReadRequest {
  readonly window: SyncWindow;
  readonly landed: LandedRecords;
  /** Carry on from a page a crashed run had reached (a `resume` it checkpointed). */
  readonly resume: string | null;
  /** What the last completed window left for this one (its last page's `syncState`); null on a first or full-refresh run. */
  readonly syncState: string | null;
  readonly signal: AbortSignal;
}

/**
 * One stream of a source, declared as data plus a reader (dlt resource / Nango sync style).
 * The runner does windows, checkpoints and landing; the reader only talks to the vendor.
 */
export interface StreamDefinition<S = unknown> {
  readonly name: string;
  /** incremental: filtered by an updated-time window; full: re-read whole every run. */
  readonly sync: 'incremental' | 'full';
  /**
   * Voluntary self-identification answers: read only for connections with `demographics: true`,
   * into their own raw table (never in the same records as the person's identity).
   */
  readonly demographics?: boolean;
  /** Streams that must finish (in this run) before this one starts; it is skipped if one fails. */
  readonly after?: readonly string[];
  /** The record's key as a dotted path (e.g. `id`), when it is one field: the data behind recordId. */
  readonly primaryKey?: string;
  /** The record's updated time as a dotted path (e.g. `updated_at`); null: records carry none. */
  readonly cursorField?: string | null;
  recordId(record: unknown): string;
  /** The record's source updated time, when it has one (ISO string or epoch ms). */
  updatedAt(record: unknown): string | number | null;
  read(session: S, request: StreamReadRequest): AsyncIterable<StreamPage>;
  /** Raised when a checkpointed `resume` is no longer usable (e.g. an expired cursor): restart the window. */
  isStaleResume?(err: unknown): boolean;
}

export interface SourceSessionDeps {
  readonly redactor: Redactor;
  readonly onHttpEvent: (e: HttpEvent) => void;
  /** The run's interrupt: whatever `open` waits for (a token) must give up on it. */
  readonly signal: AbortSignal;
}

/** What a source opens per run: its authenticated HTTP client and anything streams share. */
export interface SourceSession {
  close(): Promise<void>;
}

export interface SourceDefinition<C extends ConnectionBase = ConnectionBase, S extends SourceSession = SourceSession> {
  readonly name: string;
  /** Validates a whole connection entry (common fields plus the source's own). */
  readonly connectionSchema: z.ZodType<C>;
  /** Values to keep out of logs, errors and the warehouse. */
  secrets(connection: C): string[];
  readonly streams: readonly StreamDefinition<S>[];
  /** Where its records hold a person's data and how it shows an erasure (src/privacy); none: nothing is purged. */
  readonly personalData?: PersonalDataMap;
  open(connection: C, deps: SourceSessionDeps): Promise<S>;
}

/**
 * The streams a connection reads: those its `streams:` list names (default all), demographic ones
 * only with `demographics: true`. Extraction and `hirelake status` both go by this.
 */
export function connectionStreams<S>(source: SourceDefinition<ConnectionBase, SourceSession> | SourceDefinition<any, any>, connection: ConnectionBase): readonly StreamDefinition<S>[] {
  const wanted = connection.streams ? new Set(connection.streams) : null;
  return (source.streams as readonly StreamDefinition<S>[]).filter((s) => (!wanted || wanted.has(s.name)) && (!s.demographics || connection.demographics));
}

/** Identity helper for type inference when declaring a source. */
export function defineSource<C extends ConnectionBase, S extends SourceSession>(def: SourceDefinition<C, S>): SourceDefinition<C, S> {
  return def;
}

/**
 * A stream as declared: the key and cursor as data (`primaryKey`, `cursorField` paths, like dlt's
 * resource hints), or as functions for vendors whose keys need code (composite or derived ids).
 */
export type StreamDeclaration<S> = Omit<StreamDefinition<S>, 'recordId' | 'updatedAt'> &
  Partial<Pick<StreamDefinition<S>, 'recordId' | 'updatedAt'>>;

export function defineStream<S>(def: StreamDeclaration<S>): StreamDefinition<S> {
  const { primaryKey, cursorField } = def;
  const recordId = def.recordId ?? (primaryKey ? (r: unknown) => keyAt(r, primaryKey, def.name) : undefined);
  if (!recordId) throw new Error(`stream ${def.name}: declare primaryKey (a path) or recordId (a function)`);
  const updatedAt =
    def.updatedAt ?? (cursorField ? (r: unknown) => (getPath(r, cursorField) as string | number | null | undefined) ?? null : cursorField === null ? () => null : undefined);
  if (!updatedAt) throw new Error(`stream ${def.name}: declare cursorField (a path, or null) or updatedAt (a function)`);
  return { ...def, recordId, updatedAt };
}

function keyAt(record: unknown, path: string, stream: string): string {
  const v = getPath(record, path);
  if (v === undefined || v === null || v === '') throw new Error(`a ${stream} record has no ${path}, its key`);
  return String(v);
}
