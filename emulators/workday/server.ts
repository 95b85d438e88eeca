// The HTTP front of the Workday emulator: the Recruiting SOAP service and RaaS on one loopback
// port, with Workday's auth, faults (HTTP 500 + SOAP Fault) and the shared fault injection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector, type Fault } from '../shared/faults.ts';
import { FixedWindowLimiter } from '../shared/rate-limit.ts';
import { StatsRecorder } from '../shared/stats.ts';
import { checkBasic, checkUsernameToken, type Isu } from './auth.ts';
import { OPERATIONS, runOperation, ValidationFault, type QueryContext } from './operations.ts';
import { DEFAULT_DEMOGRAPHICS_REPORT, DEFAULT_STAGE_HISTORY_REPORT, demographicsRows, reportJson, reportXml, stageHistoryRows } from './raas.ts';
import type { RenderContext } from './render.ts';
import { faultEnvelope, parseRequest, responseEnvelope, SoapParseError, type FaultSpec } from './soap.ts';
import type { WorkdayEmulator, WorkdayEmulatorOptions } from './types.ts';
import { closeServer, hardReset, readBody, listenLoopback } from '../shared/http.ts';

export const DEFAULT_VERSION = 'v42.0';
const XML_TYPE = 'text/xml;charset=UTF-8';
const SOAP_PATH = /^\/ccx\/service\/([a-z0-9_]+)\/([A-Za-z_]+)\/(v\d{2}\.\d)$/;
const RAAS_PATH = /^\/ccx\/service\/customreport2\/([a-z0-9_]+)\/([^/]+)\/([^/]+)$/;

const AUTH_FAULT: FaultSpec = { code: 'Client.authenticationError', message: 'invalid username or password' };
const NOT_AUTHORIZED: FaultSpec = { code: 'Server.processingError', message: 'Processing error occurred. The task submitted is not authorized.' };

