import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkColumn, TableRef } from '../../src/engine/engine.ts';
import { appendRows } from '../../src/engine/duckdb/appender.ts';
import { FLUSH_AT, OpenAppenders } from '../../src/engine/duckdb/open-appenders.ts';

const columns: BulkColumn[] = [{ name: 'id', type: 'bigint' }, { name: 'payload', type: 'json' }];
const table: TableRef = { schema: 'main', table: 'pages' };
const rows = (from: number, count: number, payload: string) => Array.from({ length: count }, (_, i) => [from + i, payload] as const);

describe('OpenAppenders: one appender per table across a transaction\'s bulk inserts', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  const count = async () => Number((await conn.runAndReadAll('select count(*) as n from pages')).getRowObjects()[0]!['n']);
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await conn.run('create table pages (id bigint, payload json)');
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  it('flushes when an appender holds enough rows, or enough text for wide payloads, and on flush()', async () => {
    await conn.run('begin transaction');
    const open = new OpenAppenders();
    const small = JSON.stringify({ note: 'x' });
    const page = 500;
    let landed = 0;
    // Unflushed rows are not in the table yet: a statement sees them only once the appender is flushed.
    while (landed + page <= FLUSH_AT.rows) {
      landed += await open.append(conn, table, (a) => appendRows(a, columns, rows(landed, page, small)));
    }
    expect(await count()).toBe(0);
    landed += await open.append(conn, table, (a) => appendRows(a, columns, rows(landed, page, small)));
    expect(await count()).toBe(landed);

    // Pages of four wide payloads: past the character limit long before the row limit.
    const wide = JSON.stringify({ resume: 'y'.repeat(Math.ceil(FLUSH_AT.chars / 10)) });
    const flushed = landed;
    for (let p = 0; p < 2; p++) landed += await open.append(conn, table, (a) => appendRows(a, columns, rows(landed, 4, wide)));
    expect(await count()).toBe(flushed);
    landed += await open.append(conn, table, (a) => appendRows(a, columns, rows(landed, 4, wide)));
    expect(await count()).toBe(landed);
    landed += await open.append(conn, table, (a) => appendRows(a, columns, rows(landed, 1, small)));
    expect(await count()).toBe(landed - 1);
    open.flush();
    expect(await count()).toBe(landed);
    await conn.run('commit');
    expect(await count()).toBe(landed);
  });

  it('refuses to flush after an append failed midway, and forgets it once discarded', async () => {
    await conn.run('begin transaction');
    const open = new OpenAppenders();
    function* failing(): Generator<readonly unknown[]> {
      yield [1, '{}'];
      throw new Error('bad source row');
    }
    await expect(open.append(conn, table, (a) => appendRows(a, columns, failing()))).rejects.toThrow('bad source row');
    expect(() => open.flush()).toThrow('a bulk insert in this transaction failed midway, so it cannot commit: bad source row');
    open.discard();
    await conn.run('rollback');
    expect(() => open.flush()).not.toThrow();
  });
});
