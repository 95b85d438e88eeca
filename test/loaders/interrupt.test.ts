import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildFixtureModels, buildLargeVisits } from './fixtures.ts';
import { manifestTable, parquetRelation, readManifest } from './lake.ts';
import { dropSchemas, TEST_PG_URL, testClient, uniqueName } from './pg.ts';
import { waitFor } from './wait.ts';

const REPO = resolve(import.meta.dirname, '../..');

/** `hirelake export` in a child process, as cron or an orchestrator would run it. */
function cli(config: string, target: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [join(REPO, 'bin/hirelake.js'), 'export', '--config', config, '--target', target], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) => child.on('exit', (code, signal) => res({ code, signal, stderr })));
  return { child, done };
}

async function cliOk(config: string, target: string): Promise<void> {
  const r = await cli(config, target).done;
  if (r.code !== 0) throw new Error(`hirelake export --target ${target} exited ${r.code}: ${r.stderr}`);
}

async function withWarehouse(path: string, fn: (e: DuckDbEngine) => Promise<void>): Promise<void> {
  const e = await DuckDbEngine.open({ path });
  try {
    await fn(e);
  } finally {
    await e.close();
  }
}

describe('killing hirelake export mid-way', () => {
  const tmp = tempDir();
  const schema = uniqueName('hlt_kill');
  const config = join(tmp.dir, 'hirelake.yml');
  const warehouse = join(tmp.dir, 'warehouse.duckdb');
  const lake = join(tmp.dir, 'lake');

  beforeAll(async () => {
    writeFileSync(
      config,
      [
        'warehouse: { engine: duckdb, path: ./warehouse.duckdb }',
        'connections:',
        '  - { name: acme, source: greenhouse, credentials: { client_id: x, client_secret: y, user_id: 1 } }',
        'exports:',
        `  - { name: wh, type: postgres, url: "${TEST_PG_URL}", schema: ${schema} }`,
        '  - { name: lake, type: parquet, path: ./lake }',
        '',
      ].join('\n'),
    );
    await withWarehouse(warehouse, async (e) => {
      await buildFixtureModels(e);
      await buildLargeVisits(e, 1_000);
    });
    await cliOk(config, 'wh');
    await cliOk(config, 'lake');
    // Now make the next export long enough to be killed in the middle of it.
    await withWarehouse(warehouse, (e) => buildLargeVisits(e, 600_000));
  });
  afterAll(async () => {
    await dropSchemas(schema);
    tmp.cleanup();
  });

  it('Postgres: killed mid-COPY, the target keeps the previous export; the next run completes it', async () => {
    const pg = await testClient();
    try {
      const [before] = (await pg.query(`select count(*)::int as n, (select run_id from "${schema}"._hirelake_exports where table_name = 'stage_visits') as run_id from "${schema}".stage_visits`)).rows;
      expect(before.n).toBe(1_000);
      const { child, done } = cli(config, 'wh');
      await waitFor(async () => {
        const { rows } = await pg.query(
          `select 1 from pg_stat_progress_copy p join pg_stat_activity a using (pid) where a.application_name = 'hirelake export wh' and p.command = 'COPY FROM' and p.tuples_processed > 0`,
        );
        return rows.length > 0 ? true : undefined;
      }, 120_000);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      // The server aborts the dead session's transaction; give it a moment to notice the closed socket.
      await waitFor(async () => ((await pg.query(`select 1 from pg_stat_activity where application_name = 'hirelake export wh'`)).rows.length === 0 ? true : undefined), 30_000);
      const [after] = (await pg.query(`select count(*)::int as n, (select run_id from "${schema}"._hirelake_exports where table_name = 'stage_visits') as run_id from "${schema}".stage_visits`)).rows;
      expect(after).toEqual(before);
      expect((await pg.query(`select relname from pg_class where relnamespace = '"${schema}"'::regnamespace and relname like '\\_hl\\_%'`)).rows).toEqual([]);
      await cliOk(config, 'wh');
      const [done2] = (await pg.query(`select count(*)::int as n from "${schema}".stage_visits`)).rows;
      expect(done2.n).toBe(600_000);
    } finally {
      await pg.end();
    }
  });

  it('Parquet: killed while writing, the previous lake stays whole; the next run clears the leftovers', async () => {
    const before = readManifest(lake);
    expect(manifestTable(before, 'stage_visits').rows).toBe(1_000);
    const { child, done } = cli(config, 'lake');
    await waitFor(() => {
      const stage = readdirSync(tmp.dir).find((f) => f.startsWith('.lake.tmp-'));
      return stage && existsSync(join(tmp.dir, stage, 'stage_visits')) ? true : undefined;
    }, 120_000, 5);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(readManifest(lake)).toEqual(before);
    // The interrupted stage and the dead process's lock are still there ...
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.lake.tmp-'))).toHaveLength(1);
    expect(existsSync(join(tmp.dir, '.lake.lock'))).toBe(true);
    // ... and the previous lake reads as it did.
    const reader = await DuckDbEngine.open({ path: ':memory:' });
    try {
      const [n] = await reader.query<{ n: number }>(`select count(*) as n from ${parquetRelation(lake, manifestTable(before, 'stage_visits'))}`);
      expect(n!.n).toBe(1_000);
    } finally {
      await reader.close();
    }
    await cliOk(config, 'lake');
    expect(manifestTable(readManifest(lake), 'stage_visits').rows).toBe(600_000);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.lake'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(lake, 'manifest.json'), 'utf8')).run_id).not.toBe(before.run_id);
  });
});
