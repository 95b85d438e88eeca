import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('a DuckDB file warehouse', () => {
  const tmp = tempDir();

  it('writes row groups of at most 32,768 rows (a checkpoint compresses one at a time), spills beside the file, and stays a plain DuckDB file', async () => {
    const path = join(tmp.dir, "o'brien.duckdb");
    const engine = await DuckDbEngine.open({ path, memoryLimit: '64MB' });
    try {
      await engine.exec('create table t as select range as i, repeat(cast(range as text), 20) as s from range(100000)');
      const [s] = await engine.query<{ temp: string }>("select current_setting('temp_directory') as temp");
      expect(s!.temp).toBe(`${path}.tmp`);
    } finally {
      await engine.close();
    }
    // Opened as any DuckDB client opens it (a BI tool, the CLI), without hirelake's options.
    const db = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    try {
      const conn = await db.connect();
      const rows = (await conn.runAndReadAll("select row_group_id, max(count) as n from pragma_storage_info('t') group by row_group_id")).getRowObjectsJS();
      expect(rows.length).toBe(4);
      expect(Math.max(...rows.map((r) => Number(r['n'])))).toBeLessThanOrEqual(32_768);
      expect(Number((await conn.runAndReadAll('select count(*) as n from t')).getRowObjectsJS()[0]!['n'])).toBe(100_000);
      conn.closeSync();
    } finally {
      db.closeSync();
    }
  });

  it('opens read-only without writing; another kind of file, or a missing one read-only, is an error and stays as it was', async () => {
    const path = join(tmp.dir, 'ro.duckdb');
    const writer = await DuckDbEngine.open({ path });
    await writer.exec('create table t (i integer)');
    await writer.close();
    const reader = await DuckDbEngine.open({ path, readOnly: true });
    try {
      await expect(reader.exec('insert into t values (1)')).rejects.toThrow(/read-only|read only/i);
    } finally {
      await reader.close();
    }
    // Another kind of file (a SQLite database's header) is refused as it is, not opened through an extension.
    const sqlite = join(tmp.dir, 'other.db');
    const bytes = `SQLite format 3\0${'x'.repeat(4096)}`;
    writeFileSync(sqlite, bytes);
    await expect(DuckDbEngine.open({ path: sqlite })).rejects.toThrow(/not a valid DuckDB database file/);
    expect(readFileSync(sqlite, 'utf8')).toBe(bytes);
    const missing = join(tmp.dir, 'missing.duckdb');
    await expect(DuckDbEngine.open({ path: missing, readOnly: true })).rejects.toThrow();
    expect(existsSync(missing)).toBe(false);
  });
});
