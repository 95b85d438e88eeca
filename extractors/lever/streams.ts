import { HttpError, offsetTokenPaginator, paginate, type HttpRequest } from '../../src/http/index.ts';
import { defineStream, type StreamDefinition, type StreamPage, type StreamReadRequest, type SyncWindow } from '../../src/extract/source.ts';
import { childStream } from '../../src/extract/fan-out.ts';
import type { LeverConnection } from './config.ts';
import type { LeverSession } from './session.ts';

type LeverRecord = { id?: string; text?: string; updatedAt?: number | null; deletedAt?: number | null };


/**
 * A first sync must not filter on time at all: Lever leaves `updatedAt` null on opportunities
 * nobody has touched since the field was introduced, and any updated_at filter drops them. With a
 * start_date, the first window starts there; it still counts as the first sync.
 */
export function isFirstSync(connection: LeverConnection, window: SyncWindow): boolean {
  return window.since === null || (connection.start_date !== undefined && window.since.getTime() <= connection.start_date.getTime());
}

/**
 * Lever's time filters are inclusive epoch-ms bounds; the runner's window is [since, until). A
 * first sync gets `firstSync` instead (no time filter, or a creation bound).
 */
export function timeFilter(prefix: string, connection: LeverConnection, window: SyncWindow, firstSync: Record<string, number> = {}): Record<string, number> {
  if (isFirstSync(connection, window)) return firstSync;
  return { [`${prefix}_start`]: window.since!.getTime(), [`${prefix}_end`]: window.until.getTime() - 1 };
}

/** History before start_date is skipped by creation time, which null-updatedAt opportunities still have. */
const createdSinceStartDate = (c: LeverConnection): Record<string, number> => (c.start_date ? { created_at_start: c.start_date.getTime() } : {});

function pages(session: LeverSession, first: HttpRequest, signal: AbortSignal) {
  return paginate<unknown>(session.http, first, offsetTokenPaginator(), { signal });
}

/** Lever answers a stale or garbled offset token with 400 "Invalid offset token". */
const isStaleOffset = (err: unknown) => err instanceof HttpError && err.status === 400 && /offset/i.test(err.message);

/** Where a two-phase stream stopped: in the live list or in the deleted list, and at which page. */
interface PhaseResume {
  phase: 'live' | 'deleted';
  next: string | null;
}

/**
 * A resource with a `/deleted` twin (opportunities, postings): changed records in the window,
 * then the records deleted in the window, landed in the same raw table as tombstones so the
 * latest-version view marks them deleted.
 */
function withDeletions(
  name: string,
  query: Record<string, string>,
  firstSync: (c: LeverConnection) => Record<string, number> = () => ({}),
): StreamDefinition<LeverSession> {
  const path = `/${name}`;
  return defineStream<LeverSession>({
    name,
    sync: 'incremental',
    primaryKey: 'id',
    cursorField: 'updatedAt',
    async *read(session, req: StreamReadRequest): AsyncIterable<StreamPage> {
      const conn = session.connection;
      const at: PhaseResume = req.resume ? (JSON.parse(req.resume) as PhaseResume) : { phase: 'live', next: null };
      if (at.phase === 'live') {
        const first = at.next ? { url: at.next } : { url: path, query: { limit: conn.page_size, ...query, ...timeFilter('updated_at', conn, req.window, firstSync(conn)) } };
        for await (const page of pages(session, first, req.signal)) {
          const resume: PhaseResume = page.next ? { phase: 'live', next: page.next.url } : { phase: 'deleted', next: null };
          yield { records: page.items, resume: JSON.stringify(resume) };
        }
        at.next = null;
      }
      const first = at.next ? { url: at.next } : { url: `${path}/deleted`, query: { limit: conn.page_size, ...timeFilter('deleted_at', conn, req.window) } };
      for await (const page of pages(session, first, req.signal)) {
        const tombstones = (page.items as LeverRecord[]).map((r) => ({ id: String(r.id), deletedAt: r.deletedAt ?? null, payload: r }));
        yield { records: [], tombstones, resume: page.next ? JSON.stringify({ phase: 'deleted', next: page.next.url } satisfies PhaseResume) : null };
      }
    },
    isStaleResume: isStaleOffset,
  });
}

