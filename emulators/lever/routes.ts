// The /v1 endpoints: what each returns for a request, as data. Errors are thrown as ApiError and
// turned into Lever's `{code, message}` bodies by the server.
import { customFieldsOf, type Application } from '../world/index.ts';
import { CREATED_ORDER, OPPORTUNITY_ORDER, type LeverView, type OpportunityRow, type PostingRow, type Snapshot } from './view.ts';
import { compareKeys, decodeOffset, encodeOffset, InvalidOffset, keysetPage, type Directions, type SortKey } from './paging.ts';
import * as render from './render.ts';
import { eeoRows, renderEeoResponse } from './eeo.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const badRequest = (message: string) => new ApiError(400, 'BadRequestError', message);
const notFound = (what: string) => new ApiError(404, 'NotFoundError', `That ${what} doesn't exist on your account`);

export interface Routed {
  /** collection name, for fault targeting (e.g. 'opportunities', 'offers') */
  resource: string;
  /** path with ids replaced, for stats (e.g. '/v1/opportunities/:id/offers') */
  pattern: string;
  run(): unknown;
}

type Json = Record<string, unknown>;

function limitOf(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null) return 100;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 100)) throw badRequest(`Invalid limit '${raw}': must be an integer between 1 and 100`);
  return n;
}

function listBody<T>(rows: readonly T[], keyOf: (r: T) => SortKey, dirs: Directions, params: URLSearchParams, show: (r: T) => unknown): Json {
  const limit = limitOf(params);
  const raw = params.get('offset');
  let after: SortKey | null = null;
  if (raw !== null && raw !== '') {
    try {
      after = decodeOffset(raw, dirs, rows[0] === undefined ? undefined : keyOf(rows[0]));
    } catch (err) {
      if (err instanceof InvalidOffset) throw badRequest('Invalid offset token');
      throw err;
    }
  }
  const page = keysetPage(rows, keyOf, dirs, limit, after);
  // Lever omits `next` entirely on the last page.
  return { data: page.items.map(show), hasNext: page.next !== null, ...(page.next !== null ? { next: encodeOffset(page.next) } : {}) };
}

/** Inclusive epoch-ms bounds from `<name>_start` / `<name>_end`; null when neither is given. */
function rangeOf(params: URLSearchParams, name: string): [number, number] | null {
  const bound = (suffix: string, dflt: number): number => {
    const raw = params.get(`${name}_${suffix}`);
    if (raw === null || raw === '') return dflt;
    if (!/^-?\d+$/.test(raw)) throw badRequest(`Invalid ${name}_${suffix} '${raw}': expected a timestamp in milliseconds`);
    return Number(raw);
  };
  if (!params.has(`${name}_start`) && !params.has(`${name}_end`)) return null;
  return [bound('start', -Infinity), bound('end', Infinity)];
}

/** Rows whose `value` lies in the range; a null value never matches a range (Lever's null updatedAt). */
const inRange = (range: [number, number] | null, value: number | null): boolean => range === null || (value !== null && value >= range[0] && value <= range[1]);

function confidentialityOf(params: URLSearchParams): (confidential: boolean) => boolean {
  const v = params.get('confidentiality') ?? 'non-confidential';
  if (v === 'all') return () => true;
  if (v === 'confidential') return (c) => c;
  if (v === 'non-confidential') return (c) => !c;
  throw badRequest(`Invalid confidentiality '${v}': expected confidential, non-confidential or all`);
}

/** Repeatable params (`stage_id=a&stage_id=b`) are a union; absent means no filter. */
function anyOf(params: URLSearchParams, name: string): ((v: string | null) => boolean) {
  const values = params.getAll(name).flatMap((v) => v.split(',')).filter((v) => v !== '');
  if (values.length === 0) return () => true;
  const set = new Set(values);
  return (v) => v !== null && set.has(v);
}

function boolParam(params: URLSearchParams, name: string): boolean | undefined {
  const v = params.get(name);
  if (v === null) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  throw badRequest(`Invalid ${name} '${v}': expected true or false`);
}

function expandOf(params: URLSearchParams): render.ExpandOptions {
  const e = new Set(params.getAll('expand').flatMap((v) => v.split(',')));
  return { applications: e.has('applications'), stage: e.has('stage'), owner: e.has('owner') };
}

const rowKey = (r: { key: SortKey }) => r.key;

function listOpportunities(view: LeverView, snap: Snapshot, params: URLSearchParams): Json {
  const conf = confidentialityOf(params);
  const updated = rangeOf(params, 'updated_at');
  const created = rangeOf(params, 'created_at');
  const archivedAt = rangeOf(params, 'archived_at');
  const archived = boolParam(params, 'archived');
  const stage = anyOf(params, 'stage_id');
  const posting = anyOf(params, 'posting_id');
  const reason = anyOf(params, 'archive_reason_id');
  const rows = snap.opportunities.filter((r) =>
    conf(r.confidential) && inRange(updated, r.updatedAt) && inRange(created, r.createdAt) && inRange(archivedAt, r.archivedAt) &&
    (archived === undefined || archived === (r.archivedAt !== null)) && stage(r.stageId) && posting(r.postingId) && reason(r.archiveReasonId));
  const expand = expandOf(params);
  return listBody(rows, rowKey, OPPORTUNITY_ORDER, params, (r) => render.renderOpportunity(view.ctx, r.app, expand));
}

