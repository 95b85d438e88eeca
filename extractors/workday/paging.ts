// Workday's paging: Response_Filter Page/Count in, Response_Results Total_Pages/Page out, and the
// As_Of_Entry_DateTime of page 1 sent back on every later page so all pages come from one
// snapshot. Driven by the shared paginate() loop; only the envelope differs from other vendors.
import type { HttpRequest, HttpResponse, Paginator } from '../../src/http/index.ts';
import { buildEnvelope, normalize, parseResponse, type Json, type RequestNode } from './soap.ts';
import type { WorkdaySession } from './session.ts';

/** Where a walk stands: what a checkpoint keeps (never the request, whose body holds the password). */
export interface WalkState {
  page: number;
  /** The snapshot moment Workday chose on page 1; null before it answered. */
  asOf: string | null;
}

export interface OperationSpec {
  /** e.g. Get_Candidates */
  operation: string;
  /** element of each instance inside Response_Data, e.g. Candidate */
  item: string;
  /** Request_Criteria (e.g. the transaction-log window), or undefined for none */
  criteria?: RequestNode;
  responseGroup?: RequestNode;
}

export interface WorkdayPage {
  /** Normalised instances. */
  items: Json[];
  /** The moment the page describes (Response_Filter/As_Of_Entry_DateTime as echoed). */
  asOf: string;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return String((v as Record<string, unknown>)['#text'] ?? '');
  return String(v);
}

export function workdayPaginator(session: WorkdaySession, spec: OperationSpec): {
  paginator: Paginator<Json>;
  request(state: WalkState): HttpRequest;
  stateOf(req: HttpRequest): WalkState | undefined;
  pageOf(res: HttpResponse): WorkdayPage;
} {
  const states = new WeakMap<HttpRequest, WalkState>();
  const parsed = new WeakMap<HttpResponse, { page: WorkdayPage; current: number; totalPages: number }>();
  const { connection } = session;

  const request = (state: WalkState): HttpRequest => {
    const payload: RequestNode = {
      Request_Criteria: spec.criteria,
      Response_Filter: { As_Of_Entry_DateTime: state.asOf ?? undefined, Page: state.page, Count: connection.page_size },
      Response_Group: spec.responseGroup,
    };
    const req: HttpRequest = {
      method: 'POST',
      url: session.endpoint,
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '' },
      body: buildEnvelope(`${spec.operation}_Request`, connection.api_version, payload, session.token),
      expect: 'text',
      // Get_* operations only read.
      retrySafe: true,
    };
    states.set(req, state);
    return req;
  };

  const read = (res: HttpResponse) => {
    let p = parsed.get(res);
    if (!p) {
      const body = parseResponse(res.text, `${spec.operation}_Response`);
      const results = (body['Response_Results'] ?? {}) as Record<string, unknown>;
      const data = body['Response_Data'] as Record<string, unknown> | undefined;
      const raw = (data?.[spec.item] as unknown[] | undefined) ?? [];
      const asOf = text((body['Response_Filter'] as Record<string, unknown> | undefined)?.['As_Of_Entry_DateTime']) ?? '';
      p = {
        page: { items: raw.map((r) => normalize(r, spec.item) as Json), asOf },
        current: Number(text(results['Page']) ?? 0),
        totalPages: Number(text(results['Total_Pages']) ?? 0),
      };
      parsed.set(res, p);
    }
    return p;
  };

  return {
    request,
    stateOf: (req) => states.get(req),
    pageOf: (res) => read(res).page,
    paginator: {
      items: (res) => read(res).page.items,
      next(res, req) {
        const p = read(res);
        const sent = states.get(req);
        const page = sent?.page ?? p.current;
        if (!(page < p.totalPages)) return null;
        return request({ page: page + 1, asOf: sent?.asOf ?? (p.page.asOf || null) });
      },
    },
  };
}

export function encodeState(s: WalkState): string {
  return JSON.stringify(s);
}

export function decodeState(token: string): WalkState {
  const v = JSON.parse(token) as Partial<WalkState>;
  if (typeof v.page !== 'number' || v.page < 1) throw new Error(`not a Workday page token: ${token}`);
  return { page: v.page, asOf: typeof v.asOf === 'string' ? v.asOf : null };
}
