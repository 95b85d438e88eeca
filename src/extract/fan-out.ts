// A child stream: records that a vendor lists only per parent (Lever's offers per opportunity,
// Ashby's application history per application, Workable's activities per candidate). After the
// parent stream has landed, it fetches the children of the parents this connection landed with an
// updated time in the window (every parent on a first sync), a batch of parents at a time, and
// checkpoints after each batch: the resume token is the next parent id to fetch.
import { setMaxListeners } from 'node:events';
import { defineStream, type StreamDefinition, type StreamPage, type StreamReadRequest, type SyncWindow } from './source.ts';

export interface ChildStreamSpec<S> {
  readonly name: string;
  /** the parent stream, landed before this one */
  readonly parent: string;
  /** the key and updated time as data (paths) or functions, as in defineStream */
  readonly primaryKey?: string;
  readonly cursorField?: string | null;
  readonly recordId?: (record: unknown) => string;
  readonly updatedAt?: (record: unknown) => string | number | null;
  /** Every child of one parent (all pages); an empty list when the parent is gone. */
  children(session: S, parentId: string, signal: AbortSignal): Promise<unknown[]>;
  /**
   * Whether to fetch for every parent rather than those updated in the window (default: when the
   * window has no start). Vendors whose parents may lack an updated time say when that is so.
   */
  readonly everyParent?: (session: S, window: SyncWindow) => boolean;
  /** Only parents whose landed record has this top-level field set: the only ones that can have children. */
  readonly parentsHaving?: string;
  /** parents fetched concurrently per checkpoint (default 8) */
  readonly batch?: number;
}

export function childStream<S>(spec: ChildStreamSpec<S>): StreamDefinition<S> {
  const batch = spec.batch ?? 8;
  return defineStream<S>({
    name: spec.name,
    sync: 'incremental',
    after: [spec.parent],
    ...(spec.primaryKey !== undefined ? { primaryKey: spec.primaryKey } : {}),
    ...(spec.cursorField !== undefined ? { cursorField: spec.cursorField } : {}),
    ...(spec.recordId ? { recordId: spec.recordId } : {}),
    ...(spec.updatedAt ? { updatedAt: spec.updatedAt } : {}),
    async *read(session: S, req: StreamReadRequest): AsyncIterable<StreamPage> {
      const every = spec.everyParent ? spec.everyParent(session, req.window) : req.window.since === null;
      const window = every ? { since: null, until: req.window.until } : req.window;
      const ids = await req.landed.idsUpdatedIn(spec.parent, window, spec.parentsHaving ? { having: spec.parentsHaving } : {});
      let i = req.resume === null ? 0 : ids.findIndex((id) => id >= req.resume!);
      if (i < 0) return;
      // A batch's requests all listen on one signal; a derived one keeps Node's listener warning quiet.
      const signal = AbortSignal.any([req.signal]);
      setMaxListeners(batch * 8, signal);
      for (; i < ids.length; i += batch) {
        const lists = await Promise.all(ids.slice(i, i + batch).map((id) => spec.children(session, id, signal)));
        yield { records: lists.flat(), resume: ids[i + batch] ?? null };
      }
    },
  });
}
