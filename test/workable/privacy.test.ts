// Workable and privacy: the emulator deletes an erased person's candidates as Workable does; a
// hired candidate erased between two runs leaves no value of theirs in the warehouse, not even the
// person key hashed from their email, while time to hire keeps its numbers; `hirelake forget`
// takes Workable candidate ids or that person key; demographics: true is refused (Workable's API
// has no EEO answers).
// The generic erasure test (test/privacy/erasure.test.ts) runs Workable through the common case.
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY, createWorld, customStageMapping, eraseCandidate, type Candidate, type World } from '../../emulators/world/index.ts';
import { startWorkableEmulator, type WorkableEmulator } from '../../emulators/workable/index.ts';
import { sources } from '../../extractors/index.ts';
import { main } from '../../src/cli/main.ts';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import { extractInto, withDuck, writeConfigFile } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';
import { build, readTable } from '../models/harness.ts';
import type { Row } from '../models/truth.ts';
import { findValues, needlesOf, uniqueErasable } from '../privacy/search.ts';
import { EMULATOR_NO_LIMIT, workableConnection } from './helpers.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 200 * DAY;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** The person key core.candidates gives a Workable email (int_workable__candidates.sql). */
const personKey = (email: string) => createHash('md5').update(email.trim().toLowerCase()).digest('hex');

