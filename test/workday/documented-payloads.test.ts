// Workday Recruiting as its public web-service reference documents it (Workday Web Services API
// reference, Recruiting service v42.0: Get_Job_Requisitions, Get_Candidates, Get_Job_Postings; and
// Report-as-a-Service JSON), through the real extractor, landing, staging and core. The payloads are
// test/fixtures/vendor-examples/workday/*; its README says which element lists they follow and which
// record is a captured response copied element for element.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';
import { startServer, json, type TestServer } from '../http/helpers/server.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { exampleJson, exampleText, rowsOf } from '../helpers/vendor-examples.ts';
import { build } from '../models/harness.ts';
import { expectDataTestsPass, expectEveryDropExplained, inferredStages } from '../models/assertions.ts';
import { openDuck, type TestEngine } from '../transforms/fixtures.ts';

const TENANT = 'acme';
const USER = 'ISU_HIRELAKE';
const PASSWORD = 'documented-password';
const REPORT = { owner: USER, name: 'Recruiting_Stage_History' };
/** Operation → page → documented response envelope. */
const PAGES: Record<string, string[]> = {
  Get_Job_Requisitions: [exampleText('workday', 'Get_Job_Requisitions.xml')],
  Get_Candidates: [exampleText('workday', 'Get_Candidates.page1.xml'), exampleText('workday', 'Get_Candidates.page2.xml')],
  Get_Job_Postings: [exampleText('workday', 'Get_Job_Postings.xml')],
};
const AS_OF = '2025-03-03T09:00:00.000-08:00';

function fault(res: ServerResponse, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:${code}</faultcode><faultstring>${message}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
  res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
  res.end(body);
}

/**
 * The documented envelopes served as Workday serves them: SOAP 1.1 POSTs to
 * /ccx/service/{tenant}/Recruiting/{version} with a WS-Security UsernameToken, Response_Filter paging
 * (page 2 must carry page 1's As_Of_Entry_DateTime), faults as HTTP 500; RaaS JSON with HTTP Basic.
 */
function workday() {
  return (req: { method?: string; url: string; body: string; headers: Record<string, string | string[] | undefined> }, res: ServerResponse) => {
    const url = new URL(req.url, 'http://fixture');
    if (req.method === 'GET' && url.pathname === `/ccx/service/customreport2/${TENANT}/${REPORT.owner}/${REPORT.name}`) {
      if (req.headers['authorization'] !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) return json(res, 401, { error: 'unauthorized' });
      if (url.searchParams.get('format') !== 'json') return json(res, 400, { error: 'expected format=json' });
      return json(res, 200, exampleJson('workday', 'Recruiting_Stage_History.json'));
    }
    if (req.method !== 'POST' || url.pathname !== `/ccx/service/${TENANT}/Recruiting/v42.0`) return json(res, 404, { error: 'not found' });
    if (!req.body.includes(`<wsse:Username>${USER}@${TENANT}</wsse:Username>`) || !req.body.includes(`>${PASSWORD}</wsse:Password>`)) {
      return fault(res, 'Client.authenticationError', 'invalid username or password');
    }
    const op = /<bsvc:(Get_\w+)_Request\b/.exec(req.body)?.[1];
    const pages = op ? PAGES[op] : undefined;
    if (!op || !pages) return fault(res, 'Client.validationError', `unknown operation ${op}`);
    const page = Number(/<bsvc:Page>(\d+)<\/bsvc:Page>/.exec(req.body)?.[1] ?? 1);
    if (page > 1 && !req.body.includes(`<bsvc:As_Of_Entry_DateTime>${AS_OF}</bsvc:As_Of_Entry_DateTime>`)) {
      return fault(res, 'Client.validationError', 'later pages must send page 1 As_Of_Entry_DateTime');
    }
    const body = pages[page - 1];
    if (!body) return fault(res, 'Client.validationError', `page ${page} is beyond Total_Pages`);
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(body);
  };
}

