// Validation of a first-page list request. The accepted query is kept as a compact, JSON-safe
// object because the cursor carries it to every following page.
import type { ResourceDef } from './resources.ts';

export interface ListQuery {
  /** per_page */
  pp: number;
  /** ids filter, sorted descending */
  ids?: number[];
  /** parent filters: [param, ids] */
  pf?: [string, number[]][];
  /** time filter field */
  tf?: 'created_at' | 'updated_at';
  /** inclusive bounds in epoch ms (null = open) */
  lo?: number | null;
  hi?: number | null;
  /** other resource flags: [param, raw value] */
  fl?: [string, string][];
}

export type ParseResult = { ok: true; query: ListQuery } | { ok: false; error: string };

const MAX_IDS = 50;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseIdList(param: string, raw: string): number[] | string {
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return `${param} must be a comma-separated list of integer ids`;
  if (parts.length > MAX_IDS) return `${param} accepts at most ${MAX_IDS} ids`;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/** `gte|<iso>|lte|<iso>`: pipe-separated operator/timestamp pairs, combined with AND */
export function parseTimeFilter(param: string, raw: string): { lo: number | null; hi: number | null } | string {
  const bad = `Invalid ${param} filter '${raw}': expected operator|timestamp pairs such as ${param}=gte|2024-01-01T00:00:00Z|lte|2024-02-01T00:00:00Z (operators gte, gt, lte, lt)`;
  const parts = raw.split('|');
  if (parts.length < 2 || parts.length % 2 !== 0) return bad;
  let lo: number | null = null;
  let hi: number | null = null;
  for (let i = 0; i < parts.length; i += 2) {
    const op = parts[i]!;
    const value = parts[i + 1]!;
    const t = ISO.test(value) ? Date.parse(value) : NaN;
    if (!Number.isFinite(t)) return bad;
    // Timestamps are whole milliseconds, so strict bounds become inclusive ones a millisecond in.
    if (op === 'gte' || op === 'gt') lo = Math.max(lo ?? -Infinity, op === 'gt' ? t + 1 : t);
    else if (op === 'lte' || op === 'lt') hi = Math.min(hi ?? Infinity, op === 'lt' ? t - 1 : t);
    else return bad;
  }
  return { lo, hi };
}

export function parseListQuery(res: ResourceDef, params: URLSearchParams): ParseResult {
  const fail = (error: string): ParseResult => ({ ok: false, error });
  const query: ListQuery = { pp: 100 };
  const perPage = params.get('per_page');
  if (perPage !== null) {
    const n = /^\d+$/.test(perPage) ? Number(perPage) : NaN;
    if (!(n >= 1 && n <= 500)) return fail('per_page must be between 1 and 500');
    query.pp = n;
  }
  const ids = params.get('ids');
  if (ids !== null) {
    const parsed = parseIdList('ids', ids);
    if (typeof parsed === 'string') return fail(parsed);
    query.ids = parsed;
  }
  const created = params.get('created_at');
  const updated = params.get('updated_at');
  if (created !== null && updated !== null) return fail('Filtering by both created_at and updated_at is not supported.');
  if (created !== null || updated !== null) {
    const field = created !== null ? 'created_at' : 'updated_at';
    const bounds = parseTimeFilter(field, (created ?? updated)!);
    if (typeof bounds === 'string') return fail(bounds);
    query.tf = field;
    query.lo = bounds.lo;
    query.hi = bounds.hi;
  }
  for (const param of Object.keys(res.parents)) {
    const raw = params.get(param);
    if (raw === null) continue;
    const parsed = parseIdList(param, raw);
    if (typeof parsed === 'string') return fail(parsed);
    (query.pf ??= []).push([param, parsed]);
  }
  for (const [param, build] of Object.entries(res.flags)) {
    const raw = params.get(param) ?? res.flagDefaults[param] ?? null;
    if (raw === null) continue;
    if (!build(raw)) return fail(`Invalid value for ${param}: ${raw}`);
    (query.fl ??= []).push([param, raw]);
  }
  return { ok: true, query };
}
