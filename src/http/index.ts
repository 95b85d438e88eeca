// Public face of the shared HTTP core. Extractors import from here only.

export { HttpClient, type HttpClientOptions } from './client.ts';
export type { InspectedResponse, ResponseInspector, ResponseVerdict } from './inspect.ts';
export type {
  HttpClientStats,
  HttpEvent,
  HttpEventType,
  HttpMethod,
  HttpRequest,
  HttpRequester,
  HttpResponse,
  QueryValue,
  RequestOptions,
} from './types.ts';
export { HttpError, describeErrorBody, isTransientKind, kindForStatus, type HttpErrorInit, type HttpErrorKind } from './errors.ts';
export { Redactor, defaultRedactor } from './redact.ts';
export { DEFAULT_RETRY_STATUSES, backoffMs, decideRetry, type HttpOutcome, type RetryDecision, type RetryOptions } from './retry.ts';
export {
  parseRateLimitHeaders,
  parseResetValue,
  parseRetryAfter,
  type HeaderMap,
  type RateLimitInfo,
} from './rate-limit-headers.ts';
export {
  RateLimiter,
  type Permit,
  type RateLimitOptions,
  type RateLimiterStats,
  type RateLimitWait,
  type RateLimitWaitReason,
} from './rate-limiter.ts';
export { basicAuth, bearerToken, type AuthProvider, type StaticAuthOptions } from './auth.ts';
export {
  oauthClientCredentials,
  type OAuthClientCredentials,
  type OAuthClientCredentialsOptions,
} from './oauth-client-credentials.ts';
export { paginate, type Page, type PaginateOptions, type Paginator } from './paginate.ts';
export {
  bodyCursorPaginator,
  bodyNextUrlPaginator,
  itemsAt,
  linkHeaderPaginator,
  offsetTokenPaginator,
  pageNumberPaginator,
  type BodyCursorPaginatorOptions,
  type BodyNextUrlPaginatorOptions,
  type LinkHeaderPaginatorOptions,
  type OffsetTokenPaginatorOptions,
  type PageNumberPaginatorOptions,
} from './paginators.ts';
export { findLink, parseLinkHeader, type LinkEntry } from './link-header.ts';
export { getPath } from './json-path.ts';
export { appendQuery, encodeRawQueryValue, resolveUrl, setRawQueryParam } from './url.ts';
