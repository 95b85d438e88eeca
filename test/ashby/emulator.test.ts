// Wire behaviour of the Ashby emulator, checked against Ashby's public API reference (its OpenAPI
// document and the example payloads in developers.ashbyhq.com): what an extractor written against
// real Ashby must cope with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DAY, PRESETS, advanceWorld, createWorld, eraseCandidate, erasableCandidates, type World } from '../../emulators/world/index.ts';
import { startAshbyEmulator, type AshbyEmulator } from '../../emulators/ashby/index.ts';
import { EMULATOR_NO_LIMIT } from './helpers.ts';

type Rec = Record<string, any> & { id: string };
interface Resp { status: number; json: any; text: string; headers: Record<string, string> }

const START = Date.UTC(2024, 0, 1);
const NOW = START + 240 * DAY;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const basic = (key: string, password = '') => `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;

async function post(emu: AshbyEmulator, endpoint: string, body: unknown = {}, headers: Record<string, string> = {}, method: 'POST' | 'GET' = 'POST'): Promise<Resp> {
  const res = await request(`${emu.url}/${endpoint}`, {
    method,
    headers: { authorization: basic(emu.credentials.api_key), 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.statusCode, json, text, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])) };
}

/** Every page of a list, as a client walks it: the cursor goes back in the body with the other fields. */
async function listAll(emu: AshbyEmulator, endpoint: string, body: Record<string, unknown> = {}, limit = 37): Promise<{ records: Rec[]; pages: number; last: any }> {
  const records: Rec[] = [];
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const r = await post(emu, endpoint, { ...body, limit, ...(cursor ? { cursor } : {}) });
    expect(r.status, r.text).toBe(200);
    expect(r.json.success).toBe(true);
    records.push(...r.json.results);
    if (!r.json.moreDataAvailable) return { records, pages, last: r.json };
    expect(typeof r.json.nextCursor).toBe('string');
    expect(r.json.syncToken).toBeUndefined();
    cursor = r.json.nextCursor;
  }
}

const isError = (r: Resp, code: string, status = 200) => {
  expect(r.status, r.text).toBe(status);
  expect(r.json.success).toBe(false);
  expect(r.json.errors).toEqual([code]);
  expect(r.json.errorInfo.code).toBe(code);
  expect(typeof r.json.errorInfo.message).toBe('string');
  expect(typeof r.json.errorInfo.requestId).toBe('string');
};

/** Keys a record may have, per Ashby's reference (required ones must be there). */
function hasShape(r: Rec, required: readonly string[], optional: readonly string[] = []): void {
  for (const k of required) expect(r, `missing ${k}`).toHaveProperty(k);
  for (const k of Object.keys(r)) expect([...required, ...optional], `unexpected key ${k}`).toContain(k);
}

describe('Ashby emulator', () => {
  let world: World;
  let emu: AshbyEmulator;

  beforeAll(async () => {
    // Seed 42 at 240 days has drafts, renamed stages, deleted and disabled users and a merged candidate.
    world = createWorld({ seed: 42, size: PRESETS.tiny, start: START, now: NOW });
    emu = await startAshbyEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
  });
  afterAll(() => emu.stop());

  it('wants POST with a JSON body and Basic auth with the API key as username; errors come as success: false', async () => {
    isError(await post(emu, 'application.list', {}, { authorization: '' }), 'unauthenticated', 401);
    isError(await post(emu, 'application.list', {}, { authorization: basic('wrong-key') }), 'invalid_api_key', 403);
    expect((await post(emu, 'application.list', {}, { authorization: basic(emu.credentials.api_key, 'ignored') })).status).toBe(200);
    isError(await post(emu, 'application.list', {}, {}, 'GET'), 'method_not_allowed', 405);
    isError(await post(emu, 'application.lists'), 'not_found', 404);
    isError(await post(emu, 'application.list', {}, { 'content-type': 'text/plain' }), 'invalid_input', 415);
    const bad = await post(emu, 'application.list', { limit: 'ten' });
    isError(bad, 'invalid_input');
    expect(bad.json.errorInfo.message).toBe('limit: Invalid input: expected positive integer, received string');
    isError(await post(emu, 'application.listHistory', {}), 'invalid_input');
    isError(await post(emu, 'application.listHistory', { applicationId: '00000000-0000-4000-8000-000000000000' }), 'application_not_found');
    isError(await post(emu, 'interviewStage.list', { interviewPlanId: '00000000-0000-4000-8000-000000000000' }), 'interview_plan_not_found');
  });

  it('answers with the Ashby-Version it used, and refuses an unknown one', async () => {
    const r = await post(emu, 'user.list', {}, { 'Ashby-Version': '2026-01-01' });
    expect(r.headers['ashby-version']).toBe('2026-01-01');
    expect(r.headers['ashby-version-status']).toBe('active');
    expect((await post(emu, 'user.list')).headers['ashby-version']).toBe('2026-01-01');
    isError(await post(emu, 'user.list', {}, { 'Ashby-Version': '2019-01-01' }), 'invalid_api_version', 400);
  });

  it('pages with {success, results, moreDataAvailable, nextCursor}; the last page has no cursor but a syncToken; limit is capped at 100', async () => {
    const shown = world.applications.filter((a) => a.jobId !== null);
    const { records, pages, last } = await listAll(emu, 'application.list');
    expect(pages).toBe(Math.ceil(shown.length / 37));
    expect(new Set(records.map((r) => r.id)).size).toBe(shown.length);
    expect(Object.keys(last).sort()).toEqual(['moreDataAvailable', 'results', 'success', 'syncToken']);
    expect(typeof last.syncToken).toBe('string');
    const capped = await post(emu, 'application.list', { limit: 500 });
    expect(capped.json.results.length).toBe(Math.min(100, shown.length));
    // Endpoints without incremental sync: no token, and no paging for the small lists.
    const sources = await post(emu, 'source.list', { includeArchived: true });
    expect(Object.keys(sources.json).sort()).toEqual(['moreDataAvailable', 'results', 'success']);
    const reasons = await post(emu, 'archiveReason.list', { includeArchived: true });
    expect(Object.keys(reasons.json).sort()).toEqual(['results', 'success']);
  });

  it('renders applications as Ashby does: keys omitted when not archived, the Hired and Archived stages, no application without a job', async () => {
    const { records } = await listAll(emu, 'application.list', {}, 100);
    const required = ['id', 'createdAt', 'updatedAt', 'candidate', 'status', 'customFields', 'currentInterviewStage', 'source', 'creditedToUser', 'job', 'hiringTeam', 'submitterClientIp', 'submitterUserAgent'];
    for (const r of records) {
      hasShape(r, required, ['archivedAt', 'archiveReason', 'appliedViaJobPostingId']);
      expect(r.id).toMatch(UUID);
      expect(r.createdAt).toMatch(ISO_MS);
      expect(['Active', 'Hired', 'Archived', 'Lead']).toContain(r.status);
      hasShape(r.currentInterviewStage, ['id', 'title', 'type', 'orderInInterviewPlan', 'interviewStageGroupId', 'interviewPlanId']);
      expect(['Lead', 'PreInterviewScreen', 'Active', 'Offer', 'Hired', 'Archived']).toContain(r.currentInterviewStage.type);
      hasShape(r.candidate, ['id', 'name', 'primaryEmailAddress'], ['primaryPhoneNumber']);
      expect(r.candidate.primaryEmailAddress).toEqual({ value: expect.any(String), type: 'Personal', isPrimary: true });
      hasShape(r.source.sourceType, ['id', 'title', 'isArchived']);
      hasShape(r.job, ['id', 'title', 'locationId', 'departmentId', 'brandId']);
      if (r.status === 'Archived') {
        expect(r.archivedAt).toMatch(ISO_MS);
        hasShape(r.archiveReason, ['id', 'text', 'reasonType', 'isArchived', 'customFields']);
        expect(['RejectedByOrg', 'RejectedByCandidate', 'Other']).toContain(r.archiveReason.reasonType);
        expect(r.currentInterviewStage.type).toBe('Archived');
      } else {
        expect(r).not.toHaveProperty('archivedAt');
        expect(r).not.toHaveProperty('archiveReason');
      }
      if (r.status === 'Hired') expect(r.currentInterviewStage.type).toBe('Hired');
      if (r.status === 'Lead') expect(r.currentInterviewStage.type).toBe('Lead');
    }
    // A prospect in a pool is a candidate without an application.
    const pool = world.applications.filter((a) => a.jobId === null);
    expect(pool.length).toBeGreaterThan(0);
    const candidates = new Map((await listAll(emu, 'candidate.list', {}, 100)).records.map((c) => [c.id, c]));
    for (const a of pool) {
      expect(records.some((r) => r.id === emu.ashbyId('application', a.id))).toBe(false);
      const c = world.candidates[a.candidateId - 1]!;
      if (c.mergedInto === null) expect(candidates.get(emu.ashbyId('candidate', c.id))!['applicationIds']).not.toContain(emu.ashbyId('application', a.id));
    }
  });

  it('lists application history oldest first; the current entry has no leftStageAt; a hire ends in the Hired stage', async () => {
    const hire = world.applications.find((a) => a.status === 'hired' && a.visitIds.length > 1)!;
    const active = world.applications.find((a) => a.status === 'active' && !a.isProspect && a.jobId !== null)!;
    const h = await post(emu, 'application.listHistory', { applicationId: emu.ashbyId('application', hire.id) });
    expect(h.json.moreDataAvailable).toBe(false);
    const entries: Rec[] = h.json.results;
    expect(entries.length).toBe(hire.visitIds.length + 1);
    entries.forEach((e, i) => {
      hasShape(e, ['id', 'stageId', 'title', 'enteredStageAt', 'allowedActions', 'stageNumber'], ['leftStageAt', 'actorId']);
      expect(e.stageNumber).toBe(i);
    });
    const last = entries[entries.length - 1]!;
    expect(last).not.toHaveProperty('leftStageAt');
    expect(last.title).toBe('Hired');
    expect(last.enteredStageAt).toBe(new Date(hire.hiredAt!).toISOString());
    expect(entries[entries.length - 2]!.leftStageAt).toBe(last.enteredStageAt);
    const paged = await listAll(emu, 'application.listHistory', { applicationId: emu.ashbyId('application', hire.id) }, 1);
    expect(paged.records).toEqual(entries);
    expect(paged.last).not.toHaveProperty('syncToken');
    const a = await post(emu, 'application.listHistory', { applicationId: emu.ashbyId('application', active.id) });
    expect(a.json.results.at(-1)).not.toHaveProperty('leftStageAt');
  });

  it('matches the reference example shapes of feedback, offers, jobs, openings, schedules, stages, users and reference lists', async () => {
    const feedback = (await listAll(emu, 'applicationFeedback.list', {}, 100)).records;
    expect(feedback.length).toBe(world.scorecards.length);
    for (const f of feedback) {
      hasShape(f, ['id', 'applicationId', 'submittedByUser', 'formDefinition', 'submittedValues', 'feedbackFormDefinitionId', 'interviewId', 'interviewEventId', 'submittedAt', 'applicationHistoryId']);
      hasShape(f.submittedByUser, ['id', 'firstName', 'lastName', 'email', 'globalRole', 'isEnabled', 'updatedAt']);
      const field = f.formDefinition.sections[0].fields[0];
      hasShape(field, ['isRequired', 'field']);
      expect(field.field.path).toBe('overall_recommendation');
      if ('overall_recommendation' in f.submittedValues) expect(['strong_hire', 'hire', 'no_hire', 'strong_no_hire']).toContain(f.submittedValues.overall_recommendation);
    }
    for (const o of (await listAll(emu, 'offer.list', {}, 100)).records) {
      hasShape(o, ['id', 'applicationId', 'acceptanceStatus', 'offerStatus', 'decidedAt', 'latestVersion']);
      expect(['Accepted', 'Declined', 'Pending', 'Created', 'Cancelled', 'WaitingOnResponse']).toContain(o.acceptanceStatus);
      expect(['WaitingOnApprovalStart', 'WaitingOnOfferApproval', 'WaitingOnApprovalDefinition', 'WaitingOnCandidateResponse', 'CandidateRejected', 'CandidateAccepted', 'OfferCancelled']).toContain(o.offerStatus);
      hasShape(o.latestVersion, ['id', 'startDate', 'salary', 'createdAt', 'customFields', 'fileHandles', 'author', 'approvalStatus'], ['openingId']);
      expect(o.latestVersion.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // One Ashby offer per application: a revision is a new version of the same offer.
    const withOffers = world.applications.filter((a) => a.offerIds.length > 0).length;
    expect((await listAll(emu, 'offer.list', {}, 100)).records.length).toBe(withOffers);
    for (const j of (await listAll(emu, 'job.list', { status: ['Draft', 'Open', 'Closed', 'Archived'] }, 100)).records) {
      hasShape(j, ['id', 'title', 'confidential', 'status', 'employmentType', 'updatedAt'], ['locationId', 'departmentId', 'defaultInterviewPlanId', 'interviewPlanIds', 'customFields', 'jobPostingIds', 'customRequisitionId', 'brandId', 'hiringTeam', 'author', 'createdAt', 'openedAt', 'closedAt']);
      expect(['Draft', 'Open', 'Closed', 'Archived']).toContain(j.status);
    }
    for (const o of (await listAll(emu, 'opening.list', {}, 100)).records) {
      hasShape(o, ['id', 'isArchived', 'openingState'], ['openedAt', 'closedAt', 'archivedAt', 'closeReasonId', 'latestVersion']);
      expect(['Approved', 'Closed', 'Draft', 'Filled', 'Open']).toContain(o.openingState);
      hasShape(o.latestVersion, ['id', 'identifier', 'description', 'authorId', 'createdAt', 'jobIds', 'isBackfill', 'employmentType', 'locationIds', 'hiringTeam', 'customFields'], ['teamId', 'targetHireDate', 'targetStartDate']);
    }
    for (const s of (await listAll(emu, 'interviewSchedule.list', {}, 100)).records) {
      hasShape(s, ['id', 'status', 'applicationId', 'interviewStageId'], ['scheduledBy', 'createdAt', 'updatedAt', 'interviewEvents']);
      expect(['NeedsScheduling', 'WaitingOnCandidateBooking', 'WaitingOnCandidateAvailability', 'CandidateAvailabilitySubmitted', 'Scheduled', 'WaitingOnFeedback', 'Complete', 'Cancelled', 'OnHold', 'Unknown']).toContain(s.status);
      for (const e of s.interviewEvents) {
        hasShape(e, ['id', 'interviewId', 'interviewScheduleId', 'interviewers', 'createdAt', 'updatedAt', 'startTime', 'endTime', 'feedbackLink', 'hasSubmittedFeedback'], ['interviewerUserIds', 'location', 'meetingLink', 'interviewerCalendarEventId', 'interview', 'notetakerTranscriptId', 'extraData']);
      }
    }
    const plan = (await post(emu, 'interviewPlan.list', { includeArchived: true, limit: 1 })).json.results[0];
    hasShape(plan, ['id', 'title', 'isArchived', 'createdAt', 'updatedAt']);
    const stages = await post(emu, 'interviewStage.list', { interviewPlanId: plan.id });
    expect(stages.json.moreDataAvailable).toBe(false);
    const types = stages.json.results.map((s: Rec) => s.type);
    expect(types[0]).toBe('Lead');
    expect(types.slice(-2)).toEqual(['Hired', 'Archived']);
    for (const s of stages.json.results) hasShape(s, ['id', 'title', 'type', 'orderInInterviewPlan', 'interviewPlanId'], ['interviewStageGroupId']);
    for (const u of (await listAll(emu, 'user.list', { includeDeactivated: true }, 100)).records) {
      hasShape(u, ['id', 'firstName', 'lastName', 'globalRole', 'isEnabled', 'updatedAt'], ['email', 'managerId', 'customFields']);
      expect(['Organization Admin', 'Elevated Access', 'Limited Access', 'External Recruiter']).toContain(u.globalRole);
    }
    for (const d of (await listAll(emu, 'department.list', {}, 100)).records) hasShape(d, ['id', 'name', 'isArchived', 'createdAt', 'updatedAt'], ['externalName', 'parentId', 'extraData']);
    for (const l of (await listAll(emu, 'location.list', {}, 100)).records) hasShape(l, ['id', 'name', 'isArchived'], ['externalName', 'address', 'isRemote', 'workplaceType', 'parentLocationId', 'type', 'extraData']);
    for (const s of (await post(emu, 'source.list')).json.results) hasShape(s, ['id', 'title', 'isArchived'], ['sourceType']);
    for (const a of (await post(emu, 'archiveReason.list')).json.results) hasShape(a, ['id', 'text', 'reasonType', 'isArchived']);
  });

  it('lists drafts only when asked for, deactivated users only with includeDeactivated, and never deleted users or merged candidates', async () => {
    const drafts = world.jobs.filter((j) => j.status === 'draft').length;
    expect(drafts).toBeGreaterThan(0);
    const all = await listAll(emu, 'job.list', { status: ['Draft', 'Open', 'Closed', 'Archived'] }, 100);
    expect(all.records.length).toBe(world.jobs.length);
    expect((await listAll(emu, 'job.list', {}, 100)).records.length).toBe(world.jobs.length - drafts);
    const users = (await listAll(emu, 'user.list', { includeDeactivated: true }, 100)).records.map((u) => u.id);
    expect(users.length).toBe(world.users.filter((u) => u.deletedAt === null).length);
    const enabled = await listAll(emu, 'user.list', {}, 100);
    expect(enabled.records.every((u) => u.isEnabled)).toBe(true);
    expect(enabled.records.length).toBeLessThan(users.length);
    const candidates = (await listAll(emu, 'candidate.list', {}, 100)).records;
    expect(candidates.length).toBe(world.candidates.filter((c) => c.mergedInto === null).length);
  });

  it('a sync token returns only what changed since its pass, and Ashby refuses expired, garbled and over-long ones', async () => {
    const w = createWorld({ seed: 32, size: PRESETS.tiny, start: START, now: START + 120 * DAY });
    const e = await startAshbyEmulator({ world: w, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
    try {
      const first = await listAll(e, 'application.list', {}, 100);
      const token = first.last.syncToken as string;
      expect((await post(e, 'application.list', { syncToken: token })).json).toEqual({ success: true, results: [], moreDataAvailable: false, syncToken: token });
      const before = new Map(first.records.map((r) => [r.id, JSON.stringify(r)]));
      advanceWorld(w, { days: 15 });
      const inc = await listAll(e, 'application.list', { syncToken: token }, 10);
      const after = await listAll(e, 'application.list', {}, 100);
      // Every record whose representation changed, and no record twice; a record is resent when an
      // object it embeds changed (e.g. its candidate) even if nothing shown did, but never all.
      const changed = after.records.filter((r) => before.get(r.id) !== JSON.stringify(r)).map((r) => r.id);
      expect(changed.length).toBeGreaterThan(10);
      const got = inc.records.map((r) => r.id);
      expect(new Set(got).size).toBe(got.length);
      expect(got).toEqual(expect.arrayContaining(changed));
      expect(got.length).toBeLessThan(after.records.length);
      const current = new Map(after.records.map((r) => [r.id, JSON.stringify(r)]));
      for (const r of inc.records) expect(JSON.stringify(r)).toBe(current.get(r.id));
      expect(inc.last.syncToken).not.toBe(token);

      isError(await post(e, 'application.list', { syncToken: 'garbled' }), 'sync_token_invalid');
      isError(await post(e, 'application.list', { syncToken: inc.last.syncToken.replace(/./, 'x') }), 'sync_token_invalid');
      e.setMaxIncrementalPages(1);
      const big = await post(e, 'application.list', { syncToken: token, limit: 10 });
      expect(big.json.success).toBe(true);
      isError(await post(e, 'application.list', { syncToken: token, limit: 10, cursor: big.json.nextCursor }), 'incremental_sync_too_large');
      e.setMaxIncrementalPages(undefined);
      e.expireSyncTokens();
      isError(await post(e, 'application.list', { syncToken: inc.last.syncToken }), 'sync_token_expired');
      const page = await post(e, 'candidate.list', { limit: 5 });
      e.expireCursors();
      isError(await post(e, 'candidate.list', { limit: 5, cursor: page.json.nextCursor }), 'next_cursor_expired');
      isError(await post(e, 'candidate.list', { limit: 5, cursor: 'nonsense' }), 'invalid_next_cursor');
    } finally {
      await e.stop();
    }
  });

  it('a renamed stage keeps its id; plans, applications and history show the new title', async () => {
    const renamed = world.stages.find((s) => s.jobId !== null && s.name !== s.template && world.visits.some((v) => v.stageId === s.id))!;
    const stageId = emu.ashbyId('stage', renamed.id);
    const stages = (await post(emu, 'interviewStage.list', { interviewPlanId: emu.ashbyId('plan', renamed.jobId!) })).json.results;
    expect(stages.find((s: Rec) => s.id === stageId).title).toBe(renamed.name);
    const visit = world.visits.find((v) => v.stageId === renamed.id)!;
    const history = (await post(emu, 'application.listHistory', { applicationId: emu.ashbyId('application', visit.applicationId) })).json.results;
    expect(history.find((h: Rec) => h.id === emu.ashbyId('history', visit.id)).title).toBe(renamed.name);
  });

  it('rate-limits with 429, the success: false envelope and Retry-After; application.listHistory has its own budget', async () => {
    const w = createWorld({ seed: 34, size: PRESETS.tiny, start: START, now: START + 60 * DAY });
    const e = await startAshbyEmulator({ world: w, rateLimit: { limit: 5, windowMs: 60_000 }, historyRateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const app = (await post(e, 'application.list', { limit: 1 })).json.results[0];
      expect((await post(e, 'application.listHistory', { applicationId: app.id })).status).toBe(200);
      expect((await post(e, 'application.listHistory', { applicationId: app.id })).status).toBe(200);
      const limited = await post(e, 'application.listHistory', { applicationId: app.id });
      isError(limited, 'rate_limit_exceeded', 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['x-ratelimit-limit']).toBe('2');
      expect((await post(e, 'user.list')).status).toBe(200);
      isError(await post(e, 'user.list'), 'rate_limit_exceeded', 429);
      expect(e.stats().rateLimited).toBe(2);
    } finally {
      await e.stop();
    }
  });

  it('answers a key without the module permission with 403 missing_endpoint_permission, and hides confidential jobs from a key without access', async () => {
    emu.setFaults({ forbidden: ['offer.list'] });
    try {
      isError(await post(emu, 'offer.list'), 'missing_endpoint_permission', 403);
      expect((await post(emu, 'job.list')).status).toBe(200);
    } finally {
      emu.setFaults({});
    }
    const w = createWorld({ seed: 35, size: PRESETS.tiny, start: START, now: START + 150 * DAY });
    const secret = w.applications.find((a) => a.jobId !== null && !a.isProspect)!.jobId!;
    w.jobs[secret - 1]!.confidential = true;
    const e = await startAshbyEmulator({ world: w, confidentialAccess: false, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
    try {
      const jobs = (await listAll(e, 'job.list', { status: ['Draft', 'Open', 'Closed', 'Archived'] }, 100)).records.map((j) => j.id);
      expect(jobs).not.toContain(e.ashbyId('job', secret));
      const apps = (await listAll(e, 'application.list', {}, 100)).records;
      expect(apps.some((a) => a.job.id === e.ashbyId('job', secret))).toBe(false);
      expect(apps.length).toBe(w.applications.filter((a) => a.jobId !== null && !w.jobs[a.jobId - 1]!.confidential).length);
    } finally {
      await e.stop();
    }
  });

  it('shows an erased candidate as candidate.anonymize leaves it: the same id, still listed, no contact data or files, and changed for the sync token', async () => {
    const w = createWorld({ seed: 37, size: PRESETS.tiny, start: START, now: START + 200 * DAY });
    const e = await startAshbyEmulator({ world: w, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
    try {
      const c = erasableCandidates(w).find((x) => x.applicationIds.some((id) => w.applications[id - 1]!.jobId !== null))!;
      const id = e.ashbyId('candidate', c.id);
      const first = await listAll(e, 'candidate.list', {}, 100);
      const apps = await listAll(e, 'application.list', {}, 100);
      const before = first.records.find((r) => r.id === id)!;
      expect(before['primaryEmailAddress'].value).toBe(c.email);
      eraseCandidate(w, c.id);
      const inc = await listAll(e, 'candidate.list', { syncToken: first.last.syncToken }, 100);
      const after = inc.records.find((r) => r.id === id)!;
      expect(after, 'returned as changed').toBeDefined();
      hasShape(after, ['id', 'name', 'emailAddresses', 'phoneNumbers', 'socialLinks', 'tags', 'applicationIds', 'fileHandles', 'profileUrl'],
        ['createdAt', 'updatedAt', 'customFields', 'source', 'creditedToUser', 'fraudStatus']);
      expect(after).toMatchObject({ emailAddresses: [], phoneNumbers: [], socialLinks: [], fileHandles: [], applicationIds: before['applicationIds'] });
      expect(JSON.stringify(after)).not.toContain(c.email);
      expect(JSON.stringify(after)).not.toContain(c.lastName);
      const incApps = await listAll(e, 'application.list', { syncToken: apps.last.syncToken }, 100);
      const mine = incApps.records.filter((r) => r['candidate'].id === id);
      expect(mine.length).toBe(apps.records.filter((r) => r['candidate'].id === id).length);
      for (const a of mine) {
        expect(Object.keys(a['candidate']).sort()).toEqual(['id', 'name']);
        expect(a['status']).toMatch(/^(Hired|Archived|Lead)$/);
      }
    } finally {
      await e.stop();
    }
  });

  it('refuses a world with applications moved through a plan without a job', async () => {
    const w = createWorld({ seed: 36, size: { ...PRESETS.tiny, joblessApplications: 0.3 }, start: START, now: START + 30 * DAY });
    await expect(startAshbyEmulator({ world: w })).rejects.toThrow(/no applications without a job/);
  });
});
