import { createHash } from 'node:crypto';
import type pg from 'pg';
import { HirelakeError } from '../../src/core/errors.ts';

/**
 * Two exports into one schema at once would fight over the loading tables and the state rows; a
 * session advisory lock on the target (released when the session ends, even if we die) keeps
 * them in turn.
 */
export async function lockTargetSchema(client: pg.Client, schema: string, wait: boolean, label: string): Promise<void> {
  const id = createHash('sha256').update(`hirelake-export\0${schema}`).digest().readBigInt64BE(0).toString();
  if (wait) {
    await client.query('select pg_advisory_lock($1::bigint)', [id]);
    return;
  }
  const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [id]);
  if (!rows[0]?.ok) {
    throw new HirelakeError('export', `another export is writing to schema ${schema} at ${label}`, 'wait for it to finish, or rerun with --wait');
  }
}