describe('Workable demographics', () => {
  it('refuses demographics: true on a Workable connection, naming the key and why', async () => {
    const entry = workableConnection({ url: 'http://127.0.0.1:1/spi/v3', subdomain: 'acme', credentials: { token: 't' } }, { demographics: true });
    expect(() => resolveConfig({ connections: [entry] }, '/srv/hirelake.yml', sources)).toThrow(
      /connections\[0\]\.demographics: Workable's API does not return EEO \/ voluntary self-identification answers/,
    );
    // false (or left out) is fine.
    expect(resolveConfig({ connections: [{ ...entry, demographics: false }] }, '/srv/hirelake.yml', sources).connections[0]!.demographics).toBe(false);
    const tmp = tempDir();
    try {
      const file = writeConfigFile(tmp.dir, { warehouse: { engine: 'duckdb', path: './w.duckdb' }, connections: [entry] });
      const res = await cli(['extract', '--config', file]);
      expect(res.code).toBe(2);
      expect(res.err).toMatch(/connections\[0\]\.demographics: Workable's API does not return EEO/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('Workable emulator erasure', () => {
  it('deletes an erased person\'s candidates: gone from /candidates, their detail, activities and offer 404', async () => {
    const world = createWorld({ seed: 8, size: { jobs: 4, applicationsPerJob: 20, joblessApplications: 0 }, start: START, now: NOW });
    const emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
    try {
      const get = async (path: string) => {
        const res = await request(`${emu.url}${path}`, { headers: { authorization: `Bearer ${emu.credentials.token}` } });
        const text = await res.body.text();
        return { status: res.statusCode, json: JSON.parse(text) as any };
      };
      const list = async () => (await get('/candidates?limit=100')).json.candidates as { id: string; anonymized: boolean }[];
      const person = uniqueErasable(world, (id) => world.applications[id - 1]!.offerIds.length > 0);
      const ids = person.applicationIds.map((a) => emu.view.ids.candidate(a));
      const before = await list();
      expect(before.every((c) => c.anonymized === false)).toBe(true);
      expect(ids.every((id) => before.some((c) => c.id === id))).toBe(true);
      const offerOf = ids.find((_, i) => world.applications[person.applicationIds[i]! - 1]!.offerIds.length > 0)!;
      expect((await get(`/candidates/${offerOf}/offer`)).status).toBe(200);

      eraseCandidate(world, person.id);
      const after = await list();
      expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id).filter((id) => !ids.includes(id)));
      for (const id of ids) {
        for (const path of [`/candidates/${id}`, `/candidates/${id}/activities`, `/candidates/${id}/offer`]) {
          expect(await get(path), path).toEqual({ status: 404, json: { error: 'Not found' } });
        }
      }
    } finally {
      await emu.stop();
    }
  });
});

describe('Workable erasure end to end', () => {
  const tmp = tempDir();
  const db = `${tmp.dir}/w.duckdb`;
  let world: World;
  let emu: WorkableEmulator;
  let config: HirelakeConfig;
  let file: string;
  let hired: Candidate;
  let schemas: string[];
  let timeToHire: Row[];

  const run = (opts: { fullRefresh?: boolean; now: number }) =>
    withDuck(db, async (e) => {
      const res = await extractInto(e, config, { fullRefresh: opts.fullRefresh, now: new Date(opts.now) });
      expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
      await build(e, config as HirelakeConfig & { models: { include_pii: boolean } });
      return res;
    });
  const search = (needles: (string | string[])[]) => withDuck(db, (e) => findValues(e, schemas, needles));
  const needles = (c: Candidate) => [...needlesOf(world, c), personKey(c.email)];

  beforeAll(async () => {
    world = createWorld({ seed: 23, size: { jobs: 5, applicationsPerJob: 24, joblessApplications: 0 }, start: START, now: NOW });
    emu = await startWorkableEmulator({ world, rateLimit: EMULATOR_NO_LIMIT });
    const entry = workableConnection(emu, { stage_mapping: customStageMapping(world) });
    const doc = { warehouse: { engine: 'duckdb', path: './w.duckdb' }, connections: [entry], models: { include_pii: true } };
    file = writeConfigFile(tmp.dir, doc);
    config = resolveConfig(doc, file, sources);
    schemas = ['raw', 'staging', 'core', 'marts', 'hirelake'];
    await run({ now: NOW + 1 });
    // A hire: its time-to-hire row names the person by the key hashed from their email.
    hired = uniqueErasable(world, (id) => world.applications[id - 1]!.status === 'hired');
    timeToHire = await withDuck(db, (e) => readTable(e, 'marts', 'time_to_hire'));
  }, 300_000);
  afterAll(async () => {
    await emu?.stop();
    tmp.cleanup();
  });

  it('finds the hired person, and their hashed person key, before the erasure', async () => {
    const hits = await search(needles(hired));
    expect(hits.some((h) => h.startsWith('raw.workable__candidates.'))).toBe(true);
    expect(hits.some((h) => h.startsWith('marts.time_to_hire.candidate_id'))).toBe(true);
  }, 300_000);

  it('after Workable deletes them, a full refresh leaves nothing of theirs; time to hire keeps its numbers under the Workable candidate id', async () => {
    eraseCandidate(world, hired.id);
    const res = await run({ fullRefresh: true, now: NOW + 2 });
    const erasure = res.privacy.find((p) => p.connection === 'gamma')!.erasure!;
    expect(erasure.candidates).toBe(hired.applicationIds.length);
    expect(erasure.rows['candidates']).toBeGreaterThan(0);
    expect(erasure.rows['activities']).toBeGreaterThan(0);
    expect(await search(needles(hired))).toEqual([]);

    // The person key was a hash of the email: erased, each of their applications stands alone.
    const mine = new Set(hired.applicationIds.map((a) => emu.view.ids.candidate(a)));
    const expected = timeToHire.map((r) => (mine.has(String(r['application_id'])) ? { ...r, candidate_id: r['application_id'] } : r));
    expect(expected.some((r) => mine.has(String(r['application_id'])))).toBe(true);
    const after = await withDuck(db, (e) => readTable(e, 'marts', 'time_to_hire'));
    const key = (r: Row) => String(r['application_id']);
    expect([...after].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected].sort((a, b) => key(a).localeCompare(key(b))));
  }, 300_000);

  it('hirelake forget takes a Workable candidate id, or core\'s person key for all of a person\'s candidates; either stays forgotten on the next full read', async () => {
    const single = (c: Candidate) => c.applicationIds.length === 1;
    const byId = uniqueErasable(world, (id) => { const c = world.candidates[world.applications[id - 1]!.candidateId - 1]!; return c.id !== hired.id && single(c); });
    const byKey = uniqueErasable(world, (id) => { const c = world.candidates[world.applications[id - 1]!.candidateId - 1]!; return c.id !== hired.id && c.id !== byId.id && c.applicationIds.length > 1; });
    for (const c of [byId, byKey]) expect(await search(needlesOf(world, c))).not.toEqual([]);
    const forget = async (id: string, c: Candidate) => {
      const res = await cli(['forget', '--config', file, '--connection', 'gamma', '--candidate', id, '--log-level', 'warn']);
      expect(res.code, res.err).toBe(0);
      const n = c.applicationIds.length;
      expect(res.out).toMatch(new RegExp(`candidate forgotten: ${n} application${n === 1 ? '' : 's'}, \\d+ raw rows? purged; models rebuilt`));
      for (const v of [...needlesOf(world, c).flat(), personKey(c.email)]) expect(res.out + res.err).not.toContain(v);
    };
    await forget(emu.view.ids.candidate(byId.applicationIds[0]!), byId);
    await forget(personKey(byKey.email), byKey);
    // The ledger keeps the Workable ids the key stood for, never the key (a hash of the email).
    expect(await search([...needles(byId), ...needles(byKey)])).toEqual([]);
    // Still in Workable: a full refresh lands their records again, purged as they land.
    await run({ fullRefresh: true, now: NOW + 3 });
    expect(await search([...needles(byId), ...needles(byKey)])).toEqual([]);
  }, 600_000);
});
