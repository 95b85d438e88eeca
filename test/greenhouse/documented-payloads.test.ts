// Greenhouse Harvest v3 as its reference documents it (https://harvestdocs.greenhouse.io/reference,
// one "List …" page per endpoint hirelake reads), through the real extractor, landing, staging and
// core. The payloads are test/fixtures/vendor-examples/greenhouse/*.json; its README says where each
// field list comes from (the reference pages render their examples client-side, so the fixtures are
// built field for field from the documented response schemas, not copied from an example block).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';
import { startServer, json, type TestServer } from '../http/helpers/server.ts';
import { extractInto } from '../helpers/pipeline.ts';
import { exampleJson, rowsOf } from '../helpers/vendor-examples.ts';
import { build } from '../models/harness.ts';
import { expectDataTestsPass, expectEveryDropExplained } from '../models/assertions.ts';
import { openDuck, type TestEngine } from '../transforms/fixtures.ts';
import { findValues } from '../privacy/search.ts';

/** Every endpoint the extractor reads: GET /v3/<stream>. */
const STREAMS = sources['greenhouse']!.streams.map((s) => s.name);
/** Endpoints without created_at / updated_at (demographic questions and answer options): no time filter. */
const UNTIMED = new Set(sources['greenhouse']!.streams.filter((s) => s.sync === 'full').map((s) => s.name));
const EXAMPLES: Record<string, Record<string, unknown>[]> = Object.fromEntries(STREAMS.map((s) => [s, exampleJson<Record<string, unknown>[]>('greenhouse', `${s}.json`)]));
const CLIENT = { client_id: 'documented-client', client_secret: 'documented-secret', user_id: '40800000001' };
const TOKEN = 'documented-token';
/** Two records a page, so every endpoint with more than two documented records pages by cursor. */
const PER_PAGE = 2;

interface Cursor {
  offset: number;
  perPage: number;
}

/**
 * Harvest v3's list contract as the reference's pagination guide states it: bare JSON arrays, ids
 * descending, the next page only through `Link: <…?cursor=…>; rel="next"`, and a cursor request
 * carrying no other parameter (422 otherwise). Nothing else of Greenhouse is simulated here.
 */
