// SOAP 1.1 plumbing of the emulator: parsing request envelopes, building response and fault
// envelopes. Payload objects are written with local names (`Candidate_Data`, `@_Descriptor`) and
// prefixed with `wd:` on the way out, as Workday does for every element and attribute of
// urn:com.workday/bsvc.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WD_NS = 'urn:com.workday/bsvc';

/** A payload node: local element names, `@_name` attributes, `#text` content, arrays for repeats. */
export type Node = { [name: string]: NodeValue };
export type NodeValue = string | number | Node | Node[] | string[] | undefined;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Matcher objects instead of a path string per tag: several times faster on large pages.
  jPath: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities other than the XML five have no business in a request.
  processEntities: true,
  isArray: (name) => name === 'ID' || name.endsWith('_Reference') || name === 'Transaction_Log_Criteria_Data',
});

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (v: string): string => v.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Serialises a payload node with `wd:` prefixes. Hand-rolled because responses are large (a page
 * of 999 candidates is megabytes) and the generic builder is the emulator's bottleneck; every
 * text and attribute value goes through escapeXml.
 */
function serialize(name: string, node: NodeValue, out: string[]): void {
  if (node === undefined) return;
  if (Array.isArray(node)) {
    for (const n of node as (Node | string)[]) serialize(name, n, out);
    return;
  }
  if (typeof node !== 'object') {
    out.push(`<wd:${name}>`, escapeXml(String(node)), `</wd:${name}>`);
    return;
  }
  // Written straight into `out` (no per-element strings to join): the open tag's slot becomes a
  // self-closing tag when nothing follows it.
  let attrs = '';
  for (const k in node) {
    const v = node[k];
    if (v !== undefined && k.charCodeAt(0) === 64 /* @ */) attrs += ` ${k.startsWith('@_xmlns') ? k.slice(2) : `wd:${k.slice(2)}`}="${escapeXml(String(v))}"`;
  }
  const open = out.push(`<wd:${name}${attrs}>`) - 1;
  const text = node['#text'];
  if (text !== undefined) out.push(escapeXml(String(text)));
  for (const k in node) {
    const v = node[k];
    if (v !== undefined && k !== '#text' && k.charCodeAt(0) !== 64) serialize(k, v, out);
  }
  if (out.length === open + 1) out[open] = `<wd:${name}${attrs}/>`;
  else out.push(`</wd:${name}>`);
}

/** `<env:Envelope><env:Body><wd:{root} wd:version=…>…` */
export function responseEnvelope(root: string, version: string, payload: Node): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<env:Envelope xmlns:env="${SOAP_ENV_NS}"><env:Body>`];
  serialize(root, { '@_xmlns:wd': WD_NS, '@_version': version, ...payload }, out);
  out.push('</env:Body></env:Envelope>');
  return out.join('');
}

export interface FaultSpec {
  /** e.g. `Client.validationError`; rendered with the SOAP-ENV prefix */
  code: string;
  message: string;
  /** Validation_Fault detail (Workday sends one for validation errors) */
  validation?: { message: string; detail?: string; xpath?: string };
}

export function faultEnvelope(f: FaultSpec): string {
  const detail = f.validation
    ? {
        detail: {
          'wd:Validation_Fault': {
            'wd:Validation_Error': {
              'wd:Message': f.validation.message,
              'wd:Detail_Message': f.validation.detail ?? f.validation.message,
              'wd:Xpath': f.validation.xpath,
            },
          },
        },
      }
    : {};
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    builder.build({
      'SOAP-ENV:Envelope': {
        '@_xmlns:SOAP-ENV': SOAP_ENV_NS,
        'SOAP-ENV:Body': {
          'SOAP-ENV:Fault': { '@_xmlns:wd': WD_NS, faultcode: `SOAP-ENV:${f.code}`, faultstring: f.message, ...detail },
        },
      },
    })
  );
}

/** A parsed request: namespace prefixes removed, the Body's single operation element picked out. */
export interface SoapRequest {
  header: Record<string, unknown>;
  operation: string;
  body: Record<string, unknown>;
}

export class SoapParseError extends Error {}

export function parseRequest(xml: string): SoapRequest {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SoapParseError(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const doc = parser.parse(xml) as Record<string, unknown>;
  const env = doc['Envelope'] as Record<string, unknown> | undefined;
  if (!env || typeof env !== 'object') throw new SoapParseError('the document element is not a SOAP Envelope');
  const body = env['Body'];
  if (!body || typeof body !== 'object') throw new SoapParseError('the SOAP Envelope has no Body');
  const ops = Object.keys(body).filter((k) => !k.startsWith('@_'));
  if (ops.length !== 1) throw new SoapParseError(`the SOAP Body must hold exactly one request element, found ${ops.length}`);
  const operation = ops[0]!;
  const content = (body as Record<string, unknown>)[operation];
  return {
    header: (env['Header'] && typeof env['Header'] === 'object' ? env['Header'] : {}) as Record<string, unknown>,
    operation,
    body: (content && typeof content === 'object' ? content : {}) as Record<string, unknown>,
  };
}

/** Text of an element parsed with attributes (`{ '#text': … }`) or without. */
export function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') {
    const t = (v as Record<string, unknown>)['#text'];
    return t === undefined ? '' : String(t);
  }
  return String(v);
}
