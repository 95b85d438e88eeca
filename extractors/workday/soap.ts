// SOAP 1.1 for the Workday web services: request envelopes built with an XML builder (every value
// escaped by it, never spliced into markup), responses parsed with fast-xml-parser into the JSON
// hirelake lands, and faults turned into errors that name Workday's faultcode and faultstring.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { InspectedResponse, ResponseVerdict } from '../../src/http/index.ts';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const WD_NS = 'urn:com.workday/bsvc';

/** Request payload with local element names; `bsvc:` is added when building. Undefined is omitted. */
export type RequestNode = { [name: string]: string | number | RequestNode | RequestNode[] | undefined };

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

function bsvc(node: RequestNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (v === undefined) continue;
    const name = k.startsWith('@_') ? `@_bsvc:${k.slice(2)}` : `bsvc:${k}`;
    if (Array.isArray(v)) out[name] = v.map(bsvc);
    else out[name] = typeof v === 'object' ? bsvc(v) : String(v);
  }
  return out;
}

export interface UsernameToken {
  /** `user@tenant` */
  username: string;
  password: string;
}

/** `<soapenv:Envelope>` with a WS-Security UsernameToken header and one `bsvc:{operation}`. */
export function buildEnvelope(operation: string, version: string, payload: RequestNode, token: UsernameToken): string {
  return builder.build({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV,
      '@_xmlns:bsvc': WD_NS,
      'soapenv:Header': {
        'wsse:Security': {
          '@_xmlns:wsse': WSSE,
          '@_soapenv:mustUnderstand': '1',
          'wsse:UsernameToken': {
            'wsse:Username': token.username,
            'wsse:Password': { '@_Type': PASSWORD_TEXT, '#text': token.password },
          },
        },
      },
      'soapenv:Body': { [`bsvc:${operation}`]: { '@_bsvc:version': version, ...bsvc(payload) } },
    },
  });
}

// Elements that repeat: always arrays, even when a page happens to hold one.
const REPEATED = new Set(['ID', 'Candidate', 'Job_Requisition', 'Job_Posting', 'Job_Application_Data']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Matcher objects instead of a path string per tag: several times faster on large pages.
  jPath: false,
  // Keep every value as the text Workday sent: IDs like 00123 and 1.10 must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

export type Json = { [k: string]: JsonValue };
export type JsonValue = string | Json | JsonValue[];

/**
 * The parsed XML as landed JSON: attributes become `@name`, and every `*_Reference` becomes
 * `{ Descriptor, ID: { <type>: value, … } }` so staging can address an ID by its type
 * (`Job_Requisition_Reference.ID.Job_Requisition_ID`) instead of by position.
 */
export function normalize(value: unknown, key = ''): JsonValue {
  if (Array.isArray(value)) return value.map((v) => normalize(v, key));
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const o = value as Record<string, unknown>;
  if (key.endsWith('_Reference') && Array.isArray(o['ID'])) {
    const ids: Json = {};
    for (const id of o['ID'] as unknown[]) {
      if (id && typeof id === 'object') {
        const rec = id as Record<string, unknown>;
        ids[String(rec['@_type'] ?? 'ID')] = String(rec['#text'] ?? '');
      } else {
        ids['ID'] = String(id);
      }
    }
    return { ...(o['@_Descriptor'] !== undefined ? { Descriptor: String(o['@_Descriptor']) } : {}), ID: ids };
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('@_')) {
      if (k.startsWith('@_xmlns')) continue;
      out[`@${k.slice(2)}`] = String(v);
    } else {
      out[k] = normalize(v, k);
    }
  }
  return out;
}

export class SoapResponseError extends Error {
  override readonly name = 'SoapResponseError';
}

/** The response element of a Get_* call (e.g. Get_Candidates_Response), parsed but not normalised. */
export function parseResponse(xml: string, responseElement: string): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new SoapResponseError(`Workday sent XML that does not parse: ${(err as Error).message}`);
  }
  const body = (doc['Envelope'] as Record<string, unknown> | undefined)?.['Body'] as Record<string, unknown> | undefined;
  const res = body?.[responseElement];
  if (!res || typeof res !== 'object') {
    const found = body ? Object.keys(body).join(', ') : 'no SOAP Body';
    throw new SoapResponseError(`expected ${responseElement} in the SOAP Body, found ${found || 'nothing'}`);
  }
  return res as Record<string, unknown>;
}

export interface SoapFault {
  /** e.g. SOAP-ENV:Client.validationError */
  code: string;
  message: string;
  /** Validation_Fault detail: message and the XPath Workday objected to */
  validation?: string;
}

const faultParser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, jPath: false, parseTagValue: false, isArray: (n) => n === 'Validation_Error' });

export function parseFault(xml: string): SoapFault | undefined {
  if (!/Fault>/.test(xml)) return undefined;
  let doc: Record<string, unknown>;
  try {
    doc = faultParser.parse(xml) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const fault = ((doc['Envelope'] as Record<string, unknown> | undefined)?.['Body'] as Record<string, unknown> | undefined)?.['Fault'] as
    | Record<string, unknown>
    | undefined;
  if (!fault) return undefined;
  const errors = ((fault['detail'] as Record<string, unknown> | undefined)?.['Validation_Fault'] as Record<string, unknown> | undefined)?.[
    'Validation_Error'
  ] as Record<string, unknown>[] | undefined;
  const validation = errors
    ?.map((e) => [e['Detail_Message'] ?? e['Message'], e['Xpath'] ? `at ${String(e['Xpath'])}` : ''].filter(Boolean).join(' '))
    .join('; ');
  return { code: String(fault['faultcode'] ?? ''), message: String(fault['faultstring'] ?? '').trim(), ...(validation ? { validation } : {}) };
}

export function describeFault(f: SoapFault): string {
  const extra = f.validation && !f.message.includes(f.validation) ? ` (${f.validation})` : '';
  return `SOAP fault ${f.code}: ${f.message}${extra}`;
}

/**
 * Tells the HTTP client what a Workday body means. Every SOAP fault comes as HTTP 500: a rejected
 * login or a refused request is final (retrying would only lock the ISU out or repeat the
 * refusal), a missing domain permission arrives as a *Server* processingError yet is just as
 * final, and any other server fault is transient. A 2xx envelope that stops before its closing
 * tag was cut short.
 */
export function inspectWorkdayResponse(res: InspectedResponse): ResponseVerdict | undefined {
  const text = res.text;
  if (res.status >= 200 && res.status < 300) {
    if (!text.trimStart().startsWith('<')) return undefined;
    return /<\/(?:[A-Za-z0-9_.-]+:)?Envelope>\s*$/.test(text) ? undefined : { action: 'retry', detail: `incomplete SOAP envelope (${text.length} chars)` };
  }
  const fault = parseFault(text);
  if (!fault) return undefined;
  const detail = describeFault(fault);
  const local = fault.code.replace(/^[^:]*:/, '');
  if (/authenticationError/i.test(local) || /invalid username or password/i.test(fault.message)) return { action: 'fail', kind: 'auth', detail };
  if (/not authorized/i.test(fault.message)) return { action: 'fail', kind: 'forbidden', detail };
  if (/^Client/i.test(local)) return { action: 'fail', kind: 'client', detail };
  return undefined;
}
