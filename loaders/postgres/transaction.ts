import type pg from 'pg';

/**
 * One table's load. Everything from CREATE to the swap runs in it, so a failure at any point
 * (bad row, broken connection, killed process) rolls back on the server and yesterday's table
 * is still there; nothing half-built is ever left to clean up.
 */
export async function inTransaction<T>(client: pg.Client, lockTimeoutSeconds: number, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    // Waiting on a long BI query for the swap's exclusive lock is fine; waiting forever is not.
    await client.query(`set local lock_timeout = '${Math.trunc(lockTimeoutSeconds)}s'`);
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
