import { STATUS_CODES } from 'node:http';
import { defaultRedactor, type Redactor } from './redact.ts';

export type HttpErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'client'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid_body'
  /** The body (or what it decompresses to) exceeds the client's limit: final. */
  | 'too_large'
  /** A request (typically a next-page link) to an origin credentials must not go to: never sent. */
  | 'foreign_origin';

// A truncated body or unparseable JSON is a transport accident far more often than a server that
// really returns garbage, so it is transient like a reset connection.
const TRANSIENT: ReadonlySet<HttpErrorKind> = new Set<HttpErrorKind>(['rate_limited', 'server', 'network', 'timeout', 'invalid_body']);

export function isTransientKind(kind: HttpErrorKind): boolean {
  return TRANSIENT.has(kind);
}

export function kindForStatus(status: number): HttpErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'client';
}

const SNIPPET_MAX = 500;
const DETAIL_MAX = 300;

export interface HttpErrorInit {
  kind: HttpErrorKind;
  method: string;
  /** Raw URL; redacted by the constructor. */
  url: string;
  attempts: number;
  status?: number;
  /** Short human explanation; if absent it is derived from `body`. */
  detail?: string;
  /** Raw response body (or part of it); redacted and cut to 500 chars. */
  body?: string;
  /** Low-level error code (ECONNRESET, UND_ERR_SOCKET, …). */
  code?: string;
  /** The retry policy's reason for giving up (max_attempts, not_retryable_status, …). */
  reason?: string;
}

/**
 * The one error type the HTTP layer throws. Everything on it is already redacted, so it can be
 * logged or shown as is.
 *
 * @example
 *   GET https://harvest.greenhouse.io/v3/offers → 403 Forbidden: missing scope harvest:offers:list (after 1 attempt)
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly kind: HttpErrorKind;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly status: number | undefined;
  readonly bodySnippet: string | undefined;
  readonly code: string | undefined;
  readonly reason: string | undefined;

  constructor(init: HttpErrorInit, redactor: Redactor = defaultRedactor) {
    const url = redactor.redact(init.url);
    const body = init.body === undefined ? undefined : redactor.redact(init.body);
    const detail = redactor.redact(init.detail ?? (body === undefined ? '' : describeErrorBody(body)));
    super(formatMessage(init, url, detail));
    this.kind = init.kind;
    this.method = init.method;
    this.url = url;
    this.attempts = init.attempts;
    this.status = init.status;
    this.bodySnippet = body === undefined || body === '' ? undefined : body.slice(0, SNIPPET_MAX);
    this.code = init.code;
    this.reason = init.reason;
  }

  get transient(): boolean {
    return isTransientKind(this.kind);
  }
}

function formatMessage(init: HttpErrorInit, url: string, detail: string): string {
  const outcome =
    init.status !== undefined && init.kind !== 'too_large'
      ? `${init.status} ${STATUS_CODES[init.status] ?? 'Unknown Status'}`
      : init.kind === 'timeout'
        ? 'timeout'
        : init.kind === 'network'
          ? `network error${init.code ? ` ${init.code}` : ''}`
          : init.kind.replaceAll('_', ' ');
  const tail = `(after ${init.attempts} attempt${init.attempts === 1 ? '' : 's'})`;
  return `${init.method} ${url} → ${outcome}${detail ? `: ${detail}` : ''} ${tail}`;
}

/**
 * Pulls the human part out of the error bodies the ATS APIs use: `{message}`, `{code, message}`
 * (Lever), `{error, error_description}` (OAuth), `{errors: [...]}` (Greenhouse v3 / 422),
 * `{errorInfo: {code, message}}` (Ashby). Falls back to the flattened text.
 */
export function describeErrorBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return clip(trimmed.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  }
  return clip(describeJson(parsed) ?? trimmed.replace(/\s+/g, ' '));
}

function describeJson(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const parts = v.map(describeJson).filter((s): s is string => !!s);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : undefined);
  const parts: string[] = [];
  const code = str('error') ?? str('code');
  const message = str('error_description') ?? str('message') ?? str('detail') ?? str('title');
  if (code && code !== message) parts.push(code);
  if (message) parts.push(message);
  const nested = o['errorInfo'] ?? o['error'];
  if (parts.length === 0 && nested && typeof nested === 'object') {
    const d = describeJson(nested);
    if (d) parts.push(d);
  }
  let head = parts.join(': ');
  if (Array.isArray(o['errors'])) {
    const errs = (o['errors'] as unknown[])
      .map((e) => {
        if (e && typeof e === 'object') {
          const r = e as Record<string, unknown>;
          const field = typeof r['field'] === 'string' ? r['field'] : typeof r['parameter'] === 'string' ? r['parameter'] : undefined;
          const msg = describeJson(e);
          return field && msg ? `${field}: ${msg}` : msg;
        }
        return describeJson(e);
      })
      .filter((s): s is string => !!s);
    if (errs.length > 0) head = head ? `${head} (${errs.join('; ')})` : errs.join('; ');
  }
  return head || undefined;
}

function clip(s: string): string {
  return s.length > DETAIL_MAX ? `${s.slice(0, DETAIL_MAX - 1)}…` : s;
}
