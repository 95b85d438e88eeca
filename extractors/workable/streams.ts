import { childStream } from '../../src/extract/fan-out.ts';
import { defineStream, type StreamDefinition, type StreamPage, type SyncWindow } from '../../src/extract/source.ts';
import { bodyNextUrlPaginator, HttpError, paginate, type HttpRequest } from '../../src/http/index.ts';
import type { WorkableConnection } from './config.ts';
import type { WorkableSession } from './session.ts';

/**
 * A first sync reads everything (from start_date on, by creation); later windows read what was
 * updated since the window's start.
 */
export function isFirstSync(connection: WorkableConnection, window: SyncWindow): boolean {
  return window.since === null || (connection.start_date !== undefined && window.since.getTime() <= connection.start_date.getTime());
}

/** Workable compares whole seconds ("2026-07-23T18:58:15Z"); rounding down never skips a change. */
const wholeSeconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * `updated_after` for an incremental window. There is no upper bound: changes made after the
 * window's end are read now and again by the next window, which the latest-version views absorb.
 */
function timeFilter(connection: WorkableConnection, window: SyncWindow): Record<string, string> {
  if (!isFirstSync(connection, window)) return { updated_after: wholeSeconds(window.since!) };
  return connection.start_date ? { created_after: wholeSeconds(connection.start_date) } : {};
}

function pages(session: WorkableSession, first: HttpRequest, itemsPath: string, signal: AbortSignal) {
  return paginate<unknown>(session.http, first, bodyNextUrlPaginator({ itemsPath, nextPath: 'paging.next' }), { signal });
}

/**
 * A top-level list (`{<name>: [...], paging: {next}}`), walked by its next-page URLs; a checkpoint
 * is the next URL. Incremental lists filter on `updated_after`; Workable lists no deletions.
 */
function list(name: string, opts: { incremental: boolean; primaryKey?: string; query?: Record<string, string>; bare?: boolean }): StreamDefinition<WorkableSession> {
  return defineStream<WorkableSession>({
    name,
    sync: opts.incremental ? 'incremental' : 'full',
    primaryKey: opts.primaryKey ?? 'id',
    cursorField: opts.incremental ? 'updated_at' : null,
    async *read(session, req): AsyncIterable<StreamPage> {
      const conn = session.connection;
      const query = { ...(opts.bare ? {} : { limit: conn.page_size }), ...opts.query, ...(opts.incremental ? timeFilter(conn, req.window) : {}) };
      const first: HttpRequest = req.resume ? { url: req.resume } : { url: `/${name}`, query };
      for await (const page of pages(session, first, opts.bare ? '' : name, req.signal)) yield { records: page.items, resume: page.next?.url ?? null };
    },
  });
}

/** Every page of a per-parent list; nothing when the parent is gone (deleted since it was landed). */
async function allOf(session: WorkableSession, path: string, itemsPath: string, signal: AbortSignal, named: (r: Record<string, unknown>) => Record<string, unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for await (const page of pages(session, { url: path, query: { limit: 100 } }, itemsPath, signal)) {
      for (const r of page.items as Record<string, unknown>[]) out.push(named(r));
    }
  } catch (err) {
    if (err instanceof HttpError && err.kind === 'not_found') return [];
    throw err;
  }
  return out;
}

const encoded = encodeURIComponent;

export const workableStreams: readonly StreamDefinition<WorkableSession>[] = [
  // Jobs are keyed by shortcode: candidates and every job endpoint name a job by it.
  list('jobs', { incremental: true, primaryKey: 'shortcode' }),
  list('candidates', { incremental: true }),
  // Stages are read for every job on every run: a stage renamed in the account changes no job.
  childStream<WorkableSession>({
    name: 'job_stages',
    parent: 'jobs',
    primaryKey: 'id',
    cursorField: null,
    batch: 10,
    everyParent: () => true,
    // Stage records do not name their job; staging needs it.
    children: (session, shortcode, signal) => allOf(session, `/jobs/${encoded(shortcode)}/stages`, 'stages', signal, (r) => ({ ...r, shortcode })),
  }),
  // The stage history: every activity of each candidate that changed (moves, disqualifications,
  // reverts, comments), read whole so a reverted disqualification is never half-seen.
  childStream<WorkableSession>({
    name: 'activities',
    parent: 'candidates',
    primaryKey: 'id',
    cursorField: 'updated_at',
    batch: 10,
    everyParent: (session, window) => isFirstSync(session.connection, window),
    // Activities do not name their candidate; staging needs it.
    children: (session, id, signal) => allOf(session, `/candidates/${encoded(id)}/activities`, 'activities', signal, (r) => ({ ...r, candidate_id: id })),
  }),
  // Only a candidate moved to an offer stage can have an offer; Workable shows its latest one.
  childStream<WorkableSession>({
    name: 'offers',
    parent: 'candidates',
    primaryKey: 'candidate.id',
    cursorField: null,
    parentsHaving: 'moved_to_offer_at',
    batch: 10,
    everyParent: (session, window) => isFirstSync(session.connection, window),
    async children(session, id, signal) {
      try {
        const res = await session.http.request({ url: `/candidates/${encoded(id)}/offer` }, { signal });
        return [res.json];
      } catch (err) {
        if (err instanceof HttpError && err.kind === 'not_found') return [];
        throw err;
      }
    },
  }),
  // Deactivated members too: records keep naming them.
  list('members', { incremental: false, query: { status: 'all' } }),
  list('departments', { incremental: false, bare: true }),
  list('disqualification_reasons', { incremental: false, bare: true }),
];