function harvest(base: () => string) {
  return (req: { method?: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }, res: ServerResponse) => {
    const url = new URL(req.url, 'http://fixture');
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = new URLSearchParams(req.body);
      const basic = `Basic ${Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString('base64')}`;
      if (req.headers['authorization'] !== basic || form.get('grant_type') !== 'client_credentials' || form.get('sub') !== CLIENT.user_id) {
        return json(res, 401, { error: 'invalid_client' });
      }
      return json(res, 200, { access_token: TOKEN, token_type: 'bearer', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    }
    if (req.headers['authorization'] !== `Bearer ${TOKEN}`) return json(res, 401, { errors: ['Unauthorized'] });
    const stream = /^\/v3\/(\w+)$/.exec(url.pathname)?.[1];
    const records = stream ? EXAMPLES[stream] : undefined;
    if (!stream || !records) return json(res, 404, { errors: ['Not found'] });
    let at: Cursor;
    const cursor = url.searchParams.get('cursor');
    if (cursor !== null) {
      if ([...url.searchParams.keys()].length !== 1) return json(res, 422, { errors: ['When passing a cursor, do not include other query params.'] });
      at = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Cursor;
    } else {
      if (UNTIMED.has(stream) !== !url.searchParams.get('updated_at')) return json(res, 422, { errors: [UNTIMED.has(stream) ? 'no time filter on this endpoint' : 'expected an updated_at window'] });
      at = { offset: 0, perPage: Number(url.searchParams.get('per_page') ?? 100) };
    }
    const sorted = [...records].sort((a, b) => Number(b['id']) - Number(a['id']));
    const end = at.offset + at.perPage;
    const headers: Record<string, string> = {};
    if (end < sorted.length) {
      const next = Buffer.from(JSON.stringify({ offset: end, perPage: at.perPage } satisfies Cursor)).toString('base64url');
      headers['link'] = `<${base()}/v3/${stream}?cursor=${next}>; rel="next"`;
    }
    return json(res, 200, sorted.slice(at.offset, end), headers);
  };
}

function configFor(server: TestServer): HirelakeConfig & { models: { include_pii: boolean } } {
  return resolveConfig(
    {
      warehouse: { engine: 'duckdb', path: '/nonexistent/unused.duckdb' },
      models: { include_pii: true },
      connections: [{ name: 'acme', source: 'greenhouse', credentials: CLIENT, base_url: server.url, token_url: `${server.url}/token`, per_page: PER_PAGE, demographics: true }],
    },
    '/nonexistent/hirelake.yml',
    sources,
  ) as HirelakeConfig & { models: { include_pii: boolean } };
}

describe('Greenhouse Harvest v3 documented payloads → raw → staging → core', () => {
  let server: TestServer;
  let t: TestEngine;
  let config: HirelakeConfig & { models: { include_pii: boolean } };
  const core = (table: string, columns: readonly string[], orderBy: string) => rowsOf(t.engine, t.engine.schemas.core, table, columns, orderBy);

  beforeAll(async () => {
    let origin = '';
    server = await startServer(harvest(() => origin));
    origin = server.url;
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

  it('lands every documented record of every endpoint, following the cursor pages', async () => {
    for (const stream of STREAMS) {
      const [row] = await t.engine.query<{ n: number }>(`select count(*) as n from raw.greenhouse__${stream}__latest where not _deleted`);
      expect(Number(row!.n), stream).toBe(EXAMPLES[stream]!.length);
    }
    const cursorRequests = server.requests.filter((r) => r.url.includes('cursor='));
    const expected = STREAMS.reduce((n, s) => n + Math.ceil(EXAMPLES[s]!.length / PER_PAGE) - 1, 0);
    expect(cursorRequests.length).toBe(expected);
  });

  it('applications (GET /v3/applications): ids, instants, statuses, jobless prospects, current stage of terminal applications', async () => {
    const rows = await core(
      'applications',
      ['application_id', 'candidate_id', 'job_id', 'is_prospect', 'source_name', 'applied_at', 'status', 'current_stage_id', 'current_stage_name',
        'current_canonical_stage', 'rejected_at', 'rejection_reason', 'rejection_type', 'hired_at'],
      'application_id',
    );
    expect(rows).toEqual([
      // Hired: the reference documents job_interview_stage_id null "in a terminal state"; the current
      // stage comes from the application's current application_stages row. The hire time is the close
      // of the opening it filled (v3 has no hired_at).
      {
        application_id: '40900000001', candidate_id: '40700000001', job_id: '40500000001', is_prospect: false, source_name: 'Indeed',
        applied_at: '2025-01-06T09:15:22.123Z', status: 'hired', current_stage_id: '40600000004', current_stage_name: 'Offer',
        current_canonical_stage: 'offer', rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: '2025-02-12T18:25:00.000Z',
      },
      {
        application_id: '40900000002', candidate_id: '40700000002', job_id: '40500000001', is_prospect: false, source_name: 'Referral',
        applied_at: '2025-01-13T08:00:00.000Z', status: 'rejected', current_stage_id: '40600000002', current_stage_name: 'Phone Screen',
        current_canonical_stage: 'screen', rejected_at: '2025-02-10T16:45:00.000Z', rejection_reason: 'Lacking skill(s)/qualification(s)',
        rejection_type: 'rejected_by_company', hired_at: null,
      },
      {
        application_id: '40900000003', candidate_id: '40700000003', job_id: '40500000001', is_prospect: false, source_name: 'Indeed',
        applied_at: '2025-02-20T11:00:00.000Z', status: 'active', current_stage_id: '40600000002', current_stage_name: 'Phone Screen',
        current_canonical_stage: 'screen', rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: null,
      },
      // A prospect in a pool: no job at all, kept with job_id null.
      {
        application_id: '40900000004', candidate_id: '40700000004', job_id: null, is_prospect: true, source_name: 'LinkedIn (Prospecting)',
        applied_at: '2025-02-27T13:10:00.000Z', status: 'active', current_stage_id: null, current_stage_name: null,
        current_canonical_stage: null, rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: null,
      },
      // A prospect for a job: the job it is considered for (prospective_job_ids).
      {
        application_id: '40900000005', candidate_id: '40700000005', job_id: '40500000001', is_prospect: true, source_name: 'LinkedIn (Prospecting)',
        applied_at: '2025-03-02T08:00:00.000Z', status: 'active', current_stage_id: null, current_stage_name: null,
        current_canonical_stage: null, rejected_at: null, rejection_reason: null, rejection_type: null, hired_at: null,
      },
    ]);
  });

  it('application_stages (GET /v3/application_stages): one visit per row; a backfilled row keeps its unknown entry', async () => {
    const rows = await core('stage_visits', ['visit_id', 'application_id', 'job_id', 'stage_id', 'stage_name', 'canonical_stage', 'entered_at', 'exited_at'], 'visit_id');
    expect(rows).toEqual([
      // The reference: entered_at is "null only for backfilled or partially recorded history". Its
      // end is the next visit's start, not the hire.
      { visit_id: '41200000001', application_id: '40900000001', job_id: '40500000001', stage_id: '40600000001', stage_name: 'Application Review', canonical_stage: 'applied', entered_at: null, exited_at: '2025-01-09T10:00:00.000Z' },
      { visit_id: '41200000002', application_id: '40900000001', job_id: '40500000001', stage_id: '40600000002', stage_name: 'Phone Screen', canonical_stage: 'screen', entered_at: '2025-01-09T10:00:00.000Z', exited_at: '2025-01-20T15:30:00.000Z' },
      { visit_id: '41200000003', application_id: '40900000001', job_id: '40500000001', stage_id: '40600000003', stage_name: 'Onsite', canonical_stage: 'interview', entered_at: '2025-01-20T15:30:00.000Z', exited_at: '2025-02-03T12:00:00.000Z' },
      // Current at the hire (exited_at null): ends at the hire.
      { visit_id: '41200000004', application_id: '40900000001', job_id: '40500000001', stage_id: '40600000004', stage_name: 'Offer', canonical_stage: 'offer', entered_at: '2025-02-03T12:00:00.000Z', exited_at: '2025-02-12T18:25:00.000Z' },
      { visit_id: '41200000005', application_id: '40900000002', job_id: '40500000001', stage_id: '40600000001', stage_name: 'Application Review', canonical_stage: 'applied', entered_at: '2025-01-13T08:00:00.000Z', exited_at: '2025-01-28T09:00:00.000Z' },
      // Current at the rejection: ends at the rejection.
      { visit_id: '41200000006', application_id: '40900000002', job_id: '40500000001', stage_id: '40600000002', stage_name: 'Phone Screen', canonical_stage: 'screen', entered_at: '2025-01-28T09:00:00.000Z', exited_at: '2025-02-10T16:45:00.000Z' },
      { visit_id: '41200000007', application_id: '40900000003', job_id: '40500000001', stage_id: '40600000001', stage_name: 'Application Review', canonical_stage: 'applied', entered_at: '2025-02-20T11:00:00.000Z', exited_at: '2025-02-24T14:00:00.000Z' },
      { visit_id: '41200000008', application_id: '40900000003', job_id: '40500000001', stage_id: '40600000002', stage_name: 'Phone Screen', canonical_stage: 'screen', entered_at: '2025-02-24T14:00:00.000Z', exited_at: null },
    ]);
  });

  it('jobs, job_interview_stages, departments, offices (GET /v3/jobs, /v3/job_interview_stages, /v3/departments, /v3/offices)', async () => {
    expect(await core('jobs', ['job_id', 'name', 'status', 'department_name', 'office_name', 'opened_at', 'closed_at', 'created_at'], 'job_id')).toEqual([
      // office_ids lists two offices: the first is the primary one.
      { job_id: '40500000001', name: 'Senior Backend Engineer', status: 'open', department_name: 'Backend', office_name: 'San Francisco', opened_at: '2025-01-02T09:00:00.000Z', closed_at: null, created_at: '2024-12-18T14:21:09.337Z' },
    ]);
    expect(await core('job_stages', ['job_id', 'stage_id', 'stage_name', 'sort_order', 'canonical_stage', 'mapping_source'], 'sort_order')).toEqual([
      { job_id: '40500000001', stage_id: '40600000001', stage_name: 'Application Review', sort_order: 0, canonical_stage: 'applied', mapping_source: 'default' },
      { job_id: '40500000001', stage_id: '40600000002', stage_name: 'Phone Screen', sort_order: 1, canonical_stage: 'screen', mapping_source: 'default' },
      { job_id: '40500000001', stage_id: '40600000003', stage_name: 'Onsite', sort_order: 2, canonical_stage: 'interview', mapping_source: 'default' },
      { job_id: '40500000001', stage_id: '40600000004', stage_name: 'Offer', sort_order: 3, canonical_stage: 'offer', mapping_source: 'default' },
    ]);
    expect(await core('departments', ['department_id', 'name', 'parent_department_id'], 'department_id')).toEqual([
      { department_id: '40100000001', name: 'Engineering', parent_department_id: null },
      { department_id: '40100000002', name: 'Backend', parent_department_id: '40100000001' },
    ]);
    // v3 gives an office's location as a plain string, null when unset.
    expect(await core('offices', ['office_id', 'name', 'location'], 'office_id')).toEqual([
      { office_id: '40200000001', name: 'San Francisco', location: 'San Francisco, CA, USA' },
      { office_id: '40200000002', name: 'Remote (US)', location: null },
    ]);
  });

  it('offers and openings (GET /v3/offers, /v3/openings): versions, capitalised statuses, dates and the filled opening', async () => {
    expect(await core('offers', ['offer_id', 'application_id', 'job_id', 'version', 'status', 'created_at', 'sent_at', 'resolved_at', 'starts_on'], 'offer_id')).toEqual([
      { offer_id: '41300000001', application_id: '40900000001', job_id: '40500000001', version: 1, status: 'deprecated', created_at: '2025-02-04T15:00:00.000Z', sent_at: '2025-02-05T00:00:00.000Z', resolved_at: null, starts_on: '2025-03-03T00:00:00.000Z' },
      { offer_id: '41300000002', application_id: '40900000001', job_id: '40500000001', version: 2, status: 'accepted', created_at: '2025-02-06T10:00:00.000Z', sent_at: '2025-02-07T00:00:00.000Z', resolved_at: '2025-02-12T18:20:00.000Z', starts_on: '2025-03-10T00:00:00.000Z' },
    ]);
    expect(await core('openings', ['opening_id', 'job_id', 'opening_key', 'status', 'opened_at', 'closed_at', 'application_id'], 'opening_id')).toEqual([
      { opening_id: '41400000001', job_id: '40500000001', opening_key: 'OPN-112-1', status: 'filled', opened_at: '2025-01-02T09:00:00.000Z', closed_at: '2025-02-12T18:25:00.000Z', application_id: '40900000001' },
      { opening_id: '41400000002', job_id: '40500000001', opening_key: null, status: 'open', opened_at: '2025-01-02T09:00:00.000Z', closed_at: null, application_id: null },
    ]);
    expect(await core('openings', ['opening_id', 'target_start_on', 'close_reason', 'is_backfill'], 'opening_id')).toEqual([
      { opening_id: '41400000001', target_start_on: '2025-03-10T00:00:00.000Z', close_reason: 'Hire - New Headcount', is_backfill: null },
      { opening_id: '41400000002', target_start_on: null, close_reason: null, is_backfill: null },
    ]);
  });

  it('EEOC answers (GET /v3/eeoc, demographics: true): one row per question answered, declines spelled one way', async () => {
    const eeo = (await core('demographic_answers', ['application_id', 'category', 'answer'], 'application_id, category')).filter((r) => !String(r['category']).startsWith('custom:'));
    expect(eeo).toEqual([
      { application_id: '40900000001', category: 'disability_status', answer: "No, I don't have a disability" },
      { application_id: '40900000001', category: 'gender', answer: 'Male' },
      { application_id: '40900000001', category: 'race', answer: 'Two or More Races' },
      { application_id: '40900000001', category: 'veteran_status', answer: 'Declined to answer' },
      { application_id: '40900000002', category: 'gender', answer: 'Declined to answer' },
    ]);
  });

  it('demographic data (GET /v3/demographic_question_sets, _questions, _answer_options, _answers): one answer per custom question, free text never read', async () => {
    const custom = (await core('demographic_answers', ['application_id', 'category', 'answer'], 'application_id, category')).filter((r) => String(r['category']).startsWith('custom:'));
    expect(custom).toEqual([
      // A free-form option: its name, never the words typed in it; a multi-select answer: its options in id order.
      { application_id: '40900000001', category: 'custom:what_is_your_gender_identity', answer: 'I prefer to self-describe' },
      { application_id: '40900000001', category: 'custom:which_of_these_describe_you_select_all_that_apply', answer: 'Asian; White' },
      // The decline option; an option deleted since (listed inactive) keeps its name.
      { application_id: '40900000002', category: 'custom:what_is_your_gender_identity', answer: 'Declined to answer' },
      { application_id: '40900000002', category: 'custom:which_of_these_describe_you_select_all_that_apply', answer: 'Caregiver' },
      { application_id: '40900000003', category: 'custom:which_of_these_describe_you_select_all_that_apply', answer: 'Declined to answer' },
    ]);
    // The answer naming an option Greenhouse does not list reaches no row, and is counted.
    const drops = await rowsOf(t.engine, t.engine.schemas.marts, 'dropped_records', ['source', 'entity', 'layer', 'reason', 'records'], 'entity');
    expect(drops.filter((r) => r['layer'] === 'core')).toEqual([
      { source: 'greenhouse', entity: 'demographic_answers', layer: 'core', reason: 'its answer option is not listed under its question', records: 1 },
    ]);
    const s = t.engine.schemas;
    expect((await findValues(t.engine, [s.raw], ['Genderfluid'])).length).toBeGreaterThan(0);
    expect(await findValues(t.engine, [s.staging, s.core, s.marts], ['Genderfluid'])).toEqual([]);
  });

  it('interviews and scorecards (GET /v3/interviews, /v3/scorecards): unscheduled interviews and draft scorecards keep their nulls', async () => {
    expect(await core('interviews', ['interview_id', 'application_id', 'job_id', 'status', 'start_at', 'end_at', 'organizer_id'], 'interview_id')).toEqual([
      { interview_id: '41600000001', application_id: '40900000001', job_id: '40500000001', status: 'complete', start_at: '2025-01-27T17:00:00.000Z', end_at: '2025-01-27T18:00:00.000Z', organizer_id: '40800000001' },
      { interview_id: '41600000002', application_id: '40900000003', job_id: '40500000001', status: 'scheduled', start_at: null, end_at: null, organizer_id: null },
    ]);
    expect(await core('scorecards', ['scorecard_id', 'application_id', 'interviewer_id', 'overall_recommendation', 'interviewed_at', 'submitted_at'], 'scorecard_id')).toEqual([
      { scorecard_id: '41800000001', application_id: '40900000001', interviewer_id: '40800000002', overall_recommendation: 'strong_yes', interviewed_at: '2025-01-27T17:00:00.000Z', submitted_at: '2025-01-27T19:12:45.678Z' },
      { scorecard_id: '41800000002', application_id: '40900000003', interviewer_id: '40800000001', overall_recommendation: null, interviewed_at: '2025-02-25T16:00:00.000Z', submitted_at: null },
    ]);
  });

  it('candidates, users, sources, rejection reasons (GET /v3/candidates, /v3/users, /v3/sources, /v3/rejection_reasons)', async () => {
    expect(await core('candidates', ['candidate_id', 'created_at', 'first_name', 'last_name', 'email', 'phone'], 'candidate_id')).toEqual([
      { candidate_id: '40700000001', created_at: '2025-01-06T09:15:22.123Z', first_name: 'Ana', last_name: 'Lima', email: 'ana.lima@example.com', phone: '+351 912 345 678' },
      { candidate_id: '40700000002', created_at: '2025-01-13T08:00:00.000Z', first_name: 'Ben', last_name: 'Okafor', email: 'ben.okafor@example.com', phone: '+1 212 555 0199' },
      // Several addresses: the first listed.
      { candidate_id: '40700000003', created_at: '2025-02-20T11:00:00.000Z', first_name: 'Chloé', last_name: "O'Neil-Dubois", email: 'chloe@example.fr', phone: '+33 6 12 34 56 78' },
      { candidate_id: '40700000004', created_at: '2025-02-27T13:10:00.000Z', first_name: 'Dev', last_name: 'Patel', email: null, phone: null },
      { candidate_id: '40700000005', created_at: '2025-03-02T08:00:00.000Z', first_name: 'Eun-ji', last_name: 'Park', email: 'eunji.park@example.com', phone: null },
    ]);
    // The reference names the flag `deactivated` (the deactivated interviewer keeps their scorecard).
    expect(await core('users', ['user_id', 'full_name', 'employee_id', 'is_disabled', 'is_site_admin', 'created_at'], 'user_id')).toEqual([
      { user_id: '40800000001', full_name: 'Kate Austen', employee_id: 'E-4080', is_disabled: false, is_site_admin: true, created_at: '2024-11-04T09:58:31.000Z' },
      { user_id: '40800000002', full_name: 'Jack Shephard', employee_id: null, is_disabled: true, is_site_admin: false, created_at: '2024-11-05T09:00:00.000Z' },
    ]);
    expect(await core('sources', ['source_id', 'name', 'source_type'], 'source_id')).toEqual([
      { source_id: '40300000001', name: 'LinkedIn (Prospecting)', source_type: 'Prospecting' },
      { source_id: '40300000002', name: 'Referral', source_type: 'Referral' },
      { source_id: '40300000003', name: 'Indeed', source_type: 'Third-party boards' },
    ]);
    expect(await core('rejection_reasons', ['rejection_reason_id', 'name', 'rejection_type'], 'rejection_reason_id')).toEqual([
      { rejection_reason_id: '40400000001', name: 'Lacking skill(s)/qualification(s)', rejection_type: 'rejected_by_company' },
      { rejection_reason_id: '40400000002', name: "Wasn't interested", rejection_type: 'withdrawn_by_candidate' },
    ]);
  });

  it('who hires (GET /v3/job_owners, /v3/job_hiring_managers, /v3/referrers): the team, primaries, and the application\'s people', async () => {
    // responsible marks the primary recruiter and coordinator; the hiring manager assigned last is the primary one.
    expect(await core('job_team', ['job_id', 'user_id', 'role', 'is_primary'], 'role, user_id')).toEqual([
      { job_id: '40500000001', user_id: '40800000001', role: 'coordinator', is_primary: true },
      { job_id: '40500000001', user_id: '40800000001', role: 'hiring_manager', is_primary: true },
      { job_id: '40500000001', user_id: '40800000002', role: 'hiring_manager', is_primary: false },
      { job_id: '40500000001', user_id: '40800000001', role: 'recruiter', is_primary: true },
      { job_id: '40500000001', user_id: '40800000002', role: 'recruiter', is_primary: false },
      { job_id: '40500000001', user_id: '40800000002', role: 'sourcer', is_primary: false },
    ]);
    // The application's own recruiter, else (unassigned) the job's responsible one; the referral credits Kate.
    expect(await core('applications', ['application_id', 'recruiter_id', 'coordinator_id', 'credited_to_user_id', 'referrer_name', 'referrer_user_id'], 'application_id')).toEqual([
      { application_id: '40900000001', recruiter_id: '40800000001', coordinator_id: '40800000001', credited_to_user_id: null, referrer_name: null, referrer_user_id: null },
      { application_id: '40900000002', recruiter_id: '40800000001', coordinator_id: '40800000001', credited_to_user_id: '40800000001', referrer_name: 'Kate Austen', referrer_user_id: '40800000001' },
      { application_id: '40900000003', recruiter_id: '40800000001', coordinator_id: '40800000001', credited_to_user_id: null, referrer_name: null, referrer_user_id: null },
      { application_id: '40900000004', recruiter_id: null, coordinator_id: null, credited_to_user_id: null, referrer_name: null, referrer_user_id: null },
      { application_id: '40900000005', recruiter_id: '40800000001', coordinator_id: '40800000001', credited_to_user_id: null, referrer_name: null, referrer_user_id: null },
    ]);
  });

  it('panels and ratings (GET /v3/interviewers, /v3/scorecard_candidate_attributes, /v3/job_candidate_attributes, /v3/candidate_attribute_types)', async () => {
    // An attendee who is no user is left out; the draft placeholder scorecard is not submitted.
    expect(await core('interview_interviewers', ['interview_id', 'application_id', 'user_id', 'scorecard_id', 'scorecard_status'], 'interview_id')).toEqual([
      { interview_id: '41600000001', application_id: '40900000001', user_id: '40800000002', scorecard_id: '41800000001', scorecard_status: 'submitted' },
      { interview_id: '41600000002', application_id: '40900000003', user_id: '40800000001', scorecard_id: '41800000002', scorecard_status: 'pending' },
    ]);
    expect(await core('scorecards', ['scorecard_id', 'interview_id'], 'scorecard_id')).toEqual([
      { scorecard_id: '41800000001', interview_id: '41600000001' },
      { scorecard_id: '41800000002', interview_id: '41600000002' },
    ]);
    expect(await core('scorecard_ratings', ['scorecard_id', 'item_type', 'item_key', 'item_name', 'item_group', 'rating', 'raw_rating'], 'item_key')).toEqual([
      { scorecard_id: '41800000001', item_type: 'attribute', item_key: '42200000001', item_name: 'Communication', item_group: 'Skills', rating: 5, raw_rating: 'strong_yes' },
      { scorecard_id: '41800000001', item_type: 'attribute', item_key: '42200000002', item_name: 'System Design', item_group: 'Qualifications', rating: 3, raw_rating: 'mixed' },
      { scorecard_id: '41800000001', item_type: 'attribute', item_key: '42200000003', item_name: 'Ownership', item_group: 'Skills', rating: null, raw_rating: 'no_decision' },
    ]);
  });

  it('custom fields (custom_fields on jobs, candidates, offers): one typed row per record and field', async () => {
    expect(await core('custom_field_values', ['entity', 'record_id', 'field_key', 'field_name', 'field_type', 'value_text', 'value_number', 'value_date', 'value_bool'], 'entity, record_id')).toEqual([
      { entity: 'candidates', record_id: '40700000001', field_key: 'desired_salary', field_name: 'Desired Salary', field_type: 'currency', value_text: 'USD', value_number: 170000, value_date: null, value_bool: null },
      { entity: 'jobs', record_id: '40500000001', field_key: 'employment_type', field_name: 'Employment Type', field_type: 'single_select', value_text: 'Full-time', value_number: null, value_date: null, value_bool: null },
      { entity: 'offers', record_id: '41300000001', field_key: 'base_salary', field_name: 'Base Salary', field_type: 'currency', value_text: 'USD', value_number: 175000, value_date: null, value_bool: null },
      { entity: 'offers', record_id: '41300000002', field_key: 'base_salary', field_name: 'Base Salary', field_type: 'currency', value_text: 'USD', value_number: 185000, value_date: null, value_bool: null },
    ]);
  });

  it('reaches the marts: the hire is timed and its accepted offer counted', async () => {
    expect(await rowsOf(t.engine, t.engine.schemas.marts, 'time_to_hire', ['application_id', 'job_id', 'applied_at', 'hired_at'], 'application_id')).toEqual([
      { application_id: '40900000001', job_id: '40500000001', applied_at: '2025-01-06T09:15:22.123Z', hired_at: '2025-02-12T18:25:00.000Z' },
    ]);
    expect(await rowsOf(t.engine, t.engine.schemas.marts, 'offer_acceptance', ['job_id', 'offers', 'accepted', 'declined', 'pending'], 'job_id')).toEqual([
      { job_id: '40500000001', offers: 1, accepted: 1, declined: 0, pending: 0 },
    ]);
  });

  it('passes every data test; the only warning is the backfilled visit without an entry time, and no record is dropped unexplained', async () => {
    await expectDataTestsPass(t.engine, config, [
      { test: /^not_null:stage_visits\.entered_at$/, why: 'documented backfilled history row', row: (r) => r['visit_id'] === '41200000001' },
    ]);
    await expectEveryDropExplained(t.engine);
  });
});
