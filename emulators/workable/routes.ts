// The /spi/v3 endpoints: what each returns for a request, as data. Errors are thrown as ApiError
// and turned into Workable's `{"error": "…"}` bodies by the server.
//
// Lists are in id order (Workable: "sorted by the time inserted on system, in ascending order").
// `limit` (default 50, at most 100), `since_id` (ids ≥) and `max_id` (ids ≤) page them; while more
// remain, `paging.next` is the full URL of the next page (`since_id` = the first id it will hold),
// and the last page has no `paging` key at all. `created_after` / `updated_after` take ISO 8601
// (basic or extended) or Unix seconds and keep records whose second-precision time is at or after
// it. /departments and /disqualification_reasons are bare JSON arrays.
import { renderCandidateDetail, renderCandidate, renderDepartment, renderJob, renderJobStages, renderMember, renderOffer, renderReasons, latestOffer } from './render.ts';
import type { CandidateRow, Snapshot, WorkableView } from './view.ts';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const badRequest = (message: string) => new ApiError(400, message);
const notFound = () => new ApiError(404, 'Not found');

export interface Routed {
  /** collection name, for fault targeting (e.g. 'candidates', 'activities') */
  resource: string;
  /** path with ids replaced, for stats (e.g. '/spi/v3/candidates/:id/activities') */
  pattern: string;
  run(): unknown;
}

type Json = Record<string, unknown>;

export interface RequestInfo {
  /** the API base the client reached, e.g. http://127.0.0.1:PORT/spi/v3 */
  base: string;
  /** path below the base, e.g. /candidates */
  path: string;
  params: URLSearchParams;
}

function limitOf(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null) return 50;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1)) throw badRequest(`Invalid limit '${raw}'`);
  // Workable caps the page at 100 rather than refusing a larger limit.
  return Math.min(n, 100);
}

const hexValue = (id: string) => (/^[0-9a-f]+$/i.test(id) ? parseInt(id, 16) : NaN);

/** ISO 8601 (2015-07-08T11:56:16Z or 20150708T115616Z) or Unix seconds → epoch ms. */
export function parseTimestamp(name: string, raw: string): number {
  if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(raw);
  const t = basic ? Date.UTC(+basic[1]!, +basic[2]! - 1, +basic[3]!, +basic[4]!, +basic[5]!, +basic[6]!) : /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw badRequest(`Invalid ${name} '${raw}': expected an ISO 8601 timestamp or Unix time`);
  return t;
}

/** Records whose time, shown in whole seconds, is at or after the parameter. */
function after(params: URLSearchParams, name: string): (ms: number) => boolean {
  const raw = params.get(name);
  if (raw === null || raw === '') return () => true;
  const bound = parseTimestamp(name, raw);
  return (ms) => Math.floor(ms / 1000) * 1000 >= bound;
}

/**
 * One page of `rows` (in id order) after `since_id` / `max_id`, with `paging.next` while more
 * remain: the request's own URL with `since_id` moved to the next page's first record.
 */
function page<T>(req: RequestInfo, key: string, rows: readonly T[], idOf: (r: T) => string, show: (r: T) => unknown): Json {
  const limit = limitOf(req.params);
  const since = req.params.get('since_id');
  const max = req.params.get('max_id');
  if (since !== null && Number.isNaN(hexValue(since))) throw badRequest(`Invalid since_id '${since}'`);
  if (max !== null && Number.isNaN(hexValue(max))) throw badRequest(`Invalid max_id '${max}'`);
  const kept = rows.filter((r) => (since === null || hexValue(idOf(r)) >= hexValue(since)) && (max === null || hexValue(idOf(r)) <= hexValue(max)));
  const items = kept.slice(0, limit);
  const following = kept[limit];
  const body: Json = { [key]: items.map(show) };
  if (following !== undefined) {
    const next = new URLSearchParams(req.params);
    next.set('since_id', idOf(following));
    if (!next.has('limit')) next.set('limit', String(limit));
    body['paging'] = { next: `${req.base}${req.path}?${next.toString()}` };
  }
  return body;
}

function candidateOf(snap: Snapshot, id: string): CandidateRow {
  const row = snap.candidateById.get(id);
  if (!row) throw notFound();
  return row;
}

