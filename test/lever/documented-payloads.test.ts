// Lever's documented example responses (https://hire.lever.co/developer/documentation, the
// "Examples" of each endpoint hirelake reads), through the real extractor, landing, staging and
// core. The payloads are test/fixtures/vendor-examples/lever/*.json; its README says which are the
// documentation's examples verbatim and which records were built from its attribute lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';
import { startServer, json, type TestServer } from '../http/helpers/server.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { exampleJson, rowsOf } from '../helpers/vendor-examples.ts';
import { build } from '../models/harness.ts';
import { expectDataTestsPass, expectEveryDropExplained, inferredStages } from '../models/assertions.ts';
import { openDuck, type TestEngine } from '../transforms/fixtures.ts';
import { failures } from './helpers.ts';

type Body = { data: Record<string, unknown>[]; hasNext?: boolean; next?: string };
const API_KEY = 'documented-key';
/** Two records a page: the opportunity list pages by offset token. */
const PAGE_SIZE = 2;

/** GET path → the documented response body of that list. */
const LISTS: Record<string, Body> = {
  '/opportunities': exampleJson('lever', 'opportunities.json'),
  '/opportunities/deleted': exampleJson('lever', 'opportunities_deleted.json'),
  '/postings': exampleJson('lever', 'postings.json'),
  '/postings/deleted': exampleJson('lever', 'postings_deleted.json'),
  '/requisitions': exampleJson('lever', 'requisitions.json'),
  '/stages': exampleJson('lever', 'stages.json'),
  '/archive_reasons': exampleJson('lever', 'archive_reasons.json'),
  '/sources': exampleJson('lever', 'sources.json'),
  '/users': exampleJson('lever', 'users.json'),
};
/** Per-opportunity lists: opportunity id → documented response body. */
const CHILDREN: Record<string, Record<string, Body>> = {
  offers: exampleJson('lever', 'offers.json'),
  interviews: exampleJson('lever', 'interviews.json'),
  feedback: exampleJson('lever', 'feedback.json'),
};

const OPP = {
  shane: '250d8f03-738a-4bba-a671-8a3d73477145',
  chaofan: '5c86dcd8-6cf1-40da-9ae3-5e7ea91079f5',
  roberta: '37caee03-bd3f-487d-b32e-a296ce05aa6b',
  hired: '3410c8b9-5c31-4bab-b7e9-9f710206d647',
  rejected: '5fe1d384-c9d9-403c-be63-0807a3c0cafd',
  lead: '9b2f7c1e-4d3a-4e8b-a1c6-2f5d8e7b6a91',
  postingless: 'd41c6e2a-0b7f-4c59-8e13-6a2b9f0c7d55',
} as const;
const POSTING = { infra: 'f2f01e16-27f8-4711-a728-7d49499795a0', csm: 'e540e665-06af-4888-a846-89eb36f2097d', office: '6a1e4b79-75a3-454f-9417-ea79612b9585', deleted: 'a061e321-9ed7-492b-9950-5a23a2b5acae' } as const;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Lever v1's list contract as its documentation states it: Basic auth with the key as user name,
 * `{data, hasNext, next}` with an opaque offset token, `limit` 1–100. A body is served verbatim
 * when it fits one page (some documented bodies carry no `hasNext` at all); longer ones are cut
 * into pages.
 */
function lever() {
  return (req: { url: string; headers: Record<string, string | string[] | undefined> }, res: ServerResponse) => {
    if (req.headers['authorization'] !== `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`) {
      return json(res, 401, { code: 'UnauthorizedError', message: 'Invalid API key' });
    }
    const url = new URL(req.url, 'http://fixture');
    const child = /^\/opportunities\/([^/]+)\/(offers|interviews|feedback)$/.exec(url.pathname);
    const body = child ? (CHILDREN[child[2]!]![decodeURIComponent(child[1]!)] ?? { data: [], hasNext: false }) : LISTS[url.pathname];
    if (!body) return json(res, 404, { code: 'ResourceNotFound', message: `${url.pathname} was not found` });
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const offset = url.searchParams.get('offset');
    const start = offset === null ? 0 : (JSON.parse(offset) as number);
    if (start === 0 && body.data.length <= limit) return json(res, 200, body);
    const end = start + limit;
    const more = end < body.data.length;
    return json(res, 200, { data: body.data.slice(start, end), hasNext: more, ...(more ? { next: encodeURIComponent(JSON.stringify(end)) } : {}) });
  };
}

