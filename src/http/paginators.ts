// The pagination styles the ATS APIs use, as tiny strategy objects for `paginate()`. Each builds
// the next request from the previous one plus the response, nothing else, so a checkpointed
// `next` request is all that is needed to resume.

import { HttpError } from './errors.ts';
import { getPath } from './json-path.ts';
import { findLink } from './link-header.ts';
import type { Paginator } from './paginate.ts';
import type { HttpRequest, HttpResponse } from './types.ts';
import { appendQuery, isAbsoluteUrl, setRawQueryParam } from './url.ts';

/** The array of records at `path` ('' = the body itself); anything else is a malformed page. */
export function itemsAt<T>(res: HttpResponse, path: string): T[] {
  const v = getPath(res.json, path);
  if (Array.isArray(v)) return v as T[];
  throw malformed(res, `expected an array at ${path === '' ? 'the body root' : `"${path}"`}, got ${v === null ? 'null' : typeof v}`);
}

function malformed(res: HttpResponse, detail: string): HttpError {
  // No body snippet: paginators do not know the client's redactor, only the default one.
  return new HttpError({ kind: 'invalid_body', method: res.method, url: res.url, status: res.status, attempts: res.attempts, detail });
}

/** The request minus what must not be carried to a URL-addressed next page. */
function withoutQueryAndBody(req: HttpRequest): HttpRequest {
  const next: HttpRequest = { ...req };
  delete next.query;
  delete next.body;
  return next;
}

export interface LinkHeaderPaginatorOptions {
  /** Where the records are; default '' (Greenhouse returns a bare array). */
  itemsPath?: string;
  /** Default 'next'. */
  rel?: string;
}

/**
 * Follows `Link: <…>; rel="next"` (Greenhouse v1 and v3). The linked URL is used verbatim with no
 * other query params: Greenhouse v3 answers 422 when a cursor request carries any other parameter.
 */
export function linkHeaderPaginator<T = unknown>(opts: LinkHeaderPaginatorOptions = {}): Paginator<T> {
  const itemsPath = opts.itemsPath ?? '';
  const rel = opts.rel ?? 'next';
  return {
    items: (res) => itemsAt<T>(res, itemsPath),
    next(res, req) {
      const link = findLink(res.headers['link'], rel);
      if (!link) return null;
      const url = isAbsoluteUrl(link) ? link : new URL(link, res.url).href;
      return { ...withoutQueryAndBody(req), url };
    },
  };
}

export interface BodyNextUrlPaginatorOptions {
  /** Where the records are, e.g. 'candidates' (Workable); '' for a bare array. */
  itemsPath: string;
  /** Where the next page's URL is, e.g. 'paging.next'; absent or empty on the last page. */
  nextPath: string;
}

/**
 * The next page's full URL in the response body (Workable's `paging.next`, absent on the last
 * page). It already carries every parameter of the walk, so it is requested as is, without the
 * first request's query; a relative URL is resolved against the page that gave it.
 */
export function bodyNextUrlPaginator<T = unknown>(opts: BodyNextUrlPaginatorOptions): Paginator<T> {
  return {
    items: (res) => itemsAt<T>(res, opts.itemsPath),
    next(res, req) {
      const next = Array.isArray(res.json) ? undefined : getPath(res.json, opts.nextPath);
      if (next === undefined || next === null || next === '') return null;
      if (typeof next !== 'string') throw malformed(res, `expected a URL at "${opts.nextPath}", got ${typeof next}`);
      return { ...withoutQueryAndBody(req), url: isAbsoluteUrl(next) ? next : new URL(next, res.url).href };
    },
  };
}

export interface BodyCursorPaginatorOptions {
  /** e.g. 'results' (Ashby). */
  itemsPath: string;
  /** e.g. 'nextCursor'. */
  cursorPath: string;
  /**
   * e.g. 'moreDataAvailable'. When set, only `true` there continues (Ashby may send a cursor on the
   * last page); when absent, a missing or empty cursor ends the walk.
   */
  hasMorePath?: string;
  /** Request field for the cursor, e.g. 'cursor'. */
  cursorParam: string;
  /** Put the cursor in the request body (default for POST) rather than the query (default for GET). */
  bodyCursor?: boolean;
}

/**
 * Cursor read from the response body and sent back as a request field (Ashby's
 * `POST /application.list` with `{ cursor }`). Other body fields (filters, limit, syncToken) are kept.
 */
