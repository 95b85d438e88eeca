import { bodyCursorPaginator, paginate, type HttpClient, type HttpRequest } from '../../src/http/index.ts';
import { childStream } from '../../src/extract/fan-out.ts';
import { defineStream, type StreamDefinition, type StreamPage, type StreamReadRequest } from '../../src/extract/source.ts';
import type { AshbyConnection } from './config.ts';
import { ashbyErrorCode } from './errors.ts';
import type { AshbySession } from './session.ts';

type Body = Record<string, unknown>;

const DAY = 86_400_000;

/** Ashby's list envelope: `results`, more pages while `moreDataAvailable` (a last page may still carry a cursor). */
const paginator = bodyCursorPaginator<Record<string, unknown>>({ itemsPath: 'results', cursorPath: 'nextCursor', hasMorePath: 'moreDataAvailable', cursorParam: 'cursor' });

function pages(client: HttpClient, endpoint: string, body: Body, signal: AbortSignal) {
  const first: HttpRequest = { method: 'POST', url: `/${endpoint}`, body: JSON.stringify(body), retrySafe: true };
  return paginate<Record<string, unknown>>(client, first, paginator, { signal });
}

/** Codes after which a sync token cannot be used: read everything again (Ashby's documented recovery). */
const TOKEN_REFUSED = new Set(['sync_token_expired', 'sync_token_invalid', 'incremental_sync_too_large']);
/** Codes after which a page cursor cannot be used: start the pass again. */
const CURSOR_REFUSED = new Set(['next_cursor_expired', 'invalid_next_cursor']);

/** What a sync-token stream keeps from one run to the next (the checkpoint's syncState). */
interface SyncState {
  /** Ashby's token from the last page of the last complete pass */
  token: string | null;
  /** when the last full pass (one that reconciled deletions) ended */
  fullAt: string | null;
}

/** Where a pass stopped: the next page's cursor and the token the pass was started with. */
interface PassResume {
  cursor: string;
  token: string | null;
}

function parseState(text: string | null): SyncState {
  if (!text) return { token: null, fullAt: null };
  const v = JSON.parse(text) as Partial<SyncState>;
  return { token: typeof v.token === 'string' ? v.token : null, fullAt: typeof v.fullAt === 'string' ? v.fullAt : null };
}

/** Whether this read should ignore the token and re-read everything (reconciling deletions). */
function resyncDue(conn: AshbyConnection, state: SyncState, until: Date): boolean {
  if (state.token === null) return true;
  if (conn.full_resync_days === null || state.fullAt === null) return false;
  return until.getTime() - Date.parse(state.fullAt) >= conn.full_resync_days * DAY;
}

interface SyncListSpec {
  /** stream name */
  readonly name: string;
  /** e.g. 'application.list' */
  readonly endpoint: string;
  /** filters sent on every page */
  readonly body?: (conn: AshbyConnection) => Body;
  /** the record's updated time as a path; null when Ashby gives none */
  readonly cursorField: string | null;
}

/**
 * A list endpoint with Ashby's incremental sync. The first read (and any read without a usable
 * token) lists everything; its last page carries a syncToken, kept in the checkpoint with that
 * page, and the next run sends it to get only what changed since. Pages checkpoint their cursor, so
 * a crashed run carries on from the page after the last one landed.
 *
 * Ashby's increments do not report deletions, so a full pass (the first, one every
 * full_resync_days, or after Ashby refuses a token) also lands tombstones for records this
 * connection has but Ashby no longer lists.
 */
function syncList(spec: SyncListSpec): StreamDefinition<AshbySession> {
  return defineStream<AshbySession>({
    name: spec.name,
    sync: 'incremental',
    primaryKey: 'id',
    cursorField: spec.cursorField,
    async *read(session, req: StreamReadRequest): AsyncIterable<StreamPage> {
      const conn = session.connection;
      const state = parseState(req.syncState);
      const resumed: PassResume | null = req.resume ? (JSON.parse(req.resume) as PassResume) : null;
      let token = resumed ? resumed.token : resyncDue(conn, state, req.window.until) ? null : state.token;
      let cursor = resumed?.cursor ?? null;
      for (let attempt = 0; ; attempt++) {
        // A full pass read in one go knows every id Ashby lists; one resumed mid-way does not.
        const seen = token === null && cursor === null ? new Set<string>() : null;
        const body: Body = { limit: conn.page_size, ...spec.body?.(conn), ...(token === null ? {} : { syncToken: token }), ...(cursor === null ? {} : { cursor }) };
        try {
          for await (const page of pages(session.http, spec.endpoint, body, req.signal)) {
            for (const r of page.items) seen?.add(String(r['id']));
            if (page.next) {
              const next = JSON.parse(String(page.next.body)) as { cursor: string };
              yield { records: page.items, resume: JSON.stringify({ cursor: next.cursor, token } satisfies PassResume) };
              continue;
            }
            const syncToken = (page.response.json as { syncToken?: unknown }).syncToken;
            const after: SyncState = {
              token: typeof syncToken === 'string' && syncToken !== '' ? syncToken : null,
              fullAt: token === null ? req.window.until.toISOString() : state.fullAt,
            };
            const tombstones = seen ? await missing(req, spec.name, seen) : [];
            yield { records: page.items, tombstones, resume: null, syncState: JSON.stringify(after) };
          }
          return;
        } catch (err) {
          const code = ashbyErrorCode(err);
          if (attempt < 2 && code !== undefined && token !== null && TOKEN_REFUSED.has(code)) {
            // Ashby: discard the token and perform a full sync. Pages already landed stay (re-landing is harmless).
            token = null;
            cursor = null;
            continue;
          }
          if (attempt < 2 && code !== undefined && CURSOR_REFUSED.has(code)) {
            cursor = null;
            continue;
          }
          throw err;
        }
      }
    },
  });
}