function listDeletedOpportunities(view: LeverView, snap: Snapshot, params: URLSearchParams): Json {
  const deleted = rangeOf(params, 'deleted_at');
  const rows = snap.deletedOpportunities.filter((d) => inRange(deleted, d.deletion.at));
  return listBody(rows, rowKey, CREATED_ORDER, params, (d) => ({
    ...render.renderOpportunity(view.ctx, d.row.app),
    deletedAt: d.deletion.at,
    deletedBy: view.ids.of('user', d.deletion.by),
  }));
}

function postingFilter(params: URLSearchParams): (r: PostingRow) => boolean {
  const conf = confidentialityOf(params);
  const updated = rangeOf(params, 'updated_at');
  const created = rangeOf(params, 'created_at');
  const states = anyOf(params, 'state');
  const STATE = { draft: 'draft', open: 'published', closed: 'closed' } as const;
  return (r) => conf(r.confidential) && inRange(updated, r.updatedAt) && inRange(created, r.createdAt) && states(STATE[r.state]);
}

function opportunityOf(snap: Snapshot, id: string): OpportunityRow {
  const row = snap.opportunityById.get(id);
  if (!row) throw notFound('opportunity');
  return row;
}

/** A per-opportunity sub-list, oldest first. */
function childList<T extends { createdAt: number }>(items: readonly T[], idOf: (t: T) => string, params: URLSearchParams, show: (t: T) => unknown): Json {
  const rows = items.map((t) => ({ t, key: [t.createdAt, idOf(t)] as SortKey })).sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));
  return listBody(rows, rowKey, CREATED_ORDER, params, (r) => show(r.t));
}

function childLists(view: LeverView, app: Application, kind: string, params: URLSearchParams): Json {
  const { world, ids, ctx } = view;
  switch (kind) {
    case 'applications':
      return { data: [render.renderApplication(ctx, app)], hasNext: false };
    case 'offers':
      return childList(app.offerIds.map((id) => world.offers[id - 1]!), (o) => ids.of('offer', o.id), params, (o) => render.renderOffer(ctx, o));
    case 'interviews':
      return childList(app.interviewIds.map((id) => world.interviews[id - 1]!), (iv) => ids.of('interview', iv.id), params, (iv) => render.renderInterview(ctx, iv));
    case 'feedback': {
      const cards = app.interviewIds.flatMap((id) => world.interviews[id - 1]!.scorecardIds.map((sid) => world.scorecards[sid - 1]!));
      return childList(cards, (sc) => ids.of('feedback', sc.id), params, (sc) => render.renderFeedback(ctx, sc));
    }
    case 'forms':
      return childList(render.hasForm(world, app) ? [app] : [], (a) => ids.of('form', a.id), params, (a) => render.renderForm(ctx, a));
    default:
      throw new ApiError(404, 'NotFoundError', 'Not found');
  }
}

function one(found: unknown, what: string): Json {
  if (found === undefined) throw notFound(what);
  return { data: found };
}