export function bodyCursorPaginator<T = unknown>(opts: BodyCursorPaginatorOptions): Paginator<T> {
  return {
    items: (res) => itemsAt<T>(res, opts.itemsPath),
    next(res, req) {
      const more = opts.hasMorePath === undefined ? undefined : getPath(res.json, opts.hasMorePath);
      if (opts.hasMorePath !== undefined && more !== true) return null;
      const cursor = getPath(res.json, opts.cursorPath);
      if (cursor === undefined || cursor === null || cursor === '') {
        if (more === true) throw malformed(res, `"${opts.hasMorePath}" is true but there is no cursor at "${opts.cursorPath}"`);
        return null;
      }
      const value = typeof cursor === 'string' ? cursor : JSON.stringify(cursor);
      if (!(opts.bodyCursor ?? req.method === 'POST')) return { ...req, query: { ...req.query, [opts.cursorParam]: value } };
      if (req.body instanceof URLSearchParams) {
        const form = new URLSearchParams(req.body);
        form.set(opts.cursorParam, value);
        return { ...req, body: form };
      }
      const body = parseJsonObject(req.body);
      body[opts.cursorParam] = cursor;
      return { ...req, body: JSON.stringify(body) };
    },
  };
}

function parseJsonObject(body: string | undefined): Record<string, unknown> {
  if (body === undefined || body.trim() === '') return {};
  const parsed: unknown = JSON.parse(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('bodyCursorPaginator: the request body must be a JSON object to carry a cursor');
  }
  return parsed as Record<string, unknown>;
}

export interface OffsetTokenPaginatorOptions {
  /** Default 'data'. */
  itemsPath?: string;
  /** Default 'hasNext'. */
  hasMorePath?: string;
  /** Default 'next'. */
  tokenPath?: string;
  /** Query parameter for the token; default 'offset'. */
  param?: string;
}

/**
 * Lever's `{ data, hasNext, next }` envelope. The `next` token is already percent-encoded JSON, so
 * it goes into the URL as raw query text, never through encodeURIComponent again.
 */
export function offsetTokenPaginator<T = unknown>(opts: OffsetTokenPaginatorOptions = {}): Paginator<T> {
  const itemsPath = opts.itemsPath ?? 'data';
  const hasMorePath = opts.hasMorePath ?? 'hasNext';
  const tokenPath = opts.tokenPath ?? 'next';
  const param = opts.param ?? 'offset';
  return {
    items: (res) => itemsAt<T>(res, itemsPath),
    next(res, req) {
      if (getPath(res.json, hasMorePath) !== true) return null;
      const token = getPath(res.json, tokenPath);
      if (typeof token !== 'string' || token === '') throw malformed(res, `"${hasMorePath}" is true but there is no token at "${tokenPath}"`);
      // Fold the structured query into the URL text so the raw token can sit beside it.
      const query = { ...req.query };
      delete query[param];
      const next: HttpRequest = { ...req, url: setRawQueryParam(appendQuery(req.url, query), param, token) };
      delete next.query;
      return next;
    },
  };
}

export interface PageNumberPaginatorOptions {
  /** Default ''. */
  itemsPath?: string;
  /** Default 'page'. */
  param?: string;
  /** First page number; default 1. */
  start?: number;
  /** When set, a page shorter than this is the last. */
  pageSize?: number;
  /** Where the body states the page count, e.g. 'total_pages'. */
  totalPagesPath?: string;
}

/** `?page=N` until an empty (or short) page or the stated page count. */
export function pageNumberPaginator<T = unknown>(opts: PageNumberPaginatorOptions = {}): Paginator<T> {
  const itemsPath = opts.itemsPath ?? '';
  const param = opts.param ?? 'page';
  const start = opts.start ?? 1;
  return {
    first: (req) => (req.query?.[param] === undefined ? { ...req, query: { ...req.query, [param]: start } } : req),
    items: (res) => itemsAt<T>(res, itemsPath),
    next(res, req, items) {
      if (items.length === 0) return null;
      if (opts.pageSize !== undefined && items.length < opts.pageSize) return null;
      const current = Number(req.query?.[param] ?? start);
      if (opts.totalPagesPath !== undefined) {
        const total = Number(getPath(res.json, opts.totalPagesPath));
        if (Number.isFinite(total) && current >= total) return null;
      }
      return { ...req, query: { ...req.query, [param]: current + 1 } };
    },
  };
}
