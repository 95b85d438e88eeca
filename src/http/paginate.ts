// One generic driver for every pagination style (dlt's rest_client / Nango's paginate service):
// the paginator says where the items are and what to ask for next; the driver only loops. Whole
// pages are yielded, with the request that will fetch the following page, so an extractor can
// commit rows and `next` in one transaction and resume from `next` after a crash.

import { createHash } from 'node:crypto';
import { HttpError } from './errors.ts';
import type { HttpRequest, HttpRequester, HttpResponse, RequestOptions } from './types.ts';

/**
 * A pagination strategy: a tiny object, no state of its own (state lives in the requests, which is
 * what makes resuming possible).
 */
export interface Paginator<T> {
  /** Adjusts the first request (e.g. adds `per_page`); identity if absent. */
  first?(req: HttpRequest): HttpRequest;
  /** The records on this page. */
  items(res: HttpResponse): T[];
  /** The request for the following page, or null when this was the last. */
  next(res: HttpResponse, req: HttpRequest, items: readonly T[]): HttpRequest | null;
}

export interface Page<T> {
  items: T[];
  response: HttpResponse;
  /** The request that fetched this page. */
  request: HttpRequest;
  /** The request for the following page (null on the last page): checkpoint this to resume. */
  next: HttpRequest | null;
  /** 0-based page number within this walk. */
  index: number;
}

export interface PaginateOptions extends RequestOptions {
  /** Stop (without error) after this many pages; a safety net for tests and previews. */
  maxPages?: number;
  /** How many past requests a repeat is looked for in. Default 10 000. */
  cycleWindow?: number;
}

/** Requests remembered for cycle detection by default: a 44-byte digest each, so ~1 MB per walk at most. */
export const DEFAULT_CYCLE_WINDOW = 10_000;

/**
 * @example
 *   for await (const page of paginate(client, { url: '/v3/applications', query: { per_page: 500 } }, linkHeaderPaginator())) {
 *     await writer.write(page.items, { resumeFrom: page.next });
 *   }
 */
export async function* paginate<T>(
  client: HttpRequester,
  firstRequest: HttpRequest,
  paginator: Paginator<T>,
  opts: PaginateOptions = {},
): AsyncGenerator<Page<T>> {
  const reqOpts: RequestOptions = opts.signal ? { signal: opts.signal } : {};
  const seen = new RecentKeys(opts.cycleWindow ?? DEFAULT_CYCLE_WINDOW);
  let request: HttpRequest | null = paginator.first ? paginator.first(firstRequest) : firstRequest;
  for (let index = 0; request !== null; index++) {
    if (opts.maxPages !== undefined && index >= opts.maxPages) return;
    // A server whose cursors lead back to a page already read (2 → 3 → 2) would keep us landing
    // the same records forever.
    const earlier = seen.add(requestKey(request), index);
    if (earlier !== undefined) {
      throw new HttpError({
        kind: 'invalid_body',
        method: request.method ?? 'GET',
        url: request.url,
        attempts: 0,
        detail: `pagination cycle: the request for page ${index + 1} repeats the one for page ${earlier + 1}; the server's next-page links loop`,
      });
    }
    const response = await client.request(request, reqOpts);
    const items = paginator.items(response);
    const next = paginator.next(response, request, items);
    // Checked before the page is handed out: a page whose next link points elsewhere must not be
    // landed with that link as its checkpoint, nor end the window as if it were the last.
    if (next !== null && client.allows && !client.allows(next.url)) {
      throw new HttpError({
        kind: 'foreign_origin',
        method: next.method ?? 'GET',
        url: next.url,
        attempts: 0,
        detail: `the next-page link of ${response.url} names another origin; credentials go only to ${client.allowedOrigins?.join(', ') ?? 'the configured API'}, so the page is not landed`,
      });
    }
    yield { items, response, request, next, index };
    request = next;
  }
}

/** The last `size` keys with the page index each was first seen at. */
class RecentKeys {
  readonly #pages = new Map<string, number>();
  constructor(readonly size: number) {}

  /** Records `key`; returns the page it was seen at before, if it is among the last `size`. */
  add(key: string, index: number): number | undefined {
    const before = this.#pages.get(key);
    if (before !== undefined) return before;
    this.#pages.set(key, index);
    if (this.#pages.size > this.size) this.#pages.delete(this.#pages.keys().next().value!);
    return undefined;
  }
}

/** A digest, so remembering thousands of requests (SOAP bodies are kilobytes) stays small. */
function requestKey(req: HttpRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([req.method ?? 'GET', req.url, req.query ?? null, req.body?.toString() ?? null]))
    .digest('base64');
}
