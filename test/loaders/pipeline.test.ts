import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { newRunId } from '../../src/core/ids.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { usingEngine } from '../../src/engine/open-engine.ts';
import { buildContext } from '../../src/cli/context.ts';
import { extractStep } from '../../src/cli/commands/extract.ts';
import { runAfterExtract } from '../../src/cli/commands/pipeline-steps.ts';
import type { ExportSummary } from '../../src/cli/commands/export.ts';
import { sources } from '../../extractors/index.ts';
import { createWorld, customStageMapping } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { tempDir } from '../helpers/tmp.ts';
import { canonicalRows, describeColumns, expectSameRows, type Reader } from './compare.ts';
import { manifestTable, parquetRelation, readManifest } from './lake.ts';
import { dropSchemas, TEST_PG_URL, uniqueName } from './pg.ts';

/**
 * The real thing: a simulated Greenhouse account extracted, modelled and tested by `hirelake run`'s
 * steps, which then export every core and marts model to Postgres, Parquet and CSV. Each export
 * must hold exactly what the warehouse holds, on either engine.
 */
for (const kind of ['duckdb', 'postgres'] as const) {
  describe(`hirelake run with exports, ${kind} warehouse, real models`, () => {
    const tmp = tempDir();
    const target = uniqueName('hlt_pipe');
    const prefix = `${uniqueName('hlt_wh')}_`;
    let emulator: Awaited<ReturnType<typeof startGreenhouseEmulator>>;
    let ctx: ReturnType<typeof buildContext>;

    beforeAll(async () => {
      const now = Date.now() - 60_000;
      // Big enough that every core and mart model has rows, small enough to export three times over.
      const world = createWorld({ seed: 11, size: { jobs: 12, applicationsPerJob: 40 }, start: now - 365 * 86_400_000, now });
      emulator = await startGreenhouseEmulator({ world, rateLimit: { limit: 1_000, windowMs: 30_000 } });
      const config = resolveConfig(
        {
          warehouse: kind === 'duckdb' ? { engine: 'duckdb', path: './warehouse.duckdb' } : { engine: 'postgres', url: TEST_PG_URL, schema_prefix: prefix },
          connections: [{ name: 'demo', source: 'greenhouse', credentials: emulator.credentials, base_url: emulator.url, token_url: emulator.tokenUrl, stage_mapping: customStageMapping(world) }],
          exports: [
            { name: 'warehouse', type: 'postgres', url: TEST_PG_URL, schema: target },
            { name: 'lake', type: 'parquet', path: './lake' },
            { name: 'flat', type: 'csv', path: './csv' },
          ],
        },
        join(tmp.dir, 'hirelake.yml'),
        sources,
      );
      ctx = buildContext({ json: true, logLevel: 'warn' }, sources, config);
    });
    afterAll(async () => {
      await emulator?.stop();
      const schemas = kind === 'postgres' ? ['raw', 'staging', 'core', 'marts', 'hirelake'].map((s) => `${prefix}${s}`) : [];
      await dropSchemas(target, ...schemas);
      tmp.cleanup();
    });

    async function expectExportsEqualWarehouse(engine: Engine): Promise<void> {
      const target_ = await PostgresEngine.open({ url: TEST_PG_URL, poolSize: 2 });
      const reader = await DuckDbEngine.open({ path: ':memory:' });
      try {
        const lake = readManifest(join(tmp.dir, 'lake'));
        const flat = readManifest(join(tmp.dir, 'csv'));
        // Every model but the row-level demographic answers, which are never exported.
        const models = (await engine.query<{ s: string; t: string }>(
          `select table_schema as s, table_name as t from information_schema.tables where table_schema in ('${engine.schemas.core}', '${engine.schemas.marts}') order by 1, 2`,
        )).filter((m) => !(m.s === engine.schemas.core && m.t === 'demographic_answers'));
        expect(models.length).toBeGreaterThanOrEqual(20);
        expect(lake.tables.map((t) => t.name).sort()).toEqual(models.map((m) => m.t).sort());
        const empty: string[] = [];
        for (const m of models) {
          const relation = `"${m.s}"."${m.t}"`;
          const cols = await describeColumns(engine as Reader, relation);
          const expected = await canonicalRows(engine as Reader, relation, cols);
          if (expected.length === 0) empty.push(m.t);
          expectSameRows(await canonicalRows(target_, `"${target}"."${m.t}"`, cols), expected, `postgres ${m.t}`);
          const lt = manifestTable(lake, m.t);
          expectSameRows(await canonicalRows(reader, parquetRelation(join(tmp.dir, 'lake'), lt), cols), expected, `parquet ${m.t}`);
          const ct = manifestTable(flat, m.t);
          const types = `{${ct.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ')}}`;
          const csv = `read_csv('${join(tmp.dir, 'csv', ct.path)}', header = true, auto_detect = false, columns = ${types}, quote = '"', escape = '"', allow_quoted_nulls = false)`;
          expectSameRows(await canonicalRows(reader, csv, cols), expected, `csv ${m.t}`);
        }
        // Exports of empty tables would match trivially: all but these two hold rows (no
        // demographics are configured, and this world's records all reach core).
        expect(empty.sort()).toEqual(['diversity_funnel', 'dropped_records']);
        // Column docs from the models reach the warehouse as comments.
        const [comment] = await target_.query<{ c: string | null }>(`select col_description('"${target}".funnel'::regclass, (select attnum from pg_attribute where attrelid = '"${target}".funnel'::regclass and attname = 'reached')) as c`);
        expect(comment!.c).toMatch(/furthest stage/);
      } finally {
        await reader.close();
        await target_.close();
      }
    }

    it('extract → transform → test → export delivers every model exactly, then re-runs idempotently', async () => {
      const runId = newRunId();
      const extract = await extractStep(ctx, runId);
      expect(extract.ok).toBe(true);
      const summary: Record<string, unknown> = {};
      expect(await runAfterExtract(ctx, runId, summary)).toBe(true);
      const first = summary['export'] as ExportSummary;
      expect(first.exports.map((e) => [e.name, e.ok])).toEqual([['warehouse', true], ['lake', true], ['flat', true]]);
      await usingEngine(ctx.config.warehouse, {}, expectExportsEqualWarehouse);

      // Nothing changed upstream: merged tables send no rows, and every export still matches.
      const again: Record<string, unknown> = {};
      expect(await runAfterExtract(ctx, newRunId(), again)).toBe(true);
      const visits = (again['export'] as ExportSummary).exports[0]!.tables.find((t) => t.model === 'core.stage_visits')!;
      expect(visits).toMatchObject({ mode: 'merge', changed: 0, deleted: 0 });
      await usingEngine(ctx.config.warehouse, {}, expectExportsEqualWarehouse);
    });
  });
}