export async function startWorkdayEmulator(opts: WorkdayEmulatorOptions): Promise<WorkdayEmulator> {
  const world = opts.world;
  // A Workday job application always belongs to a requisition; job-less candidates are prospects.
  if (world.params.joblessApplications > 0) {
    throw new Error('Workday has no job applications without a requisition: create the world with joblessApplications 0');
  }
  const clock = opts.clock ?? Date.now;
  const isu: Isu = { tenant: opts.tenant ?? 'acme', username: opts.username ?? 'ISU_HIRELAKE', password: opts.password ?? 'hirelake-emulator-password' };
  const timeZone = opts.timeZone ?? 'America/Los_Angeles';
  const report = opts.stageHistoryReport === false ? null : (opts.stageHistoryReport ?? DEFAULT_STAGE_HISTORY_REPORT);
  const demographicsReport = opts.demographicsReport === false ? null : (opts.demographicsReport ?? DEFAULT_DEMOGRAPHICS_REPORT);
  const limiter = new FixedWindowLimiter(opts.rateLimit?.limit ?? Number.MAX_SAFE_INTEGER, opts.rateLimit?.windowMs ?? 1_000, clock);
  const faults = new FaultInjector();
  faults.set(opts.faults ?? {});
  const stats = new StatsRecorder(limiter);
  const render: RenderContext = { world, tenant: isu.tenant, timeZone };
  const query: QueryContext = { render, snapshots: new Map() };

  function send(res: ServerResponse, status: number, body: string, type = XML_TYPE, headers: Record<string, string> = {}): void {
    stats.status(status);
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  // SOAP 1.1 says a fault travels with HTTP 500, and Workday follows it for every kind of fault.
  const sendFault = (res: ServerResponse, f: FaultSpec): void => send(res, 500, faultEnvelope(f));

  /** Answers with an injected fault; false when the fault only changes how the success is delivered. */
  function failWith(res: ServerResponse, fault: Fault): boolean {
    stats.fault(fault.kind);
    switch (fault.kind) {
      case 'rateLimitStorm':
        send(res, 429, 'Too Many Requests', 'text/plain', { 'Retry-After': String(fault.retryAfter) });
        return true;
      case 'serverError':
        if (fault.html) {
          send(res, fault.status, `<html><head><title>${fault.status}</title></head><body><h1>Service Unavailable</h1><p>Workday is currently unavailable.</p></body></html>`, 'text/html');
        } else {
          send(res, fault.status, faultEnvelope({ code: 'Server', message: 'An internal error occurred. Please try again later.' }));
        }
        return true;
      case 'reset':
        if (fault.phase === 'before-headers') {
          stats.status('reset');
          hardReset(res.socket);
          return true;
        }
        return false;
      case 'truncate':
      case 'tokenExpiry':
        return false;
    }
  }

  function deliver(res: ServerResponse, body: string, type: string, fault: Fault | undefined): void {
    const buf = Buffer.from(body, 'utf8');
    stats.status(200);
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': buf.length });
    if (fault?.kind === 'reset') res.write(buf.subarray(0, Math.min(64, buf.length)), () => hardReset(res.socket));
    else if (fault?.kind === 'truncate') res.write(buf.subarray(0, buf.length >> 1), () => res.socket?.destroy());
    else res.end(buf);
  }

  async function injected(res: ServerResponse, name: string): Promise<{ done: boolean; fault: Fault | undefined }> {
    const { delayMs, fault } = faults.decide(name);
    if (delayMs > 0) {
      stats.fault('slow');
      await sleep(delayMs);
    }
    return { done: fault !== undefined && failWith(res, fault), fault };
  }

  function rateLimited(res: ServerResponse): boolean {
    const rate = limiter.take();
    if (rate.allowed) return false;
    stats.rateLimited();
    send(res, 429, 'Too Many Requests', 'text/plain', { 'Retry-After': String(rate.retryAfter) });
    return true;
  }

  async function handleSoap(req: IncomingMessage, res: ServerResponse, tenant: string, service: string, version: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', 'text/plain');
    if (rateLimited(res)) return;
    const xml = await readBody(req);
    let parsed;
    try {
      parsed = parseRequest(xml);
    } catch (err) {
      if (!(err instanceof SoapParseError)) throw err;
      return sendFault(res, { code: 'Client', message: `Validation error occurred. The request could not be parsed: ${err.message}` });
    }
    if (tenant !== isu.tenant || !checkUsernameToken(isu, parsed.header, tenant)) return sendFault(res, AUTH_FAULT);
    const op = parsed.operation;
    const opName = op.replace(/_Request$/, '');
    if (service !== 'Recruiting' || !OPERATIONS[op]) {
      return sendFault(res, {
        code: 'Client.validationError',
        message: `Validation error occurred. Element '${op}' is not a valid request for the ${service} web service ${version}`,
        validation: { message: `Element '${op}' is not a valid request`, xpath: `/bsvc:${op}[1]` },
      });
    }
    if (faults.isForbidden(opName)) return sendFault(res, NOT_AUTHORIZED);
    const { done, fault } = await injected(res, opName);
    if (done) return;
    let payload;
    try {
      payload = runOperation(op, parsed.body, query);
    } catch (err) {
      if (!(err instanceof ValidationFault)) throw err;
      return sendFault(res, {
        code: 'Client.validationError',
        message: `Validation error occurred. ${err.message}`,
        validation: { message: err.message, xpath: err.xpath },
      });
    }
    deliver(res, responseEnvelope(op.replace(/_Request$/, '_Response'), version, payload), XML_TYPE, fault);
  }

  async function handleRaas(req: IncomingMessage, res: ServerResponse, url: URL, tenant: string, owner: string, name: string): Promise<void> {
    if (req.method !== 'GET') return send(res, 405, 'Method Not Allowed', 'text/plain');
    if (rateLimited(res)) return;
    if (tenant !== isu.tenant || !checkBasic(isu, req.headers.authorization, tenant)) {
      return send(res, 401, 'Unauthorized', 'text/plain', { 'WWW-Authenticate': 'Basic realm="Workday"' });
    }
    const isReport = (r: { owner: string; name: string } | null) => r !== null && owner === r.owner && name === r.name;
    const served = isReport(report) ? report! : isReport(demographicsReport) ? demographicsReport! : null;
    if (!served) {
      return send(res, 404, `{"error":"The report ${owner}/${name} does not exist or is not enabled as a web service."}`, 'application/json');
    }
    if (faults.isForbidden('customreport2')) return send(res, 403, '{"error":"The task submitted is not authorized."}', 'application/json');
    const { done, fault } = await injected(res, 'customreport2');
    if (done) return;
    const format = url.searchParams.get('format');
    const rows = served === report ? stageHistoryRows(world, report, timeZone) : demographicsRows(world, demographicsReport!);
    if (format === 'json') deliver(res, reportJson(rows, served), 'application/json;charset=UTF-8', fault);
    else if (format === null || format === 'simplexml' || format === 'xml') deliver(res, reportXml(rows, served), XML_TYPE, fault);
    else send(res, 400, `{"error":"Unsupported format '${format}'."}`, 'application/json');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    stats.request(url.pathname);
    const raas = RAAS_PATH.exec(url.pathname);
    if (raas) return handleRaas(req, res, url, raas[1]!, decodeURIComponent(raas[2]!), decodeURIComponent(raas[3]!));
    const soap = SOAP_PATH.exec(url.pathname);
    if (soap) return handleSoap(req, res, soap[1]!, soap[2]!, soap[3]!);
    send(res, 404, '<html><body><h1>404 Not Found</h1></body></html>', 'text/html');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return hardReset(res.socket);
      sendFault(res, { code: 'Server', message: err instanceof Error ? err.message : String(err) });
    });
  });
  const port = await listenLoopback(server, opts.port);
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    tenant: isu.tenant,
    endpoint: `${base}/ccx/service/${isu.tenant}/Recruiting/${DEFAULT_VERSION}`,
    credentials: { username: isu.username, password: isu.password },
    report,
    demographicsReport,
    world,
    setFaults: (f) => faults.set(f),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    stop: () => closeServer(server),
  };
}
