// One generic driver for every pagination style (dlt's rest_client / Nango's paginate service):
// the paginator says where the items are and what to ask for next; the driver only loops. Whole
// pages are yielded, with the request that will fetch the following page, so an extractor can
// commit rows and `next` in one transaction and resume from `next` after a crash.

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
}

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
  let request: HttpRequest | null = paginator.first ? paginator.first(firstRequest) : firstRequest;
  let previousKey: string | undefined;
  for (let index = 0; request !== null; index++) {
    if (opts.maxPages !== undefined && index >= opts.maxPages) return;
    const key = requestKey(request);
    // A server that hands back the cursor it was given would keep us here forever.
    if (key === previousKey) {
      throw new HttpError({
        kind: 'invalid_body',
        method: request.method ?? 'GET',
        url: request.url,
        attempts: 0,
        detail: 'pagination loop: the next-page request is identical to the previous one',
      });
    }
    previousKey = key;
    const response = await client.request(request, reqOpts);
    const items = paginator.items(response);
    const next = paginator.next(response, request, items);
    yield { items, response, request, next, index };
    request = next;
  }
}

function requestKey(req: HttpRequest): string {
  return JSON.stringify([req.method ?? 'GET', req.url, req.query ?? null, req.body?.toString() ?? null]);
}
