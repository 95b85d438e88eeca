// URL assembly done on strings, not URLSearchParams: vendor cursors (Greenhouse Link URLs, Lever
// offset tokens) must reach the server byte for byte, and URLSearchParams re-encodes them.

import type { QueryValue } from './types.ts';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `scheme://host[:port]` of an absolute URL, lower-cased, default port dropped (WHATWG URL's origin). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

export function isAbsoluteUrl(url: string): boolean {
  return ABSOLUTE.test(url);
}

/**
 * An absolute URL is used as is; a path is appended to `baseUrl` (keeping the base's own path, so
 * base `https://harvest.greenhouse.io/v3` + `/applications` → `…/v3/applications`).
 */
export function resolveUrl(url: string, baseUrl?: string): string {
  if (isAbsoluteUrl(url)) return url;
  if (!baseUrl) throw new TypeError(`relative URL "${url}" needs a baseUrl on the client`);
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** Appends `query` (undefined values skipped) to `url`, leaving the existing query text untouched. */
export function appendQuery(url: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return url;
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return joinQuery(url, pairs);
}

/**
 * Sets `name` to a value that is already percent-encoded (Lever's `next` token), replacing any
 * existing `name` params. Stray characters that would break the query are encoded; existing
 * `%XX` escapes are kept, so the token is not double-encoded.
 */
export function setRawQueryParam(url: string, name: string, rawValue: string): string {
  const [beforeHash = url] = url.split('#', 1);
  const q = beforeHash.indexOf('?');
  const path = q === -1 ? beforeHash : beforeHash.slice(0, q);
  const encName = encodeURIComponent(name);
  const kept = q === -1 ? [] : beforeHash.slice(q + 1).split('&').filter((p) => p !== '' && p.split('=', 1)[0] !== encName);
  return joinQuery(path, [...kept, `${encName}=${encodeRawQueryValue(rawValue)}`]);
}

export function encodeRawQueryValue(value: string): string {
  return value.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~%]/g, (c) => encodeURIComponent(c));
}

function joinQuery(url: string, pairs: readonly string[]): string {
  if (pairs.length === 0) return url;
  const [beforeHash = url] = url.split('#', 1);
  const sep = !beforeHash.includes('?') ? '?' : beforeHash.endsWith('?') || beforeHash.endsWith('&') ? '' : '&';
  return `${beforeHash}${sep}${pairs.join('&')}`;
}
