// Greenhouse's custom demographic questions (Harvest "Demographic Data"): the emulator serves them
// as the reference documents them, the extractor reads them only with demographics: true, and an
// erased candidate's answers (the chosen options and any self-described words) are purged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import {
  DAY, SURVEY_OPTIONS, SURVEY_QUESTIONS, SURVEY_SETS, createWorld, eraseCandidate, erasableCandidates, surveyResponseOf, type World,
} from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { sources } from '../../extractors/index.ts';
import { openDuck, type TestEngine } from '../transforms/fixtures.ts';
import { byStream, extractInto, failures, singleConnectionConfig } from '../helpers/pipeline.ts';
import { build } from '../models/harness.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';

type Rec = Record<string, unknown> & { id: number };
const START = Date.UTC(2024, 0, 1);
const NOW = START + 150 * DAY;
const DEMOGRAPHIC = ['demographic_question_sets', 'demographic_questions', 'demographic_answer_options', 'demographic_answers'];

async function token(emu: GreenhouseEmulator): Promise<string> {
  const basic = Buffer.from(`${emu.credentials.client_id}:${emu.credentials.client_secret}`).toString('base64');
  const res = await request(emu.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&sub=${emu.credentials.user_id}`,
  });
  return ((await res.body.json()) as { access_token: string }).access_token;
}

/** Every record of a list, following the Link header's cursor. */
async function listAll(emu: GreenhouseEmulator, tok: string, path: string): Promise<{ status: number; records: Rec[] }> {
  const records: Rec[] = [];
  let url: string | undefined = `${emu.url}${path}`;
  while (url) {
    const res: Awaited<ReturnType<typeof request>> = await request(url, { headers: { authorization: `Bearer ${tok}` } });
    const body = await res.body.json();
    if (res.statusCode !== 200) return { status: res.statusCode, records };
    records.push(...(body as Rec[]));
    const link: unknown = res.headers['link'];
    url = typeof link === 'string' ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
  }
  return { status: 200, records };
}

describe('Greenhouse demographic data: the emulator', () => {
  let world: World;
  let emu: GreenhouseEmulator;
  let tok: string;
  beforeAll(async () => {
    world = createWorld({ seed: 5, size: 'tiny', start: START, now: NOW });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    tok = await token(emu);
  });
  afterAll(() => emu.stop());

  it('lists sets, questions and options with their documented fields, deleted ones included (active false)', async () => {
    const sets = (await listAll(emu, tok, '/v3/demographic_question_sets?per_page=2')).records;
    expect(sets.map((s) => Object.keys(s).sort())[0]).toEqual(['active', 'created_at', 'description', 'enabled', 'id', 'title', 'updated_at']);
    expect(sets.map((s) => s.id)).toEqual(SURVEY_SETS.map((s) => s.id).reverse());
    expect(sets.filter((s) => s['active'] === false).length).toBeGreaterThan(0);
    expect((await listAll(emu, tok, '/v3/demographic_question_sets?active=true')).records.every((s) => s['active'] === true)).toBe(true);

    const questions = (await listAll(emu, tok, '/v3/demographic_questions')).records;
    // The v3 standardizations: questions and answer options carry no created_at / updated_at.
    expect(Object.keys(questions[0]!).sort()).toEqual(['active', 'answer_type', 'demographic_question_set_id', 'id', 'name', 'required', 'sort_order']);
    expect(new Set(questions.map((q) => q['answer_type']))).toEqual(new Set(['multi_value_single_select', 'multi_value_multi_select']));
    expect(questions.length).toBe(SURVEY_QUESTIONS.length);
    const ofSet1 = (await listAll(emu, tok, '/v3/demographic_questions?demographic_question_set_ids=1')).records;
    expect(ofSet1.every((q) => q['demographic_question_set_id'] === 1) && ofSet1.length > 0).toBe(true);

    const options = (await listAll(emu, tok, '/v3/demographic_answer_options?per_page=5')).records;
    expect(Object.keys(options[0]!).sort()).toEqual(['active', 'decline_to_answer', 'demographic_question_id', 'free_form', 'id', 'name']);
    expect(options.length).toBe(SURVEY_OPTIONS.length);
    expect(options.some((o) => o['free_form'] === true)).toBe(true);
    expect(options.some((o) => o['decline_to_answer'] === true && o['name'] === "I don't wish to answer")).toBe(true);
    expect(options.some((o) => o['active'] === false)).toBe(true);
    expect((await listAll(emu, tok, '/v3/demographic_answer_options?active=maybe')).status).toBe(422);
  });

  it('lists one answer per application, question and chosen option, free text only on a free-form option', async () => {
    const answers = (await listAll(emu, tok, '/v3/demographic_answers?per_page=100')).records;
    expect(Object.keys(answers[0]!).sort()).toEqual(['application_id', 'created_at', 'demographic_answer_option_id', 'demographic_question_id', 'free_form_text', 'id', 'updated_at']);
    const expected = world.applications.flatMap((a) => (surveyResponseOf(world, a)?.answers ?? []).flatMap((ans) => ans.optionIds.map((o) => `${a.id}|${ans.questionId}|${o}`)));
    expect(answers.map((r) => `${r['application_id']}|${r['demographic_question_id']}|${r['demographic_answer_option_id']}`).sort()).toEqual(expected.sort());
    // Descending ids, as every v3 list.
    expect(answers.map((r) => r.id)).toEqual([...answers.map((r) => r.id)].sort((a, b) => b - a));
    const freeForm = new Set(SURVEY_OPTIONS.filter((o) => o.freeForm).map((o) => o.id));
    for (const r of answers) expect(r['free_form_text'] !== null, `answer ${r.id}`).toBe(freeForm.has(Number(r['demographic_answer_option_id'])));
    // A multi-select answer is several rows; an answer may name a deleted option.
    const perQuestion = new Map<string, number>();
    for (const r of answers) perQuestion.set(`${r['application_id']}|${r['demographic_question_id']}`, (perQuestion.get(`${r['application_id']}|${r['demographic_question_id']}`) ?? 0) + 1);
    expect(Math.max(...perQuestion.values())).toBe(2);
    const deleted = new Set(SURVEY_OPTIONS.filter((o) => !o.active).map((o) => o.id));
    expect(answers.some((r) => deleted.has(Number(r['demographic_answer_option_id'])))).toBe(true);
    // Filtered by application.
    const app = answers[0]!['application_id'] as number;
    const mine = (await listAll(emu, tok, `/v3/demographic_answers?application_ids=${app}`)).records;
    expect(mine.length).toBe(answers.filter((r) => r['application_id'] === app).length);
  });
});

describe('Greenhouse demographic data: extraction and erasure', () => {
  let world: World;
  let emu: GreenhouseEmulator;
  let t: TestEngine;
  let config: HirelakeConfig & { models: { include_pii: boolean } };
  beforeAll(async () => {
    world = createWorld({ seed: 5, size: 'tiny', start: START, now: NOW });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    t = await openDuck();
    const connection = { name: 'acme', source: 'greenhouse', credentials: emu.credentials, base_url: emu.url, token_url: emu.tokenUrl, demographics: true };
    config = singleConnectionConfig(connection, '/nonexistent/unused.duckdb') as HirelakeConfig & { models: { include_pii: boolean } };
  });
  afterAll(async () => {
    await emu?.stop();
    await t?.dispose();
  });

  it('reads the four endpoints only with demographics: true', async () => {
    const plain = singleConnectionConfig({ name: 'plain', source: 'greenhouse', credentials: emu.credentials, base_url: emu.url, token_url: emu.tokenUrl }, '/nonexistent/unused.duckdb');
    emu.resetStats();
    const res = await extractInto(t.engine, plain, { now: new Date(NOW + 1) });
    expect(res.ok, failures(res)).toBe(true);
    expect(Object.keys(emu.stats().byPath).filter((p) => p.includes('demographic'))).toEqual([]);
    expect(sources['greenhouse']!.streams.filter((s) => DEMOGRAPHIC.includes(s.name)).every((s) => s.demographics)).toBe(true);
  });

  it('an erased candidate\'s answers lose their options and self-described words in every raw version', async () => {
    const res = await extractInto(t.engine, config, { now: new Date(NOW + 1) });
    expect(res.ok, failures(res)).toBe(true);
    const streams = byStream(res);
    for (const s of DEMOGRAPHIC) expect(streams[s]!.records, s).toBeGreaterThan(0);
    // Someone whose words went into a self-describe box.
    const victim = erasableCandidates(world).find((c) => c.applicationIds.some((id) => surveyResponseOf(world, world.applications[id - 1]!)?.answers.some((a) => a.freeText !== null)))!;
    const apps = victim.applicationIds.map(String);
    const personal = async () => t.engine.query<{ n: number }>(
      `select count(*) as n from ${t.engine.schemas.raw}.greenhouse__demographic_answers
        where _connection = 'acme' and json_extract_string(_payload, '$.application_id') in (${apps.map((_, i) => `$${i + 1}`).join(', ')})
          and (json_extract_string(_payload, '$.demographic_answer_option_id') is not null or json_extract_string(_payload, '$.free_form_text') is not null)`,
      apps,
    );
    expect(Number((await personal())[0]!.n)).toBeGreaterThan(0);
    await build(t.engine, config);
    const inCore = async () => Number((await t.engine.query<{ n: number }>(
      `select count(*) as n from ${t.engine.schemas.core}.demographic_answers where category like 'custom:%' and application_id in (${apps.map((_, i) => `$${i + 1}`).join(', ')})`, apps,
    ))[0]!.n);
    expect(await inCore()).toBeGreaterThan(0);

    eraseCandidate(world, victim.id);
    const again = await extractInto(t.engine, config, { now: new Date(NOW + 2), fullRefresh: true });
    expect(again.ok, failures(again)).toBe(true);
    expect(Number((await personal())[0]!.n)).toBe(0);
    await build(t.engine, config);
    expect(await inCore()).toBe(0);
  });
});
