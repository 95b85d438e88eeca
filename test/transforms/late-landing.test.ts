// Postgres lands concurrently, so a version may commit after a build read past its landing time:
// the next build reads the versions landed shortly before its watermark again (lateLandingMs) and
// skips a stream only when nothing more landed in that window than it saw last time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { RAW_COLUMNS, ensureRawTable, rawTableRef } from '../../src/landing/raw-table.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { sources } from '../../extractors/index.ts';
import { buildModels } from '../../transforms/index.ts';
import { openPostgres, type TestEngine } from './fixtures.ts';

describe('a version landed late on Postgres', () => {
  let pg: TestEngine;
  beforeAll(async () => {
    pg = await openPostgres();
  });
  afterAll(() => pg.dispose());

  it('is read by the next build, and a stream with nothing new is skipped', async () => {
    const { engine } = pg;
    const config = resolveConfig(
      { warehouse: { engine: 'duckdb', path: '/nonexistent/x.duckdb' }, connections: [{ name: 'gh', source: 'greenhouse', credentials: { client_id: 'x', client_secret: 'y', user_id: '1' } }] },
      '/nonexistent/hirelake.yml',
      sources,
    );
    const ref = rawTableRef(engine, 'greenhouse', 'departments');
    await ensureRawTable(engine, ref);
    const land = (name: string, updated: string, extractedAt: Date) =>
      engine.transaction((tx) =>
        tx.bulkInsert(ref, RAW_COLUMNS, [['gh', '7', new Date(updated), extractedAt, 'r', false, JSON.stringify({ id: 7, name, parent_id: null, child_ids: [], external_id: null })]]),
      );
    const build = async () => {
      const r = await buildModels({ engine, config, log: silentLogger, runId: 'late', sources });
      expect(r.models.filter((m) => m.status !== 'succeeded').map((m) => m.error)).toEqual([]);
      return r.staging.find((s) => s.stream === 'greenhouse__departments')!;
    };
    const landedAt = new Date();
    await land('Sales', '2024-01-01T00:00:00Z', landedAt);
    expect((await build()).mode).toBe('full');
    expect((await build()).mode).toBe('unchanged');

    // Stamped a minute before what the last build saw, committed after it.
    await land('Revenue', '2024-02-01T00:00:00Z', new Date(landedAt.getTime() - 60_000));
    const late = await build();
    expect(late.mode).toBe('incremental');
    const [row] = await engine.query<{ p: string }>(`select cast(_payload as text) as p from ${qualified(engine.schemas.raw, 'greenhouse__departments__latest')}`);
    expect(JSON.parse(row!.p).name).toBe('Revenue');
    const staged = await engine.query<Record<string, unknown>>(`select * from ${qualified(engine.schemas.staging, '_hl_latest__greenhouse__departments')}`);
    expect(JSON.stringify(staged)).toContain('Revenue');
    expect((await build()).mode).toBe('unchanged');
  });
});
