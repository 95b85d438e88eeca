import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalRows, describeColumns, expectSameRows, type Reader } from './compare.ts';
import { NASTY_TEXT } from './fixtures.ts';
import { fixtureSource, ok, runExport, type SourceKind } from './helpers.ts';
import { readManifest } from './lake.ts';
import { parseRfc4180 } from './rfc4180.ts';

for (const kind of ['duckdb', 'postgres'] as SourceKind[]) {
  describe(`CSV loader, ${kind} engine as the source`, () => {
    const src = fixtureSource(kind);
    const out = join(src.dir, 'csv');

    it('writes UTF-8 files with a header and RFC 4180 quoting that read back to the same rows', async () => {
      const [result] = ok(await runExport(src.engine, src.dir, [{ name: 'flat', type: 'csv', path: './csv' }]));
      expect(result!.tables.map((t) => t.target)).toEqual(['applications.csv', 'stage_visits.csv', 'empty_mart.csv', 'funnel.csv']);
      const manifest = readManifest(out);
      expect(manifest.format).toBe('csv');
      for (const t of manifest.tables) {
        const [role] = t.model.split('.') as ['core' | 'marts'];
        const relation = `"${src.engine.schemas[role]}"."${t.name}"`;
        const cols = await describeColumns(src.engine as Reader, relation);
        const records = parseRfc4180(readFileSync(join(out, t.path), 'utf8'));
        expect(records[0]!.map((f) => f.value), t.model).toEqual(cols.map((c) => c.name));
        expect(records.length - 1, t.model).toBe(t.rows);
        // The manifest's types are enough to read the file back exactly.
        const types = `{${t.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ')}}`;
        const relationCsv = `read_csv('${join(out, t.path)}', header = true, auto_detect = false, columns = ${types}, quote = '"', escape = '"', allow_quoted_nulls = false)`;
        expectSameRows(await canonicalRows(src.reader, relationCsv, cols), await canonicalRows(src.engine as Reader, relation, cols), t.model);
      }
      // Every nasty text is there verbatim, and '' stays apart from null.
      const visits = parseRfc4180(readFileSync(join(out, 'stage_visits.csv'), 'utf8'));
      const names = visits.slice(1).map((r) => r[3]!);
      for (const text of NASTY_TEXT) expect(names.some((f) => f.value === text && (text !== '' || f.quoted)), JSON.stringify(text)).toBe(true);
      const apps = parseRfc4180(readFileSync(join(out, 'applications.csv'), 'utf8'));
      const source = apps.slice(1).map((r) => r[4]!);
      expect(source.some((f) => f.value === '' && !f.quoted)).toBe(true); // null
      expect(source.some((f) => f.value === '' && f.quoted)).toBe(true); // empty string
    });

    it('replaces the folder as a whole and keeps the old one when a table fails', async () => {
      const before = readManifest(out);
      const broken = `"${src.engine.schemas.marts}".zz_broken`;
      await src.engine.exec(kind === 'duckdb' ? `create view ${broken} as select error('boom') as x from range(3)` : `create view ${broken} as select 1 / (n - n) as x from generate_series(1, 3) n`);
      try {
        const [result] = await runExport(src.engine, src.dir, [{ name: 'flat', type: 'csv', path: './csv' }]);
        expect(result!.ok).toBe(false);
      } finally {
        await src.engine.exec(`drop view ${broken}`);
      }
      expect(readManifest(out)).toEqual(before);
      expect(readdirSync(src.dir).filter((f) => f.startsWith('.csv'))).toEqual([]);
      ok(await runExport(src.engine, src.dir, [{ name: 'flat', type: 'csv', path: './csv' }]));
      expect(readManifest(out).run_id).not.toBe(before.run_id);
    });
  });
}
