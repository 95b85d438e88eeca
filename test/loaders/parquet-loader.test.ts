import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalRows, describeColumns, expectSameRows, type Reader } from './compare.ts';
import { fixtureSource, ok, runExport, type SourceKind } from './helpers.ts';
import { hyparquetRows, manifestTable, parquetRelation, readManifest } from './lake.ts';

/** Postgres types as the lake writes them when the engine is Postgres. */
const FROM_PG: Record<string, string> = {
  text: 'VARCHAR', bigint: 'BIGINT', boolean: 'BOOLEAN', 'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE', 'double precision': 'DOUBLE',
  'numeric(12,2)': 'DECIMAL(12,2)', date: 'DATE', jsonb: 'JSON', integer: 'INTEGER',
};

for (const kind of ['duckdb', 'postgres'] as SourceKind[]) {
  describe(`Parquet loader, ${kind} engine as the source`, () => {
    const src = fixtureSource(kind);
    const lake = join(src.dir, 'lake');

    async function expectLakeEqualsModels(compression: string): Promise<void> {
      const manifest = readManifest(lake);
      expect(manifest.options['compression']).toBe(compression);
      for (const t of manifest.tables) {
        const [role] = t.model.split('.') as ['core' | 'marts'];
        const relation = `"${src.engine.schemas[role]}"."${t.name}"`;
        const cols = await describeColumns(src.engine as Reader, relation);
        const expected = await canonicalRows(src.engine as Reader, relation, cols);
        expect(t.rows, t.model).toBe(expected.length);
        const lakeCols = await describeColumns(src.reader, parquetRelation(lake, t));
        // Typed columns: the model's own types (DuckDB) or their DuckDB equivalents (Postgres).
        const want = cols.map((c) => ({ name: c.name, type: kind === 'duckdb' ? c.type : FROM_PG[c.type] ?? c.type }));
        expect([...lakeCols].sort((a, b) => a.name.localeCompare(b.name)), t.model).toEqual([...want].sort((a, b) => a.name.localeCompare(b.name)));
        expect(t.columns.map((c) => ({ name: c.name, type: c.type }))).toEqual(want);
        expectSameRows(await canonicalRows(src.reader, parquetRelation(lake, t), cols), expected, `${t.model} via DuckDB`);
        // hyparquet reads snappy natively; zstd needs its optional codec package.
        if (compression === 'snappy') expectSameRows(await hyparquetRows(lake, t), expected, `${t.model} via hyparquet`);
      }
    }

    it('writes one hive-partitioned folder per table plus a manifest, readable by DuckDB and hyparquet', async () => {
      const [result] = ok(await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake', compression: 'snappy', row_group_size: 10_000 }], { runId: 'run-1' }));
      expect(result!.tables.map((t) => t.model)).toEqual(['core.applications', 'core.stage_visits', 'marts.empty_mart', 'marts.funnel']);
      const m = readManifest(lake);
      expect(m).toMatchObject({ generator: 'hirelake', format: 'parquet', export: 'lake', run_id: 'run-1', engine: kind });
      expect(Date.parse(m.exported_at)).toBeGreaterThan(Date.now() - 600_000);
      const apps = manifestTable(m, 'applications');
      expect(apps.partition_by).toEqual(['connection']);
      expect(apps.files.every((f) => /^applications\/connection=(acme|globex|initech)\/[^/]+\.parquet$/.test(f))).toBe(true);
      expect(apps.columns.find((c) => c.name === 'applied_at')!.type).toBe('TIMESTAMP WITH TIME ZONE');
      // An empty table still has a file, so readers learn its schema.
      expect(manifestTable(m, 'empty_mart')).toMatchObject({ rows: 0, files: ['empty_mart/connection=__HIVE_DEFAULT_PARTITION__/data_0.parquet'] });
      await expectLakeEqualsModels('snappy');
    });

    it('is zstd-compressed by default and idempotent on re-run', async () => {
      ok(await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake' }], { runId: 'run-2' }));
      const first = readManifest(lake);
      ok(await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake' }], { runId: 'run-3' }));
      const second = readManifest(lake);
      expect(second.run_id).toBe('run-3');
      expect(second.tables.map(({ bytes: _b, ...t }) => t)).toEqual(first.tables.map(({ bytes: _b, ...t }) => t));
      await expectLakeEqualsModels('zstd');
      expect(readdirSync(src.dir).filter((f) => f.startsWith('.lake'))).toEqual([]);
    });

    it('leaves the previous lake intact when an export fails half-way, and recovers on the next run', async () => {
      const before = readManifest(lake);
      const broken = `"${src.engine.schemas.marts}".zz_broken`;
      await src.engine.exec(kind === 'duckdb' ? `create view ${broken} as select error('boom') as x from range(3)` : `create view ${broken} as select 1 / (n - n) as x from generate_series(1, 3) n`);
      try {
        const [result] = await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake' }], { runId: 'run-broken' });
        expect(result!.ok).toBe(false);
        expect(readManifest(lake)).toEqual(before);
        expect(readdirSync(src.dir).filter((f) => f.startsWith('.lake'))).toEqual([]);
        await expectLakeEqualsModels('zstd');
      } finally {
        await src.engine.exec(`drop view ${broken}`);
      }
      ok(await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake' }], { runId: 'run-4' }));
      expect(readManifest(lake).run_id).toBe('run-4');
    });

    it('carries a new model column with no manual step', async () => {
      await src.engine.exec(`alter table "${src.engine.schemas.core}".applications add column region ${kind === 'duckdb' ? 'VARCHAR' : 'text'}`);
      await src.engine.exec(`update "${src.engine.schemas.core}".applications set region = 'emea' where application_id % 2 = 0`);
      ok(await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake' }]));
      expect(manifestTable(readManifest(lake), 'applications').columns.at(-1)!.name).toBe('region');
      await expectLakeEqualsModels('zstd');
    });

    it('writes unpartitioned tables when partition_by is null', async () => {
      ok(await runExport(src.engine, src.dir, [{ name: 'flat', type: 'parquet', path: './flat', partition_by: null, tables: ['core.stage_visits'] }]));
      const t = manifestTable(readManifest(join(src.dir, 'flat')), 'stage_visits');
      expect(t).toMatchObject({ partition_by: [], files: ['stage_visits/data_0.parquet'] });
    });

    it('fails, keeping the lake, when the selection finds no table', async () => {
      const before = readManifest(lake);
      const [result] = await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './lake', tables: ['marts.nothing_like_this_*'] }]);
      expect(result!.ok).toBe(false);
      expect(result!.error).toMatch(/no core or marts tables to send/);
      expect(readManifest(lake)).toEqual(before);
    });

    it('refuses to replace a folder that is not a hirelake export', async () => {
      const mine = join(src.dir, 'precious');
      mkdirSync(mine);
      writeFileSync(join(mine, 'notes.txt'), 'do not move me');
      const [result] = await runExport(src.engine, src.dir, [{ name: 'lake', type: 'parquet', path: './precious' }]);
      expect(result!.ok).toBe(false);
      expect(result!.error).toMatch(/not a hirelake export/);
      expect(existsSync(join(mine, 'notes.txt'))).toBe(true);
    });
  });
}
