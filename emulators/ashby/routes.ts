// The RPC endpoints the emulator serves: `POST /<category>.<method>` with a JSON body, answered
// with Ashby's `{ success, results, moreDataAvailable, nextCursor, syncToken }` envelope. Errors are
// thrown as ApiError and become `{ success: false, errors: [code], errorInfo: { code, message,
// requestId } }` bodies (HTTP 200 for request errors, as Ashby sends them).
import type { Application } from '../world/index.ts';
import { decodeCursor, decodeSyncToken, encodeCursor, encodeSyncToken, slice, type ListRow, type Pass } from './paging.ts';
import * as render from './render.ts';
import type { AshbyView, Snapshot } from './view.ts';

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status = 200) {
    super(message);
  }
}

const invalidInput = (field: string, expected: string, got: unknown) =>
  new ApiError('invalid_input', `${field}: Invalid input: expected ${expected}, received ${got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got}`);

/** A request body with typed, validated accessors (Ashby ignores fields it does not know). */
export class Body {
  constructor(readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalidInput(name, 'string', v);
    return v;
  }

  required(name: string): string {
    const v = this.str(name);
    if (v === undefined) throw invalidInput(name, 'string', undefined);
    return v;
  }

  bool(name: string): boolean {
    const v = this.raw[name];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw invalidInput(name, 'boolean', v);
    return v;
  }

  /** epoch milliseconds (Ashby's int64 time filters) */
  millis(name: string): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidInput(name, 'integer', v);
    return v;
  }

  strings(name: string, allowed: readonly string[]): readonly string[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length === 0) throw invalidInput(name, 'non-empty array', v);
    for (const x of v) {
      if (typeof x !== 'string' || !allowed.includes(x)) throw new ApiError('invalid_input', `${name}: Invalid option: expected one of ${allowed.map((a) => `"${a}"`).join('|')}`);
    }
    return v as string[];
  }

  /** page size: the maximum and default is 100 */
  limit(): number {
    const v = this.raw['limit'];
    if (v === undefined || v === null) return 100;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw invalidInput('limit', 'positive integer', v);
    return Math.min(v, 100);
  }
}

export interface ListState {
  readonly view: AshbyView;
  /** bumped to expire every outstanding cursor / sync token */
  cursorGeneration: number;
  tokenGeneration: number;
  /** incremental passes longer than this many pages fail with incremental_sync_too_large */
  maxIncrementalPages: number | undefined;
}

type Json = Record<string, unknown>;

/**
 * One page of a paginated list. `syncable` endpoints accept `syncToken` and return one on the last
 * page of a pass; `keep` applies the endpoint's filters (the same on every page of a pass).
 */
function list<T extends ListRow>(st: ListState, endpoint: string, rows: readonly T[], body: Body, syncable: boolean, keep: (r: T) => boolean = () => true): Json {
  const limit = body.limit();
  let pass: Pass;
  const cursor = body.str('cursor');
  if (cursor !== undefined) {
    const p = decodeCursor(cursor);
    if (!p || p.e !== endpoint) throw new ApiError('invalid_next_cursor', 'The cursor could not be decoded: start the listing again without a cursor.');
    if (p.g !== st.cursorGeneration) throw new ApiError('next_cursor_expired', 'The cursor has expired: start the listing again without a cursor.');
    pass = p;
  } else {
    let since: number | null = null;
    const token = syncable ? body.str('syncToken') : undefined;
    if (token !== undefined) {
      const t = decodeSyncToken(token);
      if (!t || t.e !== endpoint) throw new ApiError('sync_token_invalid', 'The syncToken could not be decoded: discard it and perform a full sync.');
      if (t.g !== st.tokenGeneration) throw new ApiError('sync_token_expired', 'The syncToken has expired: discard it and perform a full sync.');
      since = t.a;
    }
    pass = { e: endpoint, s: since, a: st.view.now, k: null, p: 0, g: st.cursorGeneration };
  }
  if (pass.s !== null && st.maxIncrementalPages !== undefined && pass.p >= st.maxIncrementalPages) {
    throw new ApiError('incremental_sync_too_large', `Incremental syncs are limited to ${st.maxIncrementalPages} pages: discard the syncToken and perform a full sync.`);
  }
  const since = pass.s;
  // A change in the very millisecond the token was issued may have come after the pass read the
  // record: it is returned again rather than lost.
  const { items, more } = slice(rows, pass.k, limit, (r) => (since === null || r.changedAt >= since) && keep(r));
  const out: Json = { success: true, results: items.map((r) => r.render()), moreDataAvailable: more };
  if (more) out['nextCursor'] = encodeCursor({ ...pass, k: items[items.length - 1]!.key, p: pass.p + 1 });
  else if (syncable) out['syncToken'] = encodeSyncToken({ e: endpoint, a: pass.a, g: st.tokenGeneration });
  return out;
}

const APPLICATION_STATUS = ['Hired', 'Archived', 'Active', 'Lead'] as const;
const JOB_STATUS = ['Draft', 'Open', 'Closed', 'Archived'] as const;
const ACCEPTANCE = ['Accepted', 'Declined', 'Pending', 'Created', 'Cancelled', 'WaitingOnResponse'] as const;
const OFFER_STATUS = ['WaitingOnApprovalStart', 'WaitingOnOfferApproval', 'WaitingOnApprovalDefinition', 'WaitingOnCandidateResponse', 'CandidateRejected', 'CandidateAccepted', 'OfferCancelled'] as const;

