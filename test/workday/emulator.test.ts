// The Workday emulator on the wire: SOAP 1.1 envelopes, WS-Security, paging, the transaction-log
// window, faults in Workday's shape, injected faults and the RaaS report. Expected values come
// straight from the world objects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DAY, advanceWorld, createWorld, type World } from '../../emulators/world/index.ts';
import { DEFAULT_STAGE_HISTORY_REPORT, startWorkdayEmulator, type WorkdayEmulator } from '../../emulators/workday/index.ts';
import { idOf, items, post, query, results, soap } from './soap-client.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 200 * DAY;
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[-+]\d{2}:\d{2}$/;

/** What the transaction log holds for a candidate: the newest change to it or its applications. */
function candidateEntry(w: World, id: number): number {
  const c = w.candidates[id - 1]!;
  return Math.max(c.updatedAt, ...c.applicationIds.map((a) => w.applications[a - 1]!.updatedAt));
}

const faultOf = (body: Record<string, any>) => ({ code: String(body['faultcode']), message: String(body['faultstring']) });

describe('Workday emulator', () => {
  let world: World;
  let emu: WorkdayEmulator;

  beforeAll(async () => {
    world = createWorld({ seed: 21, size: 'tiny', start: START, now: NOW });
    emu = await startWorkdayEmulator({ world });
  });
  afterAll(() => emu.stop());

  it('answers a wrong password, another tenant or no token with the authentication fault (HTTP 500)', async () => {
    for (const creds of [{ password: 'not-the-password' }, { username: `${emu.credentials.username}@other_tenant` }, { username: emu.credentials.username }]) {
      const r = await soap(emu, 'Get_Candidates', query(1, 5), creds);
      expect(r.status).toBe(500);
      expect(faultOf(r.body)).toEqual({ code: 'SOAP-ENV:Client.authenticationError', message: 'invalid username or password' });
      expect(r.text).not.toContain('Response_Data');
    }
    const noHeader = await post(emu.endpoint, '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><b:Get_Candidates_Request xmlns:b="urn:com.workday/bsvc"/></s:Body></s:Envelope>');
    expect(faultOf(noHeader.body).code).toBe('SOAP-ENV:Client.authenticationError');
  });

  it('pages with Page/Count, echoes the As_Of moment and serves every candidate exactly once', async () => {
    const count = 7;
    const first = await soap(emu, 'Get_Candidates', query(1, count));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/xml/);
    const n = world.candidates.length;
    expect(results(first.body)).toEqual({ total: n, pages: Math.ceil(n / count), pageResults: count, page: 1 });
    const asOf = String(first.body['Response_Filter']['As_Of_Entry_DateTime']);
    expect(asOf).toMatch(OFFSET_TIME);
    expect(Date.parse(asOf)).toBe(world.now);
    const seen = items(first.body, 'Candidate').map((c) => idOf(c.Candidate_Reference, 'Candidate_ID'));
    for (let page = 2; page <= Math.ceil(n / count); page++) {
      const r = await soap(emu, 'Get_Candidates', query(page, count, undefined, asOf));
      expect(results(r.body).page).toBe(page);
      expect(r.body['Response_Filter']['As_Of_Entry_DateTime']).toBe(asOf);
      seen.push(...items(r.body, 'Candidate').map((c) => idOf(c.Candidate_Reference, 'Candidate_ID')));
    }
    expect(seen).toEqual(world.candidates.map((c) => `CAND-${c.id}`));
    const beyond = await soap(emu, 'Get_Candidates', query(Math.ceil(n / count) + 1, count, undefined, asOf));
    expect(results(beyond.body).pageResults).toBe(0);
    expect(beyond.text).not.toContain('Response_Data');
  });

  it('serves requisitions and external postings of the world', async () => {
    const reqs = await soap(emu, 'Get_Job_Requisitions', query(1, 999));
    expect(items(reqs.body, 'Job_Requisition').map((j) => idOf(j.Job_Requisition_Reference, 'Job_Requisition_ID'))).toEqual(world.jobs.map((j) => j.requisitionId));
    const posts = await soap(emu, 'Get_Job_Postings', query(1, 999));
    const posted = world.jobs.filter((j) => j.openedAt !== null && !j.confidential);
    expect(items(posts.body, 'Job_Posting').map((p) => idOf(p.Job_Posting_Data.Job_Requisition_Reference, 'Job_Requisition_ID'))).toEqual(posted.map((j) => j.requisitionId));
    // Names with markup characters travel escaped and come back intact.
    const withAmp = items(reqs.body, 'Job_Requisition').find((j) => String(j.Job_Requisition_Data.Supervisory_Organization_Reference['@_Descriptor']).includes('&'));
    if (withAmp) expect(reqs.text).toContain('&amp;');
    const names = new Set(world.departments.map((d) => d.name));
    for (const j of items(reqs.body, 'Job_Requisition')) expect(names.has(j.Job_Requisition_Data.Supervisory_Organization_Reference['@_Descriptor'])).toBe(true);
  });

  it('shows only the current stage of an application: step, recruiting stage, disposition and Status_Timestamp', async () => {
    const r = await soap(emu, 'Get_Candidates', query(1, 999));
    const apps = new Map<string, any>();
    const prospectOnly: string[] = [];
    for (const c of items(r.body, 'Candidate')) {
      const data = c.Candidate_Data;
      if (!data.Job_Application_Data) prospectOnly.push(String(data.Candidate_ID));
      for (const a of data.Job_Application_Data ?? []) apps.set(String(a.Job_Applied_To_Data.Job_Application_ID), { ...a.Job_Applied_To_Data, prospect: data.Prospect_Data });
    }
    const pipeline = world.applications.filter((a) => !a.isProspect);
    expect([...apps.keys()].sort()).toEqual(pipeline.map((a) => `JOB_APPLICATION-${a.id}`).sort());
    for (const c of world.candidates.filter((c) => c.applicationIds.every((id) => world.applications[id - 1]!.isProspect))) {
      expect(prospectOnly).toContain(`CAND-${c.id}`);
    }
    for (const a of pipeline) {
      const x = apps.get(`JOB_APPLICATION-${a.id}`);
      expect(x.Job_Application_Date).toMatch(OFFSET_TIME);
      expect(Date.parse(x.Job_Application_Date)).toBe(a.appliedAt);
      expect(idOf(x.Job_Requisition_Reference, 'Job_Requisition_ID')).toBe(`REQ-${a.jobId}`);
      expect(x.Source_Reference['@_Descriptor']).toBe(world.sources[a.sourceId - 1]!.name);
      const last = world.visits[a.visitIds.at(-1)! - 1]!;
      if (a.status === 'hired') {
        expect(idOf(x.Stage_Reference, 'Recruiting_Stage_ID')).toBe('READY_FOR_HIRE');
        expect(Date.parse(x.Status_Timestamp)).toBe(a.hiredAt);
        expect(x.Disposition_Reference).toBeUndefined();
      } else {
        expect(x.Workflow_Step_Reference['@_Descriptor']).toBe(world.stages[last.stageId - 1]!.name);
        expect(Date.parse(x.Status_Timestamp)).toBe(a.status === 'rejected' ? a.rejectedAt : last.enteredAt);
        if (a.status === 'rejected') expect(x.Disposition_Reference['@_Descriptor']).toBe(world.rejectionReasons[a.rejectionReasonId! - 1]!.name);
        else expect(x.Disposition_Reference).toBeUndefined();
      }
    }
  });

  it('selects by the latest transaction with Updated_From / Updated_Through, both ends inclusive', async () => {
    const w = createWorld({ seed: 22, size: 'tiny', start: START, now: NOW });
    const e = await startWorkdayEmulator({ world: w });
    try {
      const t0 = w.now;
      advanceWorld(w, { days: 6 });
      const from = new Date(t0 + 1).toISOString();
      const through = new Date(w.now).toISOString();
      const r = await soap(e, 'Get_Candidates', query(1, 999, { from, through }));
      const expected = w.candidates.filter((c) => {
        const t = candidateEntry(w, c.id);
        return t > t0 && t <= w.now;
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(w.candidates.length);
      expect(items(r.body, 'Candidate').map((c) => idOf(c.Candidate_Reference, 'Candidate_ID'))).toEqual(expected.map((c) => `CAND-${c.id}`));
      // Inclusive on both ends: a window of exactly one instance's entry moment returns it.
      const one = expected[0]!;
      const at = new Date(candidateEntry(w, one.id)).toISOString();
      const exact = await soap(e, 'Get_Candidates', query(1, 999, { from: at, through: at }));
      expect(items(exact.body, 'Candidate').map((c) => idOf(c.Candidate_Reference, 'Candidate_ID'))).toContain(`CAND-${one.id}`);
      // Offsets are honoured: the same instant written in the tenant zone selects the same.
      const zoned = await soap(e, 'Get_Candidates', query(1, 999, { from: '2020-01-01T00:00:00-08:00', through }));
      expect(results(zoned.body).total).toBe(w.candidates.filter((c) => candidateEntry(w, c.id) <= w.now).length);
    } finally {
      await e.stop();
    }
  });

  it('answers bad requests with validation faults in Workday shape, and an unpermitted operation with processingError', async () => {
    const big = await soap(emu, 'Get_Candidates', query(1, 1000));
    expect(big.status).toBe(500);
    expect(faultOf(big.body).code).toBe('SOAP-ENV:Client.validationError');
    expect(big.body['detail']['Validation_Fault']['Validation_Error'][0]['Xpath']).toBe('/bsvc:Get_Candidates_Request[1]/bsvc:Response_Filter[1]/bsvc:Count[1]');
    const backwards = await soap(emu, 'Get_Candidates', query(1, 10, { from: '2024-02-01T00:00:00Z', through: '2024-01-01T00:00:00Z' }));
    expect(faultOf(backwards.body)).toEqual({ code: 'SOAP-ENV:Client.validationError', message: expect.stringContaining('Updated_From must be on or before Updated_Through') });
    const badDate = await soap(emu, 'Get_Candidates', query(1, 10, { from: 'yesterday' }));
    expect(faultOf(badDate.body).message).toContain("'yesterday'");
    const unknown = await soap(emu, 'Get_Workers', {});
    expect(faultOf(unknown.body).code).toBe('SOAP-ENV:Client.validationError');
    const broken = await post(emu.endpoint, '<?xml version="1.0"?><soapenv:Envelope><soapenv:Body>');
    expect(broken.status).toBe(500);
    expect(faultOf(broken.body).code).toBe('SOAP-ENV:Client');
    emu.setFaults({ forbidden: ['Get_Job_Postings'] });
    try {
      const denied = await soap(emu, 'Get_Job_Postings', query(1, 10));
      expect(denied.status).toBe(500);
      expect(faultOf(denied.body)).toEqual({ code: 'SOAP-ENV:Server.processingError', message: 'Processing error occurred. The task submitted is not authorized.' });
    } finally {
      emu.setFaults({});
    }
  });

  it('injects server faults, 429 storms, resets and truncated bodies', async () => {
    try {
      emu.setFaults({ serverError: { everyNth: 1, statuses: [500], body: 'json' } });
      const soapFault = await soap(emu, 'Get_Candidates', query(1, 5));
      expect([soapFault.status, faultOf(soapFault.body).code]).toEqual([500, 'SOAP-ENV:Server']);
      emu.setFaults({ serverError: { everyNth: 1, statuses: [503], body: 'html' } });
      const html = await soap(emu, 'Get_Candidates', query(1, 5));
      expect([html.status, html.headers['content-type']]).toEqual([503, 'text/html']);
      emu.setFaults({ rateLimitStorm: { everyNth: 1, length: 2, retryAfterSeconds: 2 } });
      const limited = await soap(emu, 'Get_Candidates', query(1, 5));
      expect([limited.status, limited.headers['retry-after']]).toEqual([429, '2']);
      emu.setFaults({ truncate: { everyNth: 1 } });
      await expect(soap(emu, 'Get_Candidates', query(1, 50))).rejects.toThrow();
      emu.setFaults({ reset: { everyNth: 1 } });
      await expect(soap(emu, 'Get_Candidates', query(1, 5))).rejects.toThrow();
      expect(emu.stats().faults).toMatchObject({ serverError: 2, rateLimitStorm: 1, truncate: 1, reset: 1 });
    } finally {
      emu.setFaults({});
    }
    expect((await soap(emu, 'Get_Candidates', query(1, 5))).status).toBe(200);
  });

  describe('RaaS stage-history report', () => {
    const raas = (e: WorkdayEmulator, auth: string, report = e.report!, format = 'json') =>
      request(`${e.url}/ccx/service/customreport2/${e.tenant}/${report.owner}/${report.name}?format=${format}`, {
        headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}` },
      });

    it('returns { Report_Entry: [...] } with one row per move into a step and the hire, in the report’s own column names', async () => {
      const res = await raas(emu, `${emu.credentials.username}:${emu.credentials.password}`);
      expect(res.statusCode).toBe(200);
      const body = (await res.body.json()) as { Report_Entry: Record<string, string>[] };
      const cols = DEFAULT_STAGE_HISTORY_REPORT.columns;
      const pipeline = world.applications.filter((a) => !a.isProspect);
      expect(body.Report_Entry.length).toBe(pipeline.reduce((n, a) => n + a.visitIds.length + (a.status === 'hired' ? 1 : 0), 0));
      const moves = body.Report_Entry.filter((r) => r[cols.job_application_id] === `JOB_APPLICATION-${pipeline[0]!.id}`);
      expect(moves.slice(0, pipeline[0]!.visitIds.length).map((r) => [r[cols.step], Date.parse(r[cols.moved_at]!)])).toEqual(
        pipeline[0]!.visitIds.map((v) => [world.stages[world.visits[v - 1]!.stageId - 1]!.name, world.visits[v - 1]!.enteredAt]),
      );
    });

    it('uses the configured column names, answers `{}` for no rows, 401 for a bad password and 404 for an unknown report', async () => {
      const empty = createWorld({ seed: 1, size: { jobs: 0 }, start: START, now: START + DAY });
      const columns = { job_application_id: 'CF_App_Ref', candidate_id: 'Cand', job_requisition_id: 'Req', recruiting_stage: 'Stage_Group', step: 'Step_Name', moved_at: 'Moved_On' };
      const e = await startWorkdayEmulator({ world: empty, stageHistoryReport: { owner: 'someone', name: 'Funnel_Moves', columns } });
      try {
        const ok = await raas(e, `${e.credentials.username}@${e.tenant}:${e.credentials.password}`);
        expect(await ok.body.text()).toBe('{}');
        const wrong = await raas(e, `${e.credentials.username}:nope`);
        expect(wrong.statusCode).toBe(401);
        await wrong.body.dump();
        const missing = await raas(e, `${e.credentials.username}:${e.credentials.password}`, { ...e.report!, name: 'Other' });
        expect(missing.statusCode).toBe(404);
        await missing.body.dump();
      } finally {
        await e.stop();
      }
      const e2 = await startWorkdayEmulator({ world, stageHistoryReport: { owner: 'someone', name: 'Funnel_Moves', columns } });
      try {
        const rows = ((await (await raas(e2, `${e2.credentials.username}:${e2.credentials.password}`)).body.json()) as { Report_Entry: Record<string, string>[] }).Report_Entry;
        expect(Object.keys(rows[0]!).sort()).toEqual(Object.values(columns).sort());
      } finally {
        await e2.stop();
      }
    });
  });
});
