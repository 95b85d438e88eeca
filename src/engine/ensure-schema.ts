import type { SqlRunner } from './engine.ts';
import { quoteIdent } from './identifiers.ts';

/** The lock every catalog change of hirelake takes (see EngineTx.lock), so concurrent creators queue. */
export const CATALOG_LOCK = 'catalog';

/**
 * `create schema if not exists`, safe when several connections run it at once: Postgres checks
 * "not exists" before taking its catalog lock, so concurrent creators can lose with a unique
 * violation on pg_namespace even though the schema now exists, which is all the caller wanted.
 */
export async function ensureSchema(runner: SqlRunner, schema: string): Promise<void> {
  try {
    await runner.exec(`create schema if not exists ${quoteIdent(schema)}`);
  } catch (err) {
    if (!/pg_namespace_nspname_index|already exists/i.test((err as Error).message)) throw err;
  }
}
