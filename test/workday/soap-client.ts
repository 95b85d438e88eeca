// A bare SOAP client for wire tests of the emulator: builds requests with the extractor's envelope
// builder (so the XML is escaped) and parses answers with fast-xml-parser, nothing else.
import { request } from 'undici';
import { XMLParser } from 'fast-xml-parser';
import { buildEnvelope, type RequestNode } from '../../extractors/workday/soap.ts';
import type { WorkdayEmulator } from '../../emulators/workday/index.ts';

export interface SoapAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** the Body's single child, namespace prefixes removed */
  body: Record<string, any>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => ['ID', 'Candidate', 'Job_Requisition', 'Job_Posting', 'Job_Application_Data', 'Validation_Error'].includes(n),
});

export async function post(url: string, xml: string): Promise<SoapAnswer> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '' }, body: xml });
  const text = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
  let body: Record<string, any> = {};
  if (text.startsWith('<?xml')) {
    const doc = parser.parse(text) as Record<string, any>;
    const b = (doc['Envelope']?.['Body'] ?? {}) as Record<string, any>;
    body = (Object.values(b)[0] ?? {}) as Record<string, any>;
  }
  return { status: res.statusCode, headers, text, body };
}

export function soap(emu: WorkdayEmulator, operation: string, payload: RequestNode = {}, creds?: { username?: string; password?: string }): Promise<SoapAnswer> {
  const token = { username: creds?.username ?? `${emu.credentials.username}@${emu.tenant}`, password: creds?.password ?? emu.credentials.password };
  return post(emu.endpoint, buildEnvelope(`${operation}_Request`, 'v42.0', payload, token));
}

/** `{ Page, Count, As_Of_Entry_DateTime }` plus an optional transaction-log window. */
export function query(page: number, count: number, window?: { from?: string; through?: string }, asOf?: string): RequestNode {
  return {
    Request_Criteria: window
      ? { Transaction_Log_Criteria_Data: { Transaction_Date_Range_Data: { Updated_From: window.from, Updated_Through: window.through } } }
      : undefined,
    Response_Filter: { As_Of_Entry_DateTime: asOf, Page: page, Count: count },
  };
}

/** The reference ID of `type` inside a parsed `*_Reference`. */
export function idOf(ref: any, type: string): string | undefined {
  const ids = (ref?.ID ?? []) as { '@_type': string; '#text': string }[];
  return ids.find((i) => i['@_type'] === type)?.['#text'];
}

export function items(body: Record<string, any>, item: string): any[] {
  return (body['Response_Data']?.[item] ?? []) as any[];
}

export function results(body: Record<string, any>): { total: number; pages: number; pageResults: number; page: number } {
  const r = body['Response_Results'] ?? {};
  return { total: Number(r.Total_Results), pages: Number(r.Total_Pages), pageResults: Number(r.Page_Results), page: Number(r.Page) };
}
