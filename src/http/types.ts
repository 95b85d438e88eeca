// Plain-data request/response shapes shared by the client, paginators and extractors. A request is
// deliberately serialisable (no signal, no callbacks): a paginator's `next` request is what an
// extractor checkpoints to resume a stream after a crash.

export type HttpMethod = 'GET' | 'POST';

export type QueryValue = string | number | boolean | undefined;

/**
 * @example
 *   { url: '/v3/applications', query: { per_page: 500, updated_at: 'gte|2024-01-01T00:00:00Z' } }
 *   { method: 'POST', url: '/application.list', body: JSON.stringify({ limit: 100 }), retrySafe: true }
 */
export interface HttpRequest {
  /** Default GET. */
  method?: HttpMethod;
  /** Absolute URL (used verbatim, e.g. a Link header target) or a path appended to the client's baseUrl. */
  url: string;
  /** Added to the URL; undefined values are skipped; values are percent-encoded. */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A string body defaults to `content-type: application/json`; URLSearchParams to form encoding. */
  body?: string | URLSearchParams;
  /** Default 'json': the body is parsed and a parse failure is retried as a transient `invalid_body`. */
  expect?: 'json' | 'text';
  /**
   * POSTs are not retried once they may have reached the server, unless marked safe. Read-only
   * POST list endpoints (Ashby's `*.list`) opt in.
   */
  retrySafe?: boolean;
  /** Overrides the client's timeoutMs for this request (headers and full body). */
  timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
  method: HttpMethod;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The decoded body. */
  text: string;
  /** Parsed body when `expect` is 'json' (null for an empty 204); undefined for 'text'. */
  json: T;
  /** The URL actually requested (NOT redacted: it is needed to resolve relative links). */
  url: string;
  /** Attempts this response took, including auth refreshes. */
  attempts: number;
  /** Bytes on the wire for the final attempt. */
  bytes: number;
}

/** `wait`: a wait of at least a few seconds is starting (its planned length in waitMs, when known). */
export type HttpEventType = 'request' | 'retry' | 'rate_limit_wait' | 'wait' | 'auth_refresh';

/** Emitted for the run log. Every string on it is already redacted. */
export interface HttpEvent {
  type: HttpEventType;
  method: HttpMethod;
  url: string;
  /** 1-based attempt the event belongs to. */
  attempt: number;
  status?: number;
  /** Retry reason, wait reason, or error kind/code of a failed attempt. */
  reason?: string;
  waitMs?: number;
  durationMs?: number;
  bytes?: number;
  /** The response's `Date` header (the server's clock, whole seconds), as epoch ms. */
  serverTime?: number;
}

export interface HttpClientStats {
  /** Attempts sent (each retry counts). */
  requests: number;
  retries: number;
  rateLimitWaits: number;
  /** Bytes received on the wire. */
  bytes: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** What paginators and the paginate driver need from a client. */
export interface HttpRequester {
  request(req: HttpRequest, opts?: RequestOptions): Promise<HttpResponse>;
  /** Whether credentials may go to `url`; paginate refuses next-page links it rejects. */
  allows?(url: string): boolean;
  readonly allowedOrigins?: readonly string[] | undefined;
}
