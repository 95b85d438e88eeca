import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startPasswordRejectingServer } from '../engine/fake-pg-server.ts';
import { canonicalRows, describeColumns, expectSameRows, type Reader } from './compare.ts';
import { buildFixtureModels, buildLargeVisits } from './fixtures.ts';
import { ok, openSourceEngine, runExport, type SourceKind } from './helpers.ts';
import { dropSchemas, TEST_PG_URL, testClient, uniqueName } from './pg.ts';
import { waitFor } from './wait.ts';

const EXPECTED_PG_TYPES: Record<string, string> = {
  connection: 'text',
  application_id: 'bigint',
  candidate_id: 'bigint',
  is_prospect: 'boolean',
  source_name: 'text',
  applied_at: 'timestamp with time zone',
  status: 'text',
  score: 'double precision',
  salary: 'numeric(12,2)',
  starts_on: 'date',
  tags: 'jsonb',
  hired_at: 'timestamp with time zone',
  stage_order: 'integer',
};

for (const kind of ['duckdb', 'postgres'] as SourceKind[]) {
  describe(`Postgres loader, ${kind} engine as the source`, () => {
    const tmp = tempDir();
    let engine: Engine;
    let cleanup: () => Promise<void>;
    let target: PostgresEngine;
    const schema = uniqueName('hlt_target');

    beforeAll(async () => {
      ({ engine, cleanup } = await openSourceEngine(kind, tmp.dir));
      await buildFixtureModels(engine);
      target = await PostgresEngine.open({ url: TEST_PG_URL, poolSize: 2 });
    });
    afterAll(async () => {
      await target?.close();
      await dropSchemas(schema);
      await cleanup?.();
      tmp.cleanup();
    });

    const sourceReader = (): Reader => engine;
    const targetReader = (): Reader => target;

    it('round-trips every table exactly, with faithful types', async () => {
      const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema }]));
      expect(result!.tables.map((t) => t.model)).toEqual(['core.applications', 'core.stage_visits', 'marts.empty_mart', 'marts.funnel']);
      for (const t of result!.tables) {
        const [role, name] = t.model.split('.') as ['core' | 'marts', string];
        const cols = await describeColumns(sourceReader(), `"${engine.schemas[role]}"."${name}"`);
        const expected = await canonicalRows(sourceReader(), `"${engine.schemas[role]}"."${name}"`, cols);
        const actual = await canonicalRows(targetReader(), `"${schema}"."${name}"`, cols);
        expectSameRows(actual, expected, t.model);
        expect(t.rows).toBe(expected.length);
      }
      const types = Object.fromEntries((await describeColumns(targetReader(), `"${schema}"."applications"`)).map((c) => [c.name, c.type]));
      expect(types).toEqual(EXPECTED_PG_TYPES);
      // Large core tables are merged by key from the second export on; the first one loads them whole.
      expect(Object.fromEntries(result!.tables.map((t) => [t.model, t.mode]))).toEqual({
        'core.applications': 'swap', 'core.stage_visits': 'swap', 'marts.empty_mart': 'swap', 'marts.funnel': 'swap',
      });
    });

    it('is idempotent: a second export changes nothing and merges no rows', async () => {
      const before = await canonicalRows(targetReader(), `"${schema}"."stage_visits"`, await describeColumns(targetReader(), `"${schema}"."stage_visits"`));
      const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema }]));
      const visits = result!.tables.find((t) => t.model === 'core.stage_visits')!;
      expect(visits).toMatchObject({ mode: 'merge', changed: 0, deleted: 0, rows: 60 });
      expect(result!.tables.find((t) => t.model === 'marts.funnel')!.mode).toBe('swap');
      const after = await canonicalRows(targetReader(), `"${schema}"."stage_visits"`, await describeColumns(targetReader(), `"${schema}"."stage_visits"`));
      expect(after).toEqual(before);
      const tables = await target.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = '${schema}' order by 1`);
      expect(tables.map((t) => t.name)).toEqual(['_hirelake_exports', 'applications', 'empty_mart', 'funnel', 'stage_visits']);
    });

    it('merges changed, new and deleted rows by key, ending equal to the model', async () => {
      const visits = `"${engine.schemas.core}"."stage_visits"`;
      await engine.exec(`update ${visits} set stage_name = 'moved, "again"' where visit_id in (1, 2, 3)`);
      await engine.exec(`update ${visits} set exited_at = null where visit_id = 5`);
      await engine.exec(`delete from ${visits} where visit_id in (10, 11)`);
      await engine.exec(`insert into ${visits} values ('acme', 1000, 1, 'new', '2024-05-01T00:00:00.000001Z', null, null)`);
      const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema }]));
      expect(result!.tables.find((t) => t.model === 'core.stage_visits')).toMatchObject({ mode: 'merge', changed: 5, deleted: 2, rows: 59 });
      const cols = await describeColumns(sourceReader(), visits);
      expectSameRows(await canonicalRows(targetReader(), `"${schema}"."stage_visits"`, cols), await canonicalRows(sourceReader(), visits, cols), 'merged stage_visits');
      const [state] = await target.query<{ mode: string; changed_rows: number; deleted_rows: number; run_id: string }>(
        `select mode, changed_rows, deleted_rows, run_id from "${schema}"._hirelake_exports where table_name = 'stage_visits'`,
      );
      expect(state).toMatchObject({ mode: 'merge', changed_rows: 5, deleted_rows: 2 });
    });

    it('reloads a merged table whole when someone dropped it in the target', async () => {
      await target.exec(`drop table "${schema}".stage_visits`);
      const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema, tables: ['core.stage_visits'] }]));
      expect(result!.tables[0]).toMatchObject({ mode: 'swap', rows: 59 });
      const cols = await describeColumns(sourceReader(), `"${engine.schemas.core}"."stage_visits"`);
      expectSameRows(await canonicalRows(targetReader(), `"${schema}"."stage_visits"`, cols), await canonicalRows(sourceReader(), `"${engine.schemas.core}"."stage_visits"`, cols), 'stage_visits');
    });

    it('--full-refresh reloads merged tables whole', async () => {
      const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema }], { fullRefresh: true }));
      expect(result!.tables.find((t) => t.model === 'core.stage_visits')!.mode).toBe('swap');
    });

    it('carries a new model column through the swap with no manual step, and keeps grants and comments', async () => {
      const role = uniqueName('hlt_reader');
      await target.exec(`create role ${role}`);
      try {
        await target.exec(`grant usage on schema "${schema}" to ${role}`);
        await target.exec(`grant select on "${schema}".funnel, "${schema}".stage_visits to ${role}`);
        await target.exec(`comment on column "${schema}".funnel.canonical_stage is 'written by an analyst'`);
        for (const t of ['funnel', 'stage_visits']) {
          await engine.exec(`alter table "${engine.schemas[t === 'funnel' ? 'marts' : 'core']}"."${t}" add column region ${kind === 'duckdb' ? 'VARCHAR' : 'text'}`);
          await engine.exec(`update "${engine.schemas[t === 'funnel' ? 'marts' : 'core']}"."${t}" set region = 'emea'`);
        }
        const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema }]));
        // A merged table whose shape changed is reloaded whole.
        expect(result!.tables.find((t) => t.model === 'core.stage_visits')!.mode).toBe('swap');
        for (const [role_, t] of [['marts', 'funnel'], ['core', 'stage_visits']] as const) {
          const cols = await describeColumns(sourceReader(), `"${engine.schemas[role_]}"."${t}"`);
          expect(cols.at(-1)!.name).toBe('region');
          expectSameRows(await canonicalRows(targetReader(), `"${schema}"."${t}"`, cols), await canonicalRows(sourceReader(), `"${engine.schemas[role_]}"."${t}"`, cols), t);
        }
        const [grant] = await target.query<{ ok: boolean }>(`select has_table_privilege('${role}', '"${schema}".funnel', 'select') as ok`);
        expect(grant!.ok).toBe(true);
        const comments = Object.fromEntries(
          (await target.query<{ name: string; comment: string | null }>(
            `select attname as name, col_description(attrelid, attnum) as comment from pg_attribute where attrelid = '"${schema}".funnel'::regclass and attnum > 0`,
          )).map((r) => [r.name, r.comment]),
        );
        // From the model docs (sql/marts/funnel.sql), and the analyst's own comment kept.
        expect(comments['reached']).toMatch(/^applications whose furthest stage is this one or later/);
        expect(comments['canonical_stage']).toBe('written by an analyst');
        const [tableComment] = await target.query<{ c: string }>(`select obj_description('"${schema}".funnel'::regclass, 'pg_class') as c`);
        expect(tableComment!.c).toMatch(/^one row per connection, job, application month/);
      } finally {
        await target.exec(`drop owned by ${role}`);
        await target.exec(`drop role ${role}`);
      }
    });

    it('refills a table in place when a view depends on it, and the view keeps working', async () => {
      await target.exec(`create view "${schema}".funnel_view as select connection, reached from "${schema}".funnel`);
      await engine.exec(`delete from "${engine.schemas.marts}".funnel where stage_order = 5`);
      await engine.exec(`alter table "${engine.schemas.marts}".funnel add column extra integer`);
      const [result] = ok(await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema, tables: ['marts.funnel'] }]));
      expect(result!.tables[0]).toMatchObject({ mode: 'in_place', rows: 20 });
      const [n] = await target.query<{ n: number }>(`select count(*) as n from "${schema}".funnel_view`);
      expect(n!.n).toBe(20);
      const cols = await describeColumns(sourceReader(), `"${engine.schemas.marts}"."funnel"`);
      expectSameRows(await canonicalRows(targetReader(), `"${schema}"."funnel"`, cols), await canonicalRows(sourceReader(), `"${engine.schemas.marts}"."funnel"`, cols), 'funnel');
      await target.exec(`drop view "${schema}".funnel_view`);
    });

    it('refuses a merge key that is not unique and leaves the table as it was', async () => {
      const before = await target.query(`select count(*) as n from "${schema}".applications`);
      const results = await runExport(engine, tmp.dir, [
        { name: 'wh', type: 'postgres', url: TEST_PG_URL, schema, tables: ['core.applications'], merge: [{ table: 'core.applications', key: ['connection'] }] },
      ]);
      expect(results[0]!.ok).toBe(false);
      expect(results[0]!.error).toMatch(/merge key \(connection\) is not a key/);
      expect(await target.query(`select count(*) as n from "${schema}".applications`)).toEqual(before);
    });

    it('a connection broken mid-COPY leaves the previous table intact, and the next run succeeds', async () => {
      const exportBig = () => runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url: TEST_PG_URL, schema, tables: ['core.big_visits'] }]);
      await buildLargeVisits(engine, 1_000, 'big_visits');
      ok(await exportBig());
      const [before] = await target.query<{ run_id: string }>(`select run_id from "${schema}"._hirelake_exports where table_name = 'big_visits'`);
      await buildLargeVisits(engine, 500_000, 'big_visits');
      const killer = await testClient();
      try {
        const running = exportBig();
        // Wait until rows are streaming into the new table, then cut the session off.
        const pid = await waitFor(async () => {
          const { rows } = await killer.query<{ pid: number }>(
            `select p.pid from pg_stat_progress_copy p join pg_stat_activity a using (pid)
             where a.application_name = 'hirelake export wh' and p.command = 'COPY FROM' and p.tuples_processed > 0`,
          );
          return rows[0]?.pid;
        }, 60_000);
        await killer.query('select pg_terminate_backend($1)', [pid]);
        const [result] = await running;
        expect(result!.ok).toBe(false);
        expect(result!.error).toMatch(/big_visits/);
      } finally {
        await killer.end();
      }
      const [after] = await target.query<{ n: number }>(`select count(*) as n from "${schema}".big_visits`);
      expect(after!.n).toBe(1_000);
      const [state] = await target.query<{ run_id: string }>(`select run_id from "${schema}"._hirelake_exports where table_name = 'big_visits'`);
      expect(state!.run_id).toBe(before!.run_id);
      expect(await target.query(`select relname from pg_class where relname like '\\_hl\\_new\\_%' and relnamespace = '"${schema}"'::regnamespace`)).toEqual([]);
      const [again] = ok(await exportBig());
      expect(again!.tables[0]!.rows).toBe(500_000);
      // Read in row-id slices: none lost, none twice, every value where it was.
      const digest = (t: string, kind_: SourceKind) =>
        `select count(*) as n, count(distinct visit_id) as ids, sum(visit_id) as id_sum, sum(length(stage_name)) as text_len,
                sum(${kind_ === 'duckdb' ? 'epoch_us(entered_at)' : '(extract(epoch from entered_at) * 1000000)::bigint'} % 1000003) as ts_sum from ${t}`;
      const [src] = await engine.query(digest(`"${engine.schemas.core}".big_visits`, kind));
      const [dst] = await target.query(digest(`"${schema}".big_visits`, 'postgres'));
      expect(Object.fromEntries(Object.entries(dst!).map(([k, v]) => [k, Number(v)]))).toEqual(Object.fromEntries(Object.entries(src!).map(([k, v]) => [k, Number(v)])));
      await engine.exec(`drop table "${engine.schemas.core}".big_visits`);
      await target.exec(`drop table "${schema}".big_visits`);
    });
  });
}

describe('Postgres loader errors', () => {
  const tmp = tempDir();
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await openSourceEngine('duckdb', tmp.dir));
    await buildFixtureModels(engine);
  });
  afterAll(async () => {
    await cleanup?.();
    tmp.cleanup();
  });

  it('never puts the target password in an error', async () => {
    const fake = await startPasswordRejectingServer();
    try {
      for (const url of [`postgres://alice:Sup3rSecretPw@127.0.0.1:${fake.port}/x`, 'postgres://alice:Sup3rSecretPw@127.0.0.1:1/x']) {
        const [result] = await runExport(engine, tmp.dir, [{ name: 'wh', type: 'postgres', url, schema: 'anything' }]);
        expect(result!.ok).toBe(false);
        expect(result!.error).toMatch(/127\.0\.0\.1/);
        expect(result!.error).not.toContain('Sup3rSecretPw');
        expect(result!.location).not.toContain('Sup3rSecretPw');
      }
    } finally {
      await fake.close();
    }
  });
});
