// The purge reaches the exports: after a candidate is erased in the ATS (and another forgotten on
// request with `hirelake forget`), the next `hirelake run` leaves no value of either in the
// Postgres target, the Parquet lake or the CSV folder; core.demographic_answers is never exported.
// Everything through main(), as a data team runs it.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorld, customStageMapping, demographicsOf, eraseCandidate, type Candidate, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { main } from '../../src/cli/main.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { writeConfigFile } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';
import { dropSchemas, TEST_PG_URL, uniqueName } from '../loaders/pg.ts';
import { parquetRelation, readManifest } from '../loaders/lake.ts';
import { findValues, needlesOf, uniqueErasable, type Queryable } from './search.ts';

const DAY = 86_400_000;

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

/** Lines of every CSV file holding a needle (all parts of a group on one line). */
function csvHits(dir: string, needles: readonly (string | readonly string[])[]): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.csv')) files.push(p);
    }
  };
  walk(dir);
  const hits: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').toLowerCase().split('\n')) {
      for (const n of needles) {
        const parts = (typeof n === 'string' ? [n] : [...n]).map((x) => x.toLowerCase());
        if (parts.every((p) => line.includes(p))) hits.push(`${f}: ${parts.join(' + ')}`);
      }
    }
  }
  return hits;
}

/** Every table of the Parquet lake as a view in an in-memory DuckDB, searched like a warehouse. */
async function lakeHits(dir: string, needles: readonly (string | readonly string[])[]): Promise<{ hits: string[]; tables: string[] }> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  try {
    await engine.exec('create schema lake');
    const m = readManifest(dir);
    for (const t of m.tables) await engine.exec(`create view lake.${t.name} as select * from ${parquetRelation(dir, t)}`);
    return { hits: await findValues(engine, ['lake'], needles), tables: m.tables.map((t) => t.name) };
  } finally {
    await engine.close();
  }
}

describe('exports carry the purge', () => {
  const tmp = tempDir('hirelake-erasure-');
  const target = uniqueName('hlt_erase');
  let emulator: GreenhouseEmulator;
  let world: World;
  let file: string;
  let byAts: Candidate;
  let onRequest: Candidate;
  let client: pg.Client;
  const pgQuery: Queryable = { query: async <T extends object>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as T[] };

  beforeAll(async () => {
    const now = Date.now() - 60_000;
    world = createWorld({ seed: 17, size: { jobs: 8, applicationsPerJob: 30 }, start: now - 200 * DAY, now });
    emulator = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
    file = writeConfigFile(tmp.dir, {
      warehouse: { engine: 'duckdb', path: './w.duckdb' },
      connections: [{
        name: 'acme', source: 'greenhouse', credentials: emulator.credentials, base_url: emulator.url, token_url: emulator.tokenUrl,
        stage_mapping: customStageMapping(world), demographics: true,
      }],
      models: { include_pii: true },
      exports: [
        { name: 'warehouse', type: 'postgres', url: TEST_PG_URL, schema: target },
        { name: 'lake', type: 'parquet', path: './lake' },
        { name: 'flat', type: 'csv', path: './csv' },
      ],
    });
    const answered = (id: number) => demographicsOf(world, world.applications[id - 1]!) !== null;
    byAts = uniqueErasable(world, answered);
    const rest = { ...world, candidates: world.candidates.filter((c) => c.id !== byAts.id) };
    onRequest = uniqueErasable(rest as World, answered);
    client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await emulator?.stop();
    await dropSchemas(target);
    tmp.cleanup();
  });

  const needles = () => [...needlesOf(world, byAts), ...needlesOf(world, onRequest)];

  it('exports everything but the row-level answers, and the people are in every export at first', async () => {
    const run = await cli(['run', '--config', file, '--json', '--log-level', 'warn']);
    expect(run.code, run.err).toBe(0);
    expect(csvHits(join(tmp.dir, 'csv'), needles()).length).toBeGreaterThan(0);
    const lake = await lakeHits(join(tmp.dir, 'lake'), needles());
    expect(lake.hits.length).toBeGreaterThan(0);
    expect(lake.tables).toContain('diversity_funnel');
    expect(lake.tables).not.toContain('demographic_answers');
    expect((await findValues(pgQuery, [target], needles())).length).toBeGreaterThan(0);
    const tables = (await client.query(`select table_name from information_schema.tables where table_schema = $1`, [target])).rows.map((r: { table_name: string }) => r.table_name);
    expect(tables).toContain('diversity_funnel');
    expect(tables).not.toContain('demographic_answers');
  });

  it('naming the row-level answers in an export is an error', async () => {
    mkdirSync(join(tmp.dir, 'bad'));
    const bad = writeConfigFile(join(tmp.dir, 'bad'), {
      warehouse: { engine: 'duckdb', path: join(tmp.dir, 'w.duckdb') },
      connections: [{ name: 'acme', source: 'greenhouse', credentials: emulator.credentials, base_url: emulator.url, token_url: emulator.tokenUrl }],
      exports: [{ name: 'flat', type: 'csv', path: './csv', tables: ['core.demographic_answers'] }],
    });
    const res = await cli(['export', '--config', bad]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('core.demographic_answers is never exported');
  });

  it('forget purges a candidate on request and logs counts, not the data', async () => {
    const res = await cli(['forget', '--config', file, '--connection', 'acme', '--candidate', String(onRequest.id)]);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/candidate forgotten: \d+ applications?, \d+ raw rows? purged; models rebuilt/);
    for (const n of needlesOf(world, onRequest).flat()) {
      expect(res.out + res.err).not.toContain(n);
    }
    expect(res.out + res.err).not.toContain(String(onRequest.id));
  });

  it('the next run after an erasure in the ATS leaves neither person in the warehouse or any export', async () => {
    eraseCandidate(world, byAts.id);
    const run = await cli(['run', '--config', file, '--full-refresh', '--json', '--log-level', 'warn']);
    expect(run.code, run.err).toBe(0);
    const summary = JSON.parse(run.out) as { extract: { privacy: { erasure: { candidates: number } }[] } };
    expect(summary.extract.privacy[0]!.erasure.candidates).toBeGreaterThan(0);
    expect(csvHits(join(tmp.dir, 'csv'), needles())).toEqual([]);
    expect((await lakeHits(join(tmp.dir, 'lake'), needles())).hits).toEqual([]);
    expect(await findValues(pgQuery, [target], needles())).toEqual([]);
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'w.duckdb') });
    try {
      expect(await findValues(engine, ['raw', 'staging', 'core', 'marts', 'hirelake'], needles())).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
