// Postgres lands concurrently, so a version may commit after a build read past its landing time.
// The next build reads it (the versions at or after the last build's transaction marker within the
// late-landing margin, transforms/extracted/unread.ts), and only it: what the last build read is not
// read again, and a stream with nothing new is skipped.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../../src/landing/raw-table.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { sources } from '../../extractors/index.ts';
import { buildModels } from '../../transforms/index.ts';
import { PG_URL } from '../helpers/postgres.ts';
import { openPostgres, type TestEngine } from './fixtures.ts';

describe('versions landed late on Postgres', () => {
  let wh: TestEngine;
  beforeAll(async () => {
    wh = await openPostgres();
  });
  afterAll(() => wh.dispose());

  it('are read by the next build, which reads nothing the last one read', async () => {
    const { engine } = wh;
    const config = resolveConfig(
      { warehouse: { engine: 'duckdb', path: '/nonexistent/x.duckdb' }, connections: [{ name: 'gh', source: 'greenhouse', credentials: { client_id: 'x', client_secret: 'y', user_id: '1' } }] },
      '/nonexistent/hirelake.yml',
      sources,
    );
    const ref = rawTableRef(engine, 'greenhouse', 'departments');
    await ensureRawTable(engine, ref);
    const row = (id: number, name: string, updated: string, extractedAt: Date) => ['gh', String(id), new Date(updated), extractedAt, 'r', false, JSON.stringify({ id, name, parent_id: null, child_ids: [], external_id: null })];
    const build = async () => {
      const r = await buildModels({ engine, config, log: silentLogger, runId: 'late', sources });
      expect(r.models.filter((m) => m.status !== 'succeeded').map((m) => m.error)).toEqual([]);
      return r.staging.find((s) => s.stream === 'greenhouse__departments')!;
    };
    const latestName = async (id: string) =>
      JSON.parse((await engine.query<{ p: string }>(`select cast(_payload as text) as p from ${qualified(engine.schemas.raw, 'greenhouse__departments__latest')} where _record_id = $1`, [id]))[0]!.p).name;
    const staged = async () => JSON.stringify(await engine.query(`select * from ${qualified(engine.schemas.staging, '_hl_latest__greenhouse__departments')}`));

    const landedAt = new Date();
    await engine.transaction((tx) => tx.bulkInsert(ref, RAW_COLUMNS, Array.from({ length: 20 }, (_, i) => row(i + 1, `Dept ${i + 1}`, '2024-01-01T00:00:00Z', landedAt))));
    expect((await build()).mode).toBe('full');
    expect((await build()).mode).toBe('unchanged');

    // A landing stamped a minute before what the builds saw, still open while the next build runs.
    const lander = new pg.Client({ connectionString: PG_URL });
    await lander.connect();
    try {
      await lander.query('begin');
      await lander.query(
        `insert into ${qualified(ref.schema, ref.table)} (${RAW_COLUMNS.map((c) => c.name).join(', ')}) values ($1, $2, $3, $4, $5, $6, $7)`,
        row(7, 'Revenue', '2024-02-01T00:00:00Z', new Date(landedAt.getTime() - 60_000)),
      );
      expect((await build()).mode).toBe('unchanged');
      await lander.query('commit');
    } finally {
      await lander.end();
    }
    const late = await build();
    expect(late).toMatchObject({ mode: 'incremental', changed: 1, read: 1 });
    expect(await latestName('7')).toBe('Revenue');
    expect(await staged()).toContain('Revenue');

    // A new version now: the 21 versions landed within the margin before it are not read again.
    await engine.transaction((tx) => tx.bulkInsert(ref, RAW_COLUMNS, [row(8, 'Legal', '2024-03-01T00:00:00Z', new Date())]));
    expect(await build()).toMatchObject({ mode: 'incremental', changed: 1, read: 1 });
    expect(await staged()).toContain('Legal');
    expect((await build()).mode).toBe('unchanged');
  });
});
