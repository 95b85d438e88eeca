// `hirelake forget` on an Ashby connection, through main() as a data team runs it: the candidate
// (named by the UUID Ashby shows) leaves every schema of the warehouse, the output names neither
// the person nor the id, and a later full re-read from Ashby (which still has them) lands nothing
// of theirs. The ATS-side erasure is in test/privacy/erasure.test.ts (every vendor).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY, PRESETS, createWorld, customStageMapping, eraseCandidate, type Candidate, type World } from '../../emulators/world/index.ts';
import { startAshbyEmulator, type AshbyEmulator } from '../../emulators/ashby/index.ts';
import { main } from '../../src/cli/main.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';
import { extractInto, writeConfigFile } from '../helpers/pipeline.ts';
import { openPostgres, type TestEngine } from '../transforms/fixtures.ts';
import { tempDir } from '../helpers/tmp.ts';
import { findValues, needlesOf, uniqueErasable } from '../privacy/search.ts';
import { ashbyConfig, ashbyConnection, EMULATOR_NO_LIMIT } from './helpers.ts';
import { resolveConfig } from '../../src/config/load.ts';
import { sources } from '../../extractors/index.ts';

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

const SCHEMAS = ['raw', 'staging', 'core', 'marts', 'hirelake'];

describe('Ashby demographics', () => {
  it('refuses demographics: true on an Ashby connection, naming the key and why', () => {
    const entry = { name: 'acme', source: 'ashby', credentials: { api_key: 'k' }, base_url: 'http://127.0.0.1:1' };
    expect(() => resolveConfig({ connections: [{ ...entry, demographics: true }] }, '/srv/hirelake.yml', sources)).toThrow(
      /connections\[0\]\.demographics: Ashby's API does not return EEOC or diversity survey answers/,
    );
    expect(resolveConfig({ connections: [entry] }, '/srv/hirelake.yml', sources).connections[0]!.demographics).toBe(false);
  });
});

describe('hirelake forget on an Ashby connection', () => {
  const tmp = tempDir('hirelake-ashby-forget-');
  let emu: AshbyEmulator;
  let world: World;
  let file: string;
  let person: Candidate;

  async function inWarehouse(): Promise<string[]> {
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'w.duckdb') });
    try {
      return await findValues(engine, SCHEMAS, needlesOf(world, person));
    } finally {
      await engine.close();
    }
  }

  beforeAll(async () => {
    const now = Date.now() - 60_000;
    world = createWorld({ seed: 41, size: { ...PRESETS.tiny, jobs: 4 }, start: now - 200 * DAY, now });
    emu = await startAshbyEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
    file = writeConfigFile(tmp.dir, {
      warehouse: { engine: 'duckdb', path: './w.duckdb' },
      connections: [ashbyConnection(emu, { stage_mapping: customStageMapping(world) })],
      models: { include_pii: true },
    });
    person = uniqueErasable(world, () => true);
  });
  afterAll(async () => {
    await emu?.stop();
    tmp.cleanup();
  });

  it('purges the candidate from every schema, logging counts and neither the person nor the id', async () => {
    const run = await cli(['run', '--config', file, '--log-level', 'warn']);
    expect(run.code, run.err).toBe(0);
    expect((await inWarehouse()).some((h) => h.startsWith('core.candidates.'))).toBe(true);

    const id = emu.ashbyId('candidate', person.id);
    const res = await cli(['forget', '--config', file, '--connection', 'delta', '--candidate', id]);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/candidate forgotten: [1-9]\d* applications?, [1-9]\d* raw rows? purged; models rebuilt/);
    for (const n of [...needlesOf(world, person).flat(), id]) expect(res.out + res.err).not.toContain(n);
    expect(await inWarehouse()).toEqual([]);
  }, 400_000); // two model builds on a shared machine

  it('keeps them out when a full re-read lands their records again', async () => {
    const run = await cli(['run', '--config', file, '--full-refresh', '--log-level', 'warn']);
    expect(run.code, run.err).toBe(0);
    expect(await inWarehouse()).toEqual([]);
  }, 400_000);
});

// The in-place detection is SQL over the raw JSON: test/privacy/erasure.test.ts runs Ashby on
// DuckDB, this the same case, smaller, on Postgres (extract and purge only: no model build).
describe('an Ashby candidate anonymized between two runs, on postgres', () => {
  let t: TestEngine;
  let emu: AshbyEmulator;
  let world: World;
  let config: HirelakeConfig;
  let person: Candidate;

  beforeAll(async () => {
    t = await openPostgres();
    const start = Date.UTC(2024, 0, 1);
    world = createWorld({ seed: 43, size: { ...PRESETS.tiny, jobs: 3 }, start, now: start + 150 * DAY });
    emu = await startAshbyEmulator({ world, rateLimit: EMULATOR_NO_LIMIT, historyRateLimit: EMULATOR_NO_LIMIT });
    config = ashbyConfig(emu, '/nonexistent/unused.duckdb');
    const res = await extractInto(t.engine, config, { now: new Date(world.now + 1) });
    expect(res.ok, JSON.stringify(res.streams.filter((s) => s.error))).toBe(true);
    person = uniqueErasable(world, () => true);
  }, 400_000);
  afterAll(async () => {
    await emu?.stop();
    await t?.dispose();
  });

  it('is detected from its stripped record and purged from every raw version', async () => {
    expect((await findValues(t.engine, [t.engine.schemas.raw], needlesOf(world, person))).length).toBeGreaterThan(0);
    eraseCandidate(world, person.id);
    const res = await extractInto(t.engine, config, { now: new Date(world.now + 2) });
    expect(res.ok).toBe(true);
    const erasure = res.privacy[0]!.erasure!;
    expect(erasure.candidates).toBe(1);
    expect(erasure.applications).toBe(person.applicationIds.filter((id) => world.applications[id - 1]!.jobId !== null).length);
    expect(await findValues(t.engine, [t.engine.schemas.raw, t.engine.schemas.meta], needlesOf(world, person))).toEqual([]);
    const [ledger] = await t.engine.query<{ reason: string }>(`select reason from ${t.engine.schemas.meta}.erasures where subject_kind = 'candidate'`);
    expect(ledger!.reason).toMatch(/stripped of personal data in place/);
  }, 400_000);
});