const createdAfter = (body: Body) => {
  const after = body.millis('createdAfter');
  return (r: ListRow) => after === undefined || r.key[0] > after;
};

export interface Endpoint {
  /** for fault targeting and permission checks, e.g. 'application.list' */
  readonly name: string;
  run(body: Body): Json;
}

/** Every endpoint the emulator serves, by path (`/application.list`). */
export function endpoints(st: ListState): ReadonlyMap<string, Endpoint> {
  const snap = (): Snapshot => st.view.snapshot();
  const { ctx } = st.view;
  const table: Record<string, (body: Body) => Json> = {
    'application.list': (b) => {
      const status = b.str('status');
      if (status !== undefined && !(APPLICATION_STATUS as readonly string[]).includes(status)) throw new ApiError('invalid_input', `status: Invalid option: expected one of ${APPLICATION_STATUS.join('|')}`);
      const jobId = b.str('jobId');
      const after = createdAfter(b);
      return list(st, 'application.list', snap().applications, b, true, (r) => (status === undefined || r.status === status) && (jobId === undefined || r.jobId === jobId) && after(r));
    },
    'application.listHistory': (b) => {
      const app = applicationOf(snap(), b.required('applicationId'));
      const rows = render.renderHistory(ctx, app).map((h, i): ListRow => ({ key: [i, String(h['id'])], changedAt: app.updatedAt, render: () => h }));
      return list(st, 'application.listHistory', rows, b, false);
    },
    'applicationFeedback.list': (b) => {
      const applicationId = b.str('applicationId');
      const after = createdAfter(b);
      return list(st, 'applicationFeedback.list', snap().feedback, b, true, (r) => (applicationId === undefined || r.applicationId === applicationId) && after(r));
    },
    'archiveReason.list': (b) => {
      const all = b.bool('includeArchived');
      return { success: true, results: snap().archiveReasons.map((r) => r.render()).filter((r) => all || r['isArchived'] !== true) };
    },
    'candidate.list': (b) => list(st, 'candidate.list', snap().candidates, b, true, createdAfter(b)),
    'department.list': (b) => {
      const all = b.bool('includeArchived');
      return list(st, 'department.list', snap().departments, b, true, (r) => all || r.render()['isArchived'] !== true);
    },
    'interview.list': (b) => {
      b.bool('includeArchived');
      const nonShared = b.bool('includeNonSharedInterviews');
      // Every interview here belongs to a job: without includeNonSharedInterviews none is listed.
      return list(st, 'interview.list', snap().interviews, b, true, () => nonShared);
    },
    'interviewPlan.list': (b) => {
      const all = b.bool('includeArchived');
      return list(st, 'interviewPlan.list', snap().plans, b, true, (r) => all || !r.archived);
    },
    'interviewSchedule.list': (b) => {
      const applicationId = b.str('applicationId');
      const stageId = b.str('interviewStageId');
      const after = createdAfter(b);
      return list(st, 'interviewSchedule.list', snap().schedules, b, true,
        (r) => (applicationId === undefined || r.applicationId === applicationId) && (stageId === undefined || r.stageId === stageId) && after(r));
    },
    'interviewStage.list': (b) => {
      const planId = b.required('interviewPlanId');
      const job = snap().planById.get(planId);
      if (!job) throw new ApiError('interview_plan_not_found', `No interview plan with id ${planId}`);
      return { success: true, results: render.planStages(ctx, job).map((s) => render.renderStage(ctx, job, s)), moreDataAvailable: false };
    },
    'job.list': (b) => {
      // Drafts are listed only when asked for by status.
      const status = b.strings('status', JOB_STATUS) ?? ['Open', 'Closed', 'Archived'];
      return list(st, 'job.list', snap().jobs, b, true, (r) => status.includes(r.status));
    },
    'location.list': (b) => {
      const all = b.bool('includeArchived');
      b.bool('includeLocationHierarchy');
      return list(st, 'location.list', snap().locations, b, true, (r) => all || r.render()['isArchived'] !== true);
    },
    'offer.list': (b) => {
      const applicationId = b.str('applicationId');
      const acceptance = b.strings('acceptanceStatus', ACCEPTANCE);
      const offerStatus = b.strings('offerStatus', OFFER_STATUS);
      return list(st, 'offer.list', snap().offers, b, true,
        (r) => (applicationId === undefined || r.applicationId === applicationId) && (!acceptance || acceptance.includes(r.acceptanceStatus)) && (!offerStatus || offerStatus.includes(r.offerStatus)));
    },
    'opening.list': (b) => list(st, 'opening.list', snap().openings, b, true, createdAfter(b)),
    'source.list': (b) => {
      const all = b.bool('includeArchived');
      return { success: true, results: snap().sources.map((r) => r.render()).filter((r) => all || r['isArchived'] !== true), moreDataAvailable: false };
    },
    'user.list': (b) => {
      const all = b.bool('includeDeactivated');
      return list(st, 'user.list', snap().users, b, true, (r) => all || r.enabled);
    },
    'apiKey.info': () => ({
      success: true,
      results: {
        title: 'hirelake emulator key',
        createdAt: render.iso(st.view.world.start),
        scopes: ['candidates:read', 'jobs:read', 'interviews:read', 'hiringProcessMetadata:read', 'organization:read', 'offers:read'],
      },
    }),
  };
  return new Map(Object.entries(table).map(([name, run]) => [`/${name}`, { name, run }]));
}

function applicationOf(snap: Snapshot, id: string): Application {
  const app = snap.applicationById.get(id);
  if (!app) throw new ApiError('application_not_found', `No application with id ${id}`);
  return app;
}