function listCandidates(view: WorkableView, req: RequestInfo): Json {
  const p = req.params;
  const created = after(p, 'created_after');
  const updated = after(p, 'updated_after');
  const shortcode = p.get('shortcode');
  const stage = p.get('stage');
  const email = p.get('email')?.toLowerCase() ?? null;
  const rows = view.snapshot().candidates.filter((r) =>
    created(r.createdAt) && updated(r.updatedAt) && (shortcode === null || r.shortcode === shortcode) &&
    (stage === null || r.stageSlug === stage) && (email === null || r.email.toLowerCase() === email));
  return page(req, 'candidates', rows, (r) => r.id, (r) => renderCandidate(view.ctx, r.app));
}

function listActivities(view: WorkableView, row: CandidateRow, req: RequestInfo): Json {
  const updated = after(req.params, 'updated_after');
  const actions = req.params.get('actions')?.split(',').filter((a) => a !== '') ?? [];
  const rows = view.activities(row.app)
    .filter((a) => updated(a.updatedAt) && (actions.length === 0 || actions.includes(String(a.body['action']))))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return page(req, 'activities', rows, (a) => a.id, (a) => a.body);
}

const JOB_STATES = ['draft', 'published', 'closed', 'archived'];

function listJobs(view: WorkableView, req: RequestInfo): Json {
  const p = req.params;
  const state = p.get('state');
  if (state !== null && !JOB_STATES.includes(state)) throw badRequest(`Invalid state '${state}': expected one of ${JOB_STATES.join(', ')}`);
  const created = after(p, 'created_after');
  const updated = after(p, 'updated_after');
  const rows = view.snapshot().jobs.filter((j) => created(j.createdAt) && updated(j.updatedAt) && (state === null || renderJob(view.ctx, j.job)['state'] === state));
  return page(req, 'jobs', rows, (j) => j.id, (j) => renderJob(view.ctx, j.job));
}

function listMembers(view: WorkableView, req: RequestInfo): Json {
  const p = req.params;
  const status = p.get('status') ?? 'active';
  if (!['active', 'inactive', 'all'].includes(status)) throw badRequest(`Invalid status '${status}': expected active, inactive or all`);
  const role = p.get('role');
  const email = p.get('email')?.toLowerCase() ?? null;
  const rows = view.snapshot().members.filter(({ user }) =>
    (status === 'all' || (status === 'active') === !user.disabled) && (email === null || user.email.toLowerCase() === email) &&
    (role === null || renderMember(view.ctx, user)['role'] === role));
  return page(req, 'members', rows, (m) => m.id, (m) => renderMember(view.ctx, m.user));
}

/** Resolves a path below /spi/v3; null when no endpoint matches. */
export function routeOf(view: WorkableView, req: RequestInfo): Routed | null {
  const segments = req.path.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const [collection, id, sub, ...rest] = segments;
  if (collection === undefined || rest.length > 0) return null;
  const r = (resource: string, pattern: string, run: () => unknown): Routed => ({ resource, pattern: `/spi/v3/${pattern}`, run });
  const snap = () => view.snapshot();
  switch (collection) {
    case 'jobs': {
      if (id === undefined) return r('jobs', 'jobs', () => listJobs(view, req));
      const job = () => snap().jobByShortcode.get(id) ?? (() => { throw notFound(); })();
      if (sub === undefined) return r('jobs', 'jobs/:shortcode', () => ({ ...renderJob(view.ctx, job().job), full_description: `<p>Join ${view.world.companyName}.</p>`, description: null, requirements: null, benefits: null }));
      if (sub === 'stages') return r('job_stages', 'jobs/:shortcode/stages', () => ({ stages: renderJobStages(view.ctx, job().job) }));
      return null;
    }
    case 'candidates': {
      if (id === undefined) return r('candidates', 'candidates', () => listCandidates(view, req));
      if (sub === undefined) return r('candidates', 'candidates/:id', () => ({ candidate: renderCandidateDetail(view.ctx, candidateOf(snap(), id).app) }));
      if (sub === 'activities') return r('activities', 'candidates/:id/activities', () => listActivities(view, candidateOf(snap(), id), req));
      if (sub === 'offer') {
        return r('offers', 'candidates/:id/offer', () => {
          const app = candidateOf(snap(), id).app;
          const offer = latestOffer(view.world, app);
          if (offer === null) throw notFound();
          return renderOffer(view.ctx, app, offer);
        });
      }
      return null;
    }
    case 'members':
      return id === undefined ? r('members', 'members', () => listMembers(view, req)) : null;
    case 'departments':
      return id === undefined ? r('departments', 'departments', () => view.world.departments.map((d) => renderDepartment(view.ctx, d))) : null;
    case 'disqualification_reasons':
      return id === undefined ? r('disqualification_reasons', 'disqualification_reasons', () => renderReasons(view.ctx)) : null;
    default:
      return null;
  }
}