/** Small reference lists without a usable updated filter: re-read whole every run. */
function fullList(name: string, query: Record<string, string> = {}, keys: { primaryKey?: string; cursorField?: string | null } = {}): StreamDefinition<LeverSession> {
  return defineStream<LeverSession>({
    name,
    sync: 'full',
    primaryKey: keys.primaryKey ?? 'id',
    cursorField: keys.cursorField ?? null,
    async *read(session, req): AsyncIterable<StreamPage> {
      const first = req.resume ? { url: req.resume } : { url: `/${name}`, query: { limit: session.connection.page_size, ...query } };
      for await (const page of pages(session, first, req.signal)) yield { records: page.items, resume: page.next?.url ?? null };
    },
    isStaleResume: isStaleOffset,
  });
}

/** Opportunities fetched per page of a child stream: one checkpoint per batch, fetched side by side. */
/**
 * Offers, interviews and feedback exist only per opportunity: re-fetched for the opportunities this
 * connection landed with an updated time in the window (all of them on a first sync), 25 at a time.
 */
function perOpportunity(name: 'offers' | 'interviews' | 'feedback' | 'forms', cursorField: string | null): StreamDefinition<LeverSession> {
  return childStream<LeverSession>({
    name,
    parent: 'opportunities',
    primaryKey: 'id',
    cursorField,
    batch: 25,
    everyParent: (session, window) => isFirstSync(session.connection, window),
    children: (session, id, signal) => childrenOf(session, id, name, signal),
  });
}

async function childrenOf(session: LeverSession, opportunityId: string, name: string, signal: AbortSignal): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    const first = { url: `/opportunities/${encodeURIComponent(opportunityId)}/${name}`, query: { limit: 100 } };
    for await (const page of pages(session, first, signal)) {
      // Offers and feedback do not name their opportunity; staging needs it to join them.
      for (const r of page.items as Record<string, unknown>[]) out.push('opportunityId' in r ? r : { ...r, opportunityId });
    }
  } catch (err) {
    // Deleted after it was landed: its tombstone is (or will be) in the opportunities table.
    if (err instanceof HttpError && err.kind === 'not_found') return [];
    throw err;
  }
  return out;
}

/**
 * EEO survey answers, opt-in (demographics: true). The PII variant is read because only it names
 * the opportunity an answer belongs to (the anonymous one gives the current stage alone, so no
 * funnel by furthest stage could be built from it). It has no documented change filter: read
 * whole every run. Only the ids and the four answers reach core (README: Privacy).
 */
const eeoResponses = defineStream<LeverSession>({
  name: 'eeo_responses',
  sync: 'full',
  demographics: true,
  primaryKey: 'opportunityId',
  cursorField: null,
  async *read(session, req): AsyncIterable<StreamPage> {
    const first = req.resume ? { url: req.resume } : { url: '/eeo/responses/pii', query: { limit: session.connection.page_size } };
    for await (const page of pages(session, first, req.signal)) yield { records: page.items, resume: page.next?.url ?? null };
  },
  isStaleResume: isStaleOffset,
});

export const leverStreams: readonly StreamDefinition<LeverSession>[] = [
  // expand=applications inlines the one application per opportunity: its posting is the job.
  withDeletions('opportunities', { confidentiality: 'all', expand: 'applications' }, createdSinceStartDate),
  withDeletions('postings', { confidentiality: 'all' }),
  fullList('requisitions', { confidentiality: 'all' }, { cursorField: 'updatedAt' }),
  fullList('stages'),
  fullList('archive_reasons'),
  // Sources have no id: the text is the key.
  fullList('sources', {}, { primaryKey: 'text' }),
  fullList('users', { includeDeactivated: 'true' }),
  perOpportunity('offers', null),
  perOpportunity('interviews', null),
  perOpportunity('feedback', 'updatedAt'),
  // Custom fields: profile forms per opportunity, the requisition field schema (values are on requisitions).
  perOpportunity('forms', null),
  fullList('requisition_fields'),
  eeoResponses,
];
