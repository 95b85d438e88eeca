import type { SqlRunner, TableRef } from './engine.ts';

/** Whether a table or view exists; information_schema answers the same on both engines. */
export async function tableExists(runner: Pick<SqlRunner, 'query'>, table: TableRef): Promise<boolean> {
  const rows = await runner.query(`select 1 as x from information_schema.tables where table_schema = $1 and table_name = $2`, [table.schema, table.table]);
  return rows.length > 0;
}