function configFor(server: TestServer): HirelakeConfig & { models: { include_pii: boolean } } {
  return resolveConfig(
    {
      warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' },
      models: { include_pii: true },
      connections: [{ name: 'beta', source: 'lever', credentials: { api_key: API_KEY }, base_url: server.url, page_size: PAGE_SIZE, rate_limit: { requests: 1_000_000, per_seconds: 1 } }],
    },
    '/nonexistent/hirelake.yml',
    sources,
  ) as HirelakeConfig & { models: { include_pii: boolean } };
}

describe('Lever documented payloads → raw → staging → core', () => {
  let server: TestServer;
  let t: TestEngine;
  let config: HirelakeConfig & { models: { include_pii: boolean } };
  const core = (table: string, columns: readonly string[], orderBy: string) => rowsOf(t.engine, t.engine.schemas.core, table, columns, orderBy);

  beforeAll(async () => {
    server = await startServer(lever());
    config = configFor(server);
    t = await openDuck();
    const res = await extractInto(t.engine, config);
    if (!res.ok) throw new Error(`extract failed: ${failures(res)}`);
    await build(t.engine, config);
  });
  afterAll(async () => {
    await t?.dispose();
    await server?.close();
  });

  it('lands every documented record, pages the opportunities, and asks for every confidential record and expanded application', async () => {
    const count = async (stream: string, deleted: boolean) =>
      Number((await t.engine.query<{ n: number }>(`select count(*) as n from raw.lever__${stream}__latest where _deleted = ${deleted}`))[0]!.n);
    // Roberta Easton is listed, then deleted: her tombstone is the latest version.
    expect(await count('opportunities', false)).toBe(LISTS['/opportunities']!.data.length - 1);
    expect(await count('opportunities', true)).toBe(1);
    expect(await count('postings', false)).toBe(LISTS['/postings']!.data.length);
    expect(await count('postings', true)).toBe(1);
    for (const s of ['requisitions', 'stages', 'archive_reasons', 'sources', 'users']) expect(await count(s, false), s).toBe(LISTS[`/${s}`]!.data.length);
    for (const [s, byOpp] of Object.entries(CHILDREN)) expect(await count(s, false), s).toBe(Object.values(byOpp).reduce((n, b) => n + b.data.length, 0));
    const opportunityPages = server.requests.filter((r) => r.url.startsWith('/opportunities?'));
    expect(opportunityPages.length).toBe(Math.ceil(LISTS['/opportunities']!.data.length / PAGE_SIZE));
    const first = new URL(opportunityPages[0]!.url, 'http://x').searchParams;
    expect([first.get('confidentiality'), first.get('expand')]).toEqual(['all', 'applications']);
    expect(new URL(server.requests.find((r) => r.url.startsWith('/users?'))!.url, 'http://x').searchParams.get('includeDeactivated')).toBe('true');
  });

  it('opportunities (GET /opportunities?expand=applications, /opportunities/deleted): one application each, with or without a posting, deleted ones gone', async () => {
    const rows = await core(
      'applications',
      ['application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_stage_id', 'current_stage_name',
        'current_canonical_stage', 'rejected_at', 'rejection_reason', 'rejection_type', 'hired_at'],
      'applied_at',
    );
    const active = { rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: null };
    expect(rows).toEqual([
      // The documentation's opportunities, in the Recruiter Screen the examples name.
      { application_id: OPP.shane, candidate_id: '7f23e772-f2cb-4ebb-b33f-54b872999992', job_id: POSTING.csm, is_prospect: false, source_name: 'linkedin', applied_at: iso(1407460071043), status: 'active', current_stage_id: '00922a60-7c15-422b-b086-f62000824fd7', current_stage_name: 'Recruiter Screen', current_canonical_stage: 'screen', ...active },
      // The list example shows Chaofan West without stageChanges (nor updatedAt): in a pipeline
      // stage all the same, so not a prospect.
      { application_id: OPP.chaofan, candidate_id: 'bd4d81c8-7858-4624-be98-552dfb9ca850', job_id: POSTING.csm, is_prospect: false, source_name: 'Job site', applied_at: iso(1407778275799), status: 'active', current_stage_id: '00922a60-7c15-422b-b086-f62000824fd7', current_stage_name: 'Recruiter Screen', current_canonical_stage: 'screen', ...active },
      // Hired: archived with the reason of type hired.
      { application_id: OPP.hired, candidate_id: '05c248f9-ccb1-435f-bab5-0ec608aec263', job_id: POSTING.office, is_prospect: false, source_name: 'Posting', applied_at: iso(1418353241665), status: 'hired', current_stage_id: 'f48aad6f-91f7-4e87-b3f3-5e7a9207e54b', current_stage_name: 'Offer', current_canonical_stage: 'offer', rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: iso(1420000000000) },
      // The same contact's second opportunity, on a posting since deleted: archived as Underqualified.
      { application_id: OPP.rejected, candidate_id: '05c248f9-ccb1-435f-bab5-0ec608aec263', job_id: POSTING.deleted, is_prospect: false, source_name: 'Referral', applied_at: iso(1418354167890), status: 'rejected', current_stage_id: 'a42482ff-00ac-4cb2-a698-4b4436885b0c', current_stage_name: 'Recruiter Screen', current_canonical_stage: 'screen', rejected_at: iso(1418900000000), rejection_reason: 'Underqualified', rejection_type: 'unspecified', hired_at: null },
      // A sourced lead without an application: kept, no job, a prospect.
      { application_id: OPP.lead, candidate_id: 'c3e1a9b4-77f2-4f0d-9c1b-5a6e2d8f4b30', job_id: null, is_prospect: true, source_name: 'LinkedIn', applied_at: iso(1418800000000), status: 'active', current_stage_id: 'lead-new', current_stage_name: 'New lead', current_canonical_stage: null, ...active },
      // Added by hand with an application but no posting: kept, no job, in the pipeline.
      { application_id: OPP.postingless, candidate_id: 'f0a2b3c4-5d6e-4f70-8192-a3b4c5d6e7f8', job_id: null, is_prospect: false, source_name: null, applied_at: iso(1418950000000), status: 'active', current_stage_id: 'fff60592-31dd-4ebe-ba8e-e7a397c30f8e', current_stage_name: 'New applicant', current_canonical_stage: 'applied', ...active },
    ]);
  });

  it('stageChanges: each entry into a pipeline stage is a visit, lead entries are not', async () => {
    expect(await core('stage_visits', ['visit_id', 'application_id', 'job_id', 'stage_id', 'stage_name', 'canonical_stage', 'entered_at', 'exited_at'], 'visit_id')).toEqual([
      { visit_id: `${OPP.shane}:0`, application_id: OPP.shane, job_id: POSTING.csm, stage_id: '00922a60-7c15-422b-b086-f62000824fd7', stage_name: 'Recruiter Screen', canonical_stage: 'screen', entered_at: iso(1407460071043), exited_at: null },
      { visit_id: `${OPP.hired}:0`, application_id: OPP.hired, job_id: POSTING.office, stage_id: 'fff60592-31dd-4ebe-ba8e-e7a397c30f8e', stage_name: 'New applicant', canonical_stage: 'applied', entered_at: iso(1418353241665), exited_at: iso(1418400000000) },
      { visit_id: `${OPP.hired}:1`, application_id: OPP.hired, job_id: POSTING.office, stage_id: 'a42482ff-00ac-4cb2-a698-4b4436885b0c', stage_name: 'Recruiter Screen', canonical_stage: 'screen', entered_at: iso(1418400000000), exited_at: iso(1419000000000) },
      { visit_id: `${OPP.hired}:2`, application_id: OPP.hired, job_id: POSTING.office, stage_id: 'fbfb4473-38d2-4acf-943b-28cc0ed7ba87', stage_name: 'On-Site Interview', canonical_stage: 'interview', entered_at: iso(1419000000000), exited_at: iso(1419600000000) },
      // The last visit ends at the archiving.
      { visit_id: `${OPP.hired}:3`, application_id: OPP.hired, job_id: POSTING.office, stage_id: 'f48aad6f-91f7-4e87-b3f3-5e7a9207e54b', stage_name: 'Offer', canonical_stage: 'offer', entered_at: iso(1419600000000), exited_at: iso(1420000000000) },
      { visit_id: `${OPP.rejected}:0`, application_id: OPP.rejected, job_id: POSTING.deleted, stage_id: 'fff60592-31dd-4ebe-ba8e-e7a397c30f8e', stage_name: 'New applicant', canonical_stage: 'applied', entered_at: iso(1418354167890), exited_at: iso(1418500000000) },
      { visit_id: `${OPP.rejected}:1`, application_id: OPP.rejected, job_id: POSTING.deleted, stage_id: 'a42482ff-00ac-4cb2-a698-4b4436885b0c', stage_name: 'Recruiter Screen', canonical_stage: 'screen', entered_at: iso(1418500000000), exited_at: iso(1418900000000) },
      { visit_id: `${OPP.postingless}:0`, application_id: OPP.postingless, job_id: null, stage_id: 'fff60592-31dd-4ebe-ba8e-e7a397c30f8e', stage_name: 'New applicant', canonical_stage: 'applied', entered_at: iso(1418950000000), exited_at: null },
    ]);
  });

  it('postings and requisitions (GET /postings, /postings/deleted, /requisitions): jobs, openings, departments, offices', async () => {
    expect(await core('jobs', ['job_id', 'name', 'status', 'department_name', 'office_name', 'opened_at', 'closed_at', 'created_at'], 'job_id')).toEqual([
      { job_id: POSTING.office, name: 'Office Manager', status: 'closed', department_name: 'Workplace', office_name: 'Oakland', opened_at: iso(1417100000000), closed_at: iso(1420000000000), created_at: iso(1417000000000) },
      // The posting's team is its department (team before department); no requisition carries code 7381912.
      { job_id: POSTING.csm, name: 'Customer Success Manager', status: 'open', department_name: 'Customer Success', office_name: 'San Francisco', opened_at: null, closed_at: null, created_at: iso(1407778984761) },
      { job_id: POSTING.infra, name: 'Infrastructure Engineer', status: 'open', department_name: 'Platform', office_name: 'San Francisco', opened_at: null, closed_at: null, created_at: iso(1407779365624) },
    ]);
    // ENG-145 and ENG-9 (10 seats each) and OP-9 (1 seat, filled by the hire).
    const openings = await core('openings', ['opening_id', 'job_id', 'opening_key', 'status', 'opened_at', 'closed_at', 'application_id'], 'opening_id');
    expect(openings.length).toBe(21);
    expect(openings.filter((o) => o['opening_key'] === 'OP-9-1')).toEqual([
      { opening_id: '782be469-cf46-45bf-80ee-9b5ba1f2049d:1', job_id: POSTING.office, opening_key: 'OP-9-1', status: 'filled', opened_at: iso(1417100000000), closed_at: iso(1420000000000), application_id: OPP.hired },
    ]);
    // ENG-145 names a posting the examples do not list; ENG-9 no posting at all.
    expect(new Set(openings.filter((o) => String(o['opening_key']).startsWith('ENG-145-')).map((o) => `${o['job_id']}|${o['status']}|${o['closed_at']}`))).toEqual(new Set(['210bfcfc-fe7c-4c7b-87a3-c8d594c0e6c7|closed|2020-05-30T19:26:10.059Z']));
    expect(new Set(openings.filter((o) => String(o['opening_key']).startsWith('ENG-9-')).map((o) => `${o['job_id']}|${o['status']}`))).toEqual(new Set(['null|open']));
    expect(await core('departments', ['department_id', 'name', 'parent_department_id'], 'department_id')).toEqual([
      { department_id: 'department:Engineering', name: 'Engineering', parent_department_id: null },
      { department_id: 'department:Operations', name: 'Operations', parent_department_id: null },
      { department_id: 'team:/Customer Success', name: 'Customer Success', parent_department_id: null },
      { department_id: 'team:Engineering/Platform', name: 'Platform', parent_department_id: 'department:Engineering' },
      { department_id: 'team:Operations/Workplace', name: 'Workplace', parent_department_id: 'department:Operations' },
    ]);
    expect(await core('offices', ['office_id', 'name'], 'office_id')).toEqual([
      { office_id: 'Oakland', name: 'Oakland' },
      { office_id: 'San Francisco', name: 'San Francisco' },
    ]);
  });

  it('stages (GET /stages): the account-wide pipeline is every job\'s plan, lead stages left out', async () => {
    const plan = await core('job_stages', ['stage_id', 'stage_name', 'canonical_stage'], 'stage_id');
    // Eight pipeline stages in each of five plans: the three postings, the deleted one the rejected
    // opportunity names, and the account-wide plan of applications without a posting.
    expect(plan.length).toBe(8 * 5);
    const byId = new Map(plan.map((s) => [s['stage_id'], `${s['stage_name']}→${s['canonical_stage']}`]));
    expect(Object.fromEntries(byId)).toEqual({
      '00922a60-7c15-422b-b086-f62000824fd7': 'Recruiter Screen→screen',
      '51adb2bb-1e24-4135-9950-cb96e3886226': 'New lead→applied',
      'a42482ff-00ac-4cb2-a698-4b4436885b0c': 'Recruiter Screen→screen',
      'e7c6f8eb-9239-46b8-8777-ef4215cc8a7d': 'Background Check→interview',
      'f48aad6f-91f7-4e87-b3f3-5e7a9207e54b': 'Offer→offer',
      'fbfb4473-38d2-4acf-943b-28cc0ed7ba87': 'On-Site Interview→interview',
      'fe763d80-e612-4787-98bc-686679c6ac9b': 'Phone Interview→screen',
      'fff60592-31dd-4ebe-ba8e-e7a397c30f8e': 'New applicant→applied',
    });
  });

  it('offers (GET /opportunities/:id/offers): signed is accepted, denied is declined, a later offer supersedes', async () => {
    expect(await core('offers', ['offer_id', 'application_id', 'job_id', 'version', 'status', 'created_at', 'sent_at', 'resolved_at', 'starts_on'], 'offer_id')).toEqual([
      // The documented example: a signed offer, then a newer draft on the same opportunity. It names
      // neither posting nor sentAt; the sent document's upload is when it was sent.
      { offer_id: '5e7a8f61-0d1a-4a3b-8c55-2f4b7e9d1c20', application_id: OPP.hired, job_id: POSTING.office, version: 1, status: 'accepted', created_at: iso(1419500000000), sent_at: '2014-12-26T00:00:00.000Z', resolved_at: iso(1420000000000), starts_on: '2015-01-12T00:00:00.000Z' },
      { offer_id: '63662f8b-4c61-4e7e-afaa-73132a795a68', application_id: OPP.shane, job_id: POSTING.csm, version: 2, status: 'pending', created_at: iso(1475819157595), sent_at: null, resolved_at: null, starts_on: '2016-10-04T00:00:00.000Z' },
      { offer_id: '7c9d2e4f-1a3b-4c5d-9e8f-0a1b2c3d4e5f', application_id: OPP.rejected, job_id: POSTING.deleted, version: 1, status: 'declined', created_at: iso(1418600000000), sent_at: '2014-12-15T00:00:00.000Z', resolved_at: iso(1418900000000), starts_on: '2015-01-01T00:00:00.000Z' },
      { offer_id: 'a72d66c0-0fd7-4bf8-99ce-dc5979358862', application_id: OPP.shane, job_id: POSTING.csm, version: 1, status: 'accepted', created_at: iso(1475540115263), sent_at: '2020-02-28T00:00:00.000Z', resolved_at: iso(1582910097572), starts_on: '2016-10-04T00:00:00.000Z' },
    ]);
  });

  it('interviews and feedback (GET /opportunities/:id/interviews, …/feedback): the opportunity is added, deleted feedback is counted out, the documented rating field counts', async () => {
    expect(await core('interviews', ['interview_id', 'application_id', 'job_id', 'status', 'start_at', 'end_at', 'organizer_id'], 'interview_id')).toEqual([
      { interview_id: '4d8e2f10-3a5b-4c6d-8e7f-9a0b1c2d3e4f', application_id: OPP.rejected, job_id: POSTING.deleted, status: 'cancelled', start_at: iso(1418750000000), end_at: iso(1418751800000), organizer_id: '8d49b010-cc6a-4f40-ace5-e86061c677ed' },
      // The documentation's interview: on a posting the examples do not list, no feedback in yet.
      { interview_id: '6ff55c8e-fe04-4eb4-835a-630b1c0da421', application_id: OPP.shane, job_id: '9026d1f1-a03b-49dc-8a17-5f448d1de52b', status: 'scheduled', start_at: iso(1423188000000), end_at: iso(1423189800000), organizer_id: 'e434f554-659d-462d-abeb-943b9deaa370' },
      { interview_id: '85110ec8-e33a-4997-a798-5affc854b7ce', application_id: OPP.hired, job_id: POSTING.office, status: 'complete', start_at: iso(1419100000000), end_at: iso(1419103600000), organizer_id: '8d49b010-cc6a-4f40-ace5-e86061c677ed' },
    ]);
    // The documented feedback form is deleted (deletedAt set): out of core, counted in dropped_records.
    expect(await core('scorecards', ['scorecard_id', 'application_id', 'interviewer_id', 'overall_recommendation', 'interviewed_at', 'submitted_at'], 'scorecard_id')).toEqual([
      { scorecard_id: '0a96e6ca-2f17-4046-87b3-15d3b6a148db', application_id: OPP.hired, interviewer_id: 'e2befaae-b830-4c21-a002-2d5019486d1a', overall_recommendation: 'strong_yes', interviewed_at: iso(1419100000000), submitted_at: iso(1419110000000) },
    ]);
    expect(await rowsOf(t.engine, t.engine.schemas.marts, 'dropped_records', ['entity', 'reason', 'records'], 'entity, reason')).toContainEqual({ entity: 'feedback', reason: 'deleted in Lever (deletedAt set)', records: 1 });
  });

  it('users, sources, archive reasons, candidates (GET /users, /sources, /archive_reasons; contacts from opportunities)', async () => {
    expect(await core('users', ['user_id', 'full_name', 'employee_id', 'is_disabled', 'is_site_admin', 'created_at'], 'user_id')).toEqual([
      { user_id: '8d49b010-cc6a-4f40-ace5-e86061c677ed', full_name: 'Chandler Bing', employee_id: '2277399', is_disabled: true, is_site_admin: true, created_at: iso(1407357447018) },
      { user_id: 'e2befaae-b830-4c21-a002-2d5019486d1a', full_name: 'Rachel Green', employee_id: '2277380', is_disabled: false, is_site_admin: true, created_at: iso(1478035107621) },
    ]);
    expect((await core('sources', ['source_id', 'name', 'source_type'], 'source_id')).map((s) => s['name'])).toEqual(['Email Applicant', 'Email Lead', 'Gild', 'Posting', 'Referral']);
    // The hired reason marks hires; the other six are rejection reasons.
    expect((await core('rejection_reasons', ['rejection_reason_id', 'name', 'rejection_type'], 'name')).map((r) => `${r['name']}:${r['rejection_type']}`)).toEqual([
      'Culture Fit:unspecified', 'Offer declined:unspecified', 'Position filled:unspecified', 'Timing:unspecified', 'Underqualified:unspecified', 'Withdrew:unspecified',
    ]);
    expect(await core('candidates', ['candidate_id', 'created_at', 'first_name', 'last_name', 'email', 'phone'], 'candidate_id')).toEqual([
      { candidate_id: '05c248f9-ccb1-435f-bab5-0ec608aec263', created_at: iso(1418353241665), first_name: 'Teresa', last_name: 'Kale', email: 'teresa@example3.com', phone: null },
      { candidate_id: '7f23e772-f2cb-4ebb-b33f-54b872999992', created_at: iso(1407460071043), first_name: 'Shane', last_name: 'Smith', email: 'shane@exampleq3.com', phone: '(123) 456-7891' },
      { candidate_id: 'bd4d81c8-7858-4624-be98-552dfb9ca850', created_at: iso(1407778275799), first_name: 'Chaofan', last_name: 'West', email: 'chaofan@example.com', phone: '(123) 456-7891' },
      { candidate_id: 'c3e1a9b4-77f2-4f0d-9c1b-5a6e2d8f4b30', created_at: iso(1418800000000), first_name: 'Priya', last_name: 'Raman', email: 'priya@example.org', phone: null },
      { candidate_id: 'f0a2b3c4-5d6e-4f70-8192-a3b4c5d6e7f8', created_at: iso(1418950000000), first_name: 'Marco', last_name: 'Bianchi', email: null, phone: '+39 333 123 4567' },
    ]);
  });

  it('passes every data test, warning only about what the documentation itself leaves dangling', async () => {
    const dangling = new Set([POSTING.deleted, '9026d1f1-a03b-49dc-8a17-5f448d1de52b', '210bfcfc-fe7c-4c7b-87a3-c8d594c0e6c7']);
    await expectDataTestsPass(t.engine, config, [
      { test: /^relationships:\w+\.job_id->jobs\.job_id$/, why: 'a posting the examples delete or never list', row: (r) => dangling.has(String(r['job_id'])) },
      { test: /^not_null:openings\.job_id$/, why: 'requisition ENG-9 carries no posting', row: (r) => String(r['opening_id']).startsWith('33b3cdf8-baef-4b17-b9d5-04c3b7e5eeb2:') },
      // No default lists "Background Check": inferred by its keyword, and reported.
      inferredStages(new Map([['Background Check', 'interview']])),
    ]);
    await expectEveryDropExplained(t.engine);
  });
});