function configFor(server: TestServer): HirelakeConfig & { models: { include_pii: boolean } } {
  return resolveConfig(
    {
      warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' },
      models: { include_pii: true },
      connections: [
        {
          name: 'gamma', source: 'workday', host: 'wd2-impl-services1.workday.com', tenant: TENANT, credentials: { username: USER, password: PASSWORD },
          base_url: server.url, page_size: 2, rate_limit: { requests: 1_000_000, per_seconds: 1 },
          stage_history_report: {
            ...REPORT,
            columns: {
              job_application_id: 'Job_Application_ID', step: 'Job_Application_Step', moved_at: 'Date_and_Time_Moved_to_Step',
              recruiting_stage: 'Recruiting_Stage', candidate_id: 'Candidate_ID', job_requisition_id: 'Job_Requisition_ID',
            },
          },
        },
      ],
    },
    '/nonexistent/hirelake.yml',
    sources,
  ) as HirelakeConfig & { models: { include_pii: boolean } };
}

describe('Workday documented payloads → raw → staging → core', () => {
  let server: TestServer;
  let t: TestEngine;
  let config: HirelakeConfig & { models: { include_pii: boolean } };
  const core = (table: string, columns: readonly string[], orderBy: string) => rowsOf(t.engine, t.engine.schemas.core, table, columns, orderBy);
  const A = { hired: 'JOB_APPLICATION-6-248', rejected: 'JOB_APPLICATION-6-301', active: 'JOB_APPLICATION-6-302' } as const;

  beforeAll(async () => {
    server = await startServer(workday());
    config = configFor(server);
    t = await openDuck();
    const res = await extractInto(t.engine, config);
    if (!res.ok) throw new Error(`extract failed: ${JSON.stringify(res.streams.filter((s) => s.error))}`);
    await build(t.engine, config);
  });
  afterAll(async () => {
    await t?.dispose();
    await server?.close();
  });

  it('lands one record per job application (not per candidate; the prospect has none), per requisition, posting and report row', async () => {
    const count = async (s: string) => Number((await t.engine.query<{ n: number }>(`select count(*) as n from raw.workday__${s}__latest where not _deleted`))[0]!.n);
    expect(await count('job_applications')).toBe(3);
    expect(await count('requisitions')).toBe(2);
    expect(await count('postings')).toBe(2);
    expect(await count('stage_history')).toBe(10);
    // Get_Candidates came in two pages from one snapshot.
    expect(server.requests.filter((r) => r.body.includes('Get_Candidates_Request')).length).toBe(2);
    const landed = await t.engine.query<{ p: string }>(`select cast(_payload as varchar) as p from raw.workday__job_applications__latest where _record_id = '${A.hired}'`);
    expect(JSON.parse(landed[0]!.p)).toMatchObject({ As_Of_Entry_DateTime: AS_OF, Candidate: { Candidate_Reference: { ID: { Candidate_ID: 'CAND-1182' } } } });
  });

  it('Get_Candidates: applications with ids, zoned application dates, statuses, dispositions and sources', async () => {
    const rows = await core(
      'applications',
      ['application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_stage_id', 'current_canonical_stage', 'rejected_at', 'rejection_reason', 'rejection_type', 'hired_at'],
      'application_id',
    );
    expect(rows).toEqual([
      // Job_Application_Date is a date in the tenant's zone (2015-12-20-08:00): its midnight there.
      // Hired at Ready for Hire, whose Status_Timestamp is the hire; its stage is the last one it visited.
      { application_id: A.hired, candidate_id: 'CAND-1182', job_id: 'R-00008', is_prospect: false, source_name: 'LinkedIn', applied_at: '2015-12-20T08:00:00.000Z', status: 'hired', current_stage_id: 'Offer', current_canonical_stage: 'offer', rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: '2016-03-01T18:00:00.000Z' },
      { application_id: A.rejected, candidate_id: 'CAND-1201', job_id: 'R-00012', is_prospect: false, source_name: 'Employee Referral', applied_at: '2025-01-06T08:00:00.000Z', status: 'rejected', current_stage_id: 'Recruiter Phone Screen', current_canonical_stage: 'screen', rejected_at: '2025-01-21T00:30:00.000Z', rejection_reason: 'Not Qualified', rejection_type: 'unspecified', hired_at: null },
      { application_id: A.active, candidate_id: 'CAND-1202', job_id: 'R-00012', is_prospect: false, source_name: 'LinkedIn', applied_at: '2025-01-08T08:00:00.000Z', status: 'active', current_stage_id: 'Hiring Manager Interview', current_canonical_stage: 'interview', rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: null },
    ]);
    expect(await core('candidates', ['candidate_id', 'created_at', 'first_name', 'last_name', 'email', 'phone'], 'candidate_id')).toEqual([
      { candidate_id: 'CAND-1182', created_at: '2015-12-20T08:00:00.000Z', first_name: 'Ana', last_name: 'Lima', email: 'ana.lima@example.com', phone: '+44 20 7946 0018' },
      { candidate_id: 'CAND-1201', created_at: '2025-01-06T08:00:00.000Z', first_name: 'Ben', last_name: 'Okafor', email: 'ben.okafor@example.com', phone: null },
      { candidate_id: 'CAND-1202', created_at: '2025-01-08T08:00:00.000Z', first_name: 'Chloé', last_name: "O'Neil-Dubois", email: 'chloe@example.fr', phone: '+33 6 12 34 56 78' },
    ]);
    expect(await core('sources', ['source_id', 'name'], 'name')).toEqual([
      { source_id: '7a8b9c0d1e2f43a4b5c6d7e8f9a0b1c2', name: 'Employee Referral' },
      { source_id: '6f7a8b9c0d1e42f3a4b5c6d7e8f9a0b1', name: 'LinkedIn' },
    ]);
    expect(await core('rejection_reasons', ['rejection_reason_id', 'name', 'rejection_type'], 'name')).toEqual([
      { rejection_reason_id: 'ab0c1d2e3f4a46b7c8d9e0f1a2b3c4d5', name: 'Not Qualified', rejection_type: 'unspecified' },
    ]);
  });

  it('the RaaS stage history: one visit per move, the Ready for Hire move is the hire, the last visit ends at the outcome', async () => {
    expect(await core('stage_visits', ['visit_id', 'application_id', 'job_id', 'stage_id', 'canonical_stage', 'entered_at', 'exited_at'], 'visit_id')).toEqual([
      { visit_id: `${A.hired}#1`, application_id: A.hired, job_id: 'R-00008', stage_id: 'Review', canonical_stage: 'applied', entered_at: '2015-12-20T17:12:00.000Z', exited_at: '2016-01-05T18:00:00.000Z' },
      { visit_id: `${A.hired}#2`, application_id: A.hired, job_id: 'R-00008', stage_id: 'Recruiter Phone Screen', canonical_stage: 'screen', entered_at: '2016-01-05T18:00:00.000Z', exited_at: '2016-01-20T22:30:00.000Z' },
      { visit_id: `${A.hired}#3`, application_id: A.hired, job_id: 'R-00008', stage_id: 'Hiring Manager Interview', canonical_stage: 'interview', entered_at: '2016-01-20T22:30:00.000Z', exited_at: '2016-02-15T17:00:00.000Z' },
      { visit_id: `${A.hired}#4`, application_id: A.hired, job_id: 'R-00008', stage_id: 'Offer', canonical_stage: 'offer', entered_at: '2016-02-15T17:00:00.000Z', exited_at: '2016-03-01T18:00:00.000Z' },
      { visit_id: `${A.rejected}#1`, application_id: A.rejected, job_id: 'R-00012', stage_id: 'Review', canonical_stage: 'applied', entered_at: '2025-01-06T16:40:00.000Z', exited_at: '2025-01-13T23:00:00.000Z' },
      { visit_id: `${A.rejected}#2`, application_id: A.rejected, job_id: 'R-00012', stage_id: 'Recruiter Phone Screen', canonical_stage: 'screen', entered_at: '2025-01-13T23:00:00.000Z', exited_at: '2025-01-21T00:30:00.000Z' },
      { visit_id: `${A.active}#1`, application_id: A.active, job_id: 'R-00012', stage_id: 'Review', canonical_stage: 'applied', entered_at: '2025-01-08T20:00:00.000Z', exited_at: '2025-01-15T18:00:00.000Z' },
      { visit_id: `${A.active}#2`, application_id: A.active, job_id: 'R-00012', stage_id: 'Recruiter Phone Screen', canonical_stage: 'screen', entered_at: '2025-01-15T18:00:00.000Z', exited_at: '2025-02-03T19:15:00.000Z' },
      { visit_id: `${A.active}#3`, application_id: A.active, job_id: 'R-00012', stage_id: 'Hiring Manager Interview', canonical_stage: 'interview', entered_at: '2025-02-03T19:15:00.000Z', exited_at: null },
    ]);
  });

  it('Get_Job_Requisitions and Get_Job_Postings: jobs, departments, offices and users, with and without descriptors', async () => {
    expect(await core('jobs', ['job_id', 'name', 'status', 'department_name', 'office_name', 'opened_at', 'closed_at', 'created_at'], 'job_id')).toEqual([
      // The captured requisition: no Descriptor on any reference, no Job_Posting_Title; FILLED is
      // closed, at its posting's end date; the recruiting start date is an unzoned date.
      { job_id: 'R-00008', name: null, status: 'closed', department_name: null, office_name: null, opened_at: '2015-12-18T00:00:00.000Z', closed_at: '2016-03-01T00:00:00.000Z', created_at: null },
      { job_id: 'R-00012', name: 'Senior Data Engineer', status: 'open', department_name: 'Data Platform', office_name: 'San Francisco', opened_at: '2025-01-02T00:00:00.000Z', closed_at: null, created_at: null },
    ]);
    expect(await core('departments', ['department_id', 'name'], 'department_id')).toEqual([
      { department_id: 'Data_Platform_supervisory', name: 'Data Platform' },
      { department_id: 'Field_Sales_EMEA_supervisory', name: null },
    ]);
    expect(await core('offices', ['office_id', 'name'], 'office_id')).toEqual([
      { office_id: 'London_site', name: null },
      { office_id: 'San_Francisco_site', name: 'San Francisco' },
    ]);
    expect(await core('users', ['user_id', 'full_name', 'employee_id'], 'user_id')).toEqual([
      { user_id: '21001', full_name: 'Logan McNeil', employee_id: '21001' },
      { user_id: '21002', full_name: 'Teresa Serrano', employee_id: '21002' },
    ]);
    expect(await core('job_stages', ['job_id', 'stage_id', 'sort_order'], 'job_id, sort_order')).toEqual([
      { job_id: 'R-00008', stage_id: 'Review', sort_order: 0 },
      { job_id: 'R-00008', stage_id: 'Recruiter Phone Screen', sort_order: 1 },
      { job_id: 'R-00008', stage_id: 'Hiring Manager Interview', sort_order: 2 },
      { job_id: 'R-00008', stage_id: 'Offer', sort_order: 3 },
      { job_id: 'R-00012', stage_id: 'Review', sort_order: 0 },
      { job_id: 'R-00012', stage_id: 'Recruiter Phone Screen', sort_order: 1 },
      { job_id: 'R-00012', stage_id: 'Hiring Manager Interview', sort_order: 2 },
    ]);
  });

  it('reaches the marts: the hire is timed from its application date', async () => {
    expect(await rowsOf(t.engine, t.engine.schemas.marts, 'time_to_hire', ['application_id', 'job_id', 'applied_at', 'hired_at'], 'application_id')).toEqual([
      { application_id: A.hired, job_id: 'R-00008', applied_at: '2015-12-20T08:00:00.000Z', hired_at: '2016-03-01T18:00:00.000Z' },
    ]);
  });

  it('passes every data test, warning only about the names the captured requisition lacks and stage names it inferred', async () => {
    await expectDataTestsPass(t.engine, config, [
      { test: /^not_null:(departments|offices)\.name$/, why: 'the captured requisition carries IDs without descriptors', row: (r) => ['Field_Sales_EMEA_supervisory', 'London_site'].includes(String(r['department_id'] ?? r['office_id'])) },
      inferredStages(new Map([['Recruiter Phone Screen', 'screen'], ['Review', 'applied']])),
    ]);
    await expectEveryDropExplained(t.engine);
  });
});