/** Resolves a /v1 path; null when no endpoint matches. */
export function routeOf(view: LeverView, segments: readonly string[], params: URLSearchParams): Routed | null {
  const snap = () => view.snapshot();
  const [collection, id, sub, ...rest] = segments;
  if (collection === undefined || rest.length > 0) return null;
  const r = (resource: string, pattern: string, run: () => unknown): Routed => ({ resource, pattern: `/v1/${pattern}`, run });
  switch (collection) {
    case 'opportunities':
      if (id === undefined) return r('opportunities', 'opportunities', () => listOpportunities(view, snap(), params));
      if (id === 'deleted' && sub === undefined) return r('opportunities', 'opportunities/deleted', () => listDeletedOpportunities(view, snap(), params));
      if (sub === undefined) return r('opportunities', 'opportunities/:id', () => ({ data: render.renderOpportunity(view.ctx, opportunityOf(snap(), id).app, expandOf(params)) }));
      return r(sub, `opportunities/:id/${sub}`, () => childLists(view, opportunityOf(snap(), id).app, sub, params));
    case 'postings': {
      if (sub !== undefined) return null;
      if (id === undefined) {
        return r('postings', 'postings', () => {
          const keep = postingFilter(params);
          return listBody(snap().postings.filter(keep), rowKey, CREATED_ORDER, params, (p) => render.renderPosting(view.ctx, p.job));
        });
      }
      if (id === 'deleted') {
        return r('postings', 'postings/deleted', () => {
          const deleted = rangeOf(params, 'deleted_at');
          const rows = snap().deletedPostings.filter((d) => inRange(deleted, d.deletion.at));
          return listBody(rows, rowKey, CREATED_ORDER, params, (d) => ({ ...render.renderPosting(view.ctx, d.row.job), deletedAt: d.deletion.at, deletedBy: view.ids.of('user', d.deletion.by) }));
        });
      }
      return r('postings', 'postings/:id', () => {
        const row = snap().postings.find((p) => p.id === id);
        return one(row && render.renderPosting(view.ctx, row.job), 'posting');
      });
    }
    case 'requisitions': {
      if (sub !== undefined) return null;
      if (id !== undefined) {
        return r('requisitions', 'requisitions/:id', () => {
          const row = snap().requisitions.find((q) => q.key[1] === id);
          return one(row && render.renderRequisition(view.ctx, row.job), 'requisition');
        });
      }
      return r('requisitions', 'requisitions', () => {
        const conf = confidentialityOf(params);
        const created = rangeOf(params, 'created_at');
        const status = anyOf(params, 'status');
        const code = anyOf(params, 'requisition_code');
        const rows = snap().requisitions.filter((q) => conf(q.job.confidential) && inRange(created, q.createdAt) && status(q.job.status) && code(q.job.requisitionId));
        return listBody(rows, rowKey, CREATED_ORDER, params, (q) => render.renderRequisition(view.ctx, q.job));
      });
    }
    case 'stages': {
      if (sub !== undefined) return null;
      const rows = view.stages.map((s) => ({ s, key: [s.index] as SortKey }));
      const show = (s: (typeof view.stages)[number]) => ({ id: s.id, text: view.stageText(s) });
      if (id !== undefined) {
        return r('stages', 'stages/:id', () => {
          const row = rows.find((x) => x.s.id === id);
          return one(row && show(row.s), 'stage');
        });
      }
      return r('stages', 'stages', () => listBody(rows, rowKey, [1], params, (x) => show(x.s)));
    }
    case 'archive_reasons': {
      if (sub !== undefined) return null;
      const rows = view.archiveReasons.map((a, i) => ({ a, key: [i] as SortKey }));
      if (id !== undefined) return r('archive_reasons', 'archive_reasons/:id', () => one(view.archiveReasons.find((a) => a.id === id), 'archive reason'));
      return r('archive_reasons', 'archive_reasons', () => {
        const type = params.get('type');
        if (type !== null && type !== 'hired' && type !== 'non-hired') throw badRequest(`Invalid type '${type}': expected hired or non-hired`);
        return listBody(rows.filter((x) => type === null || x.a.type === type), rowKey, [1], params, (x) => x.a);
      });
    }
    case 'eeo': {
      if (id !== 'responses' || (sub !== undefined && sub !== 'pii')) return null;
      const pii = sub === 'pii';
      return r('eeo', pii ? 'eeo/responses/pii' : 'eeo/responses', () => {
        const rows = eeoRows(view.ctx, snap().opportunities).map((row) => ({ row, key: [row.app.appliedAt, row.id] as SortKey }));
        rows.sort((a, b) => compareKeys(a.key, b.key, CREATED_ORDER));
        return listBody(rows, rowKey, CREATED_ORDER, params, (x) => renderEeoResponse(view.ctx, x.row, pii));
      });
    }
    case 'sources':
      if (id !== undefined) return null;
      return r('sources', 'sources', () => listBody(snap().sources, rowKey, [1], params, (s) => ({ text: s.text, count: s.count })));
    case 'requisition_fields': {
      if (sub !== undefined) return null;
      const fields = customFieldsOf('jobs').filter((f) => render.REQUISITION_FIELD_TYPE[f.type] !== undefined);
      if (id !== undefined) return r('requisition_fields', 'requisition_fields/:id', () => one(fields.find((f) => f.key === id) && render.renderRequisitionField(fields.find((f) => f.key === id)!), 'requisition field'));
      const rows = fields.map((f, i) => ({ f, key: [i] as SortKey }));
      return r('requisition_fields', 'requisition_fields', () => listBody(rows, rowKey, [1], params, (x) => render.renderRequisitionField(x.f)));
    }
    case 'users': {
      if (sub !== undefined) return null;
      if (id !== undefined) {
        return r('users', 'users/:id', () => {
          const u = snap().users.find((x) => x.key[1] === id);
          return one(u && render.renderUser(view.ctx, u.user), 'user');
        });
      }
      return r('users', 'users', () => {
        const all = boolParam(params, 'includeDeactivated') ?? false;
        const rows = snap().users.filter((x) => all || !x.user.disabled);
        return listBody(rows, rowKey, CREATED_ORDER, params, (x) => render.renderUser(view.ctx, x.user));
      });
    }
    default:
      return null;
  }
}