/** Tombstones for the records this connection has landed that a full pass no longer lists. */
async function missing(req: StreamReadRequest, stream: string, seen: ReadonlySet<string>): Promise<{ id: string; deletedAt: null }[]> {
  const landed = await req.landed.idsUpdatedIn(stream, { since: null, until: req.window.until });
  return landed.filter((id) => !seen.has(id)).map((id) => ({ id, deletedAt: null }));
}

/** A small list without sync tokens (or paging): re-read whole every run. */
function snapshotList(name: string, endpoint: string, body: Body): StreamDefinition<AshbySession> {
  return defineStream<AshbySession>({
    name,
    sync: 'full',
    primaryKey: 'id',
    cursorField: null,
    async *read(session, req): AsyncIterable<StreamPage> {
      const records: unknown[] = [];
      for await (const page of pages(session.http, endpoint, body, req.signal)) records.push(...page.items);
      yield { records, resume: null };
    },
  });
}

/** Every page of a per-parent list; an empty list when Ashby says the parent is gone. */
async function allOf(client: HttpClient, endpoint: string, body: Body, gone: string, signal: AbortSignal): Promise<Record<string, unknown>[] | null> {
  const out: Record<string, unknown>[] = [];
  try {
    for await (const page of pages(client, endpoint, body, signal)) out.push(...page.items);
  } catch (err) {
    // Deleted (or merged away) after it was landed: its tombstone comes with the next full pass.
    if (ashbyErrorCode(err) === gone) return null;
    throw err;
  }
  return out;
}

export const ashbyStreams: readonly StreamDefinition<AshbySession>[] = [
  syncList({
    name: 'applications', endpoint: 'application.list', cursorField: 'updatedAt',
    body: (c) => (c.start_date ? { createdAfter: c.start_date.getTime() } : {}),
  }),
  // One record per application: its whole history as Ashby lists it now (entries can be edited or
  // deleted in Ashby, so the latest version of this record is the truth).
  childStream<AshbySession>({
    name: 'application_history',
    parent: 'applications',
    primaryKey: 'applicationId',
    cursorField: null,
    async children(session, applicationId, signal) {
      const history = await allOf(session.history, 'application.listHistory', { applicationId, limit: 100 }, 'application_not_found', signal);
      return history === null ? [] : [{ applicationId, applicationHistory: history }];
    },
  }),
  syncList({ name: 'candidates', endpoint: 'candidate.list', cursorField: 'updatedAt' }),
  // Drafts are listed only when asked for by status.
  syncList({ name: 'jobs', endpoint: 'job.list', cursorField: 'updatedAt', body: () => ({ status: ['Draft', 'Open', 'Closed', 'Archived'] }) }),
  syncList({ name: 'interview_plans', endpoint: 'interviewPlan.list', cursorField: 'updatedAt', body: () => ({ includeArchived: true }) }),
  // Stages are listed per plan and have no sync token: every plan's stages are re-read every run, so
  // a renamed stage is seen whether or not Ashby moved its plan's updatedAt.
  childStream<AshbySession>({
    name: 'interview_stages',
    parent: 'interview_plans',
    primaryKey: 'interviewPlanId',
    cursorField: null,
    everyParent: () => true,
    async children(session, interviewPlanId, signal) {
      const stages = await allOf(session.http, 'interviewStage.list', { interviewPlanId }, 'interview_plan_not_found', signal);
      return stages === null ? [] : [{ interviewPlanId, interviewStages: stages }];
    },
  }),
  syncList({ name: 'interviews', endpoint: 'interview.list', cursorField: null, body: () => ({ includeArchived: true, includeNonSharedInterviews: true }) }),
  syncList({
    name: 'interview_schedules', endpoint: 'interviewSchedule.list', cursorField: 'updatedAt',
    body: (c) => (c.start_date ? { createdAfter: c.start_date.getTime() } : {}),
  }),
  syncList({
    name: 'application_feedback', endpoint: 'applicationFeedback.list', cursorField: 'submittedAt',
    body: (c) => (c.start_date ? { createdAfter: c.start_date.getTime() } : {}),
  }),
  syncList({ name: 'offers', endpoint: 'offer.list', cursorField: null }),
  syncList({ name: 'openings', endpoint: 'opening.list', cursorField: null }),
  snapshotList('sources', 'source.list', { includeArchived: true }),
  snapshotList('archive_reasons', 'archiveReason.list', { includeArchived: true }),
  syncList({ name: 'departments', endpoint: 'department.list', cursorField: 'updatedAt', body: () => ({ includeArchived: true }) }),
  syncList({ name: 'locations', endpoint: 'location.list', cursorField: null, body: () => ({ includeArchived: true }) }),
  syncList({ name: 'users', endpoint: 'user.list', cursorField: 'updatedAt', body: () => ({ includeDeactivated: true }) }),
];
