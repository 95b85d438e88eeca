import { randomBytes } from 'node:crypto';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';

export const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A Postgres warehouse of its own for a test: a fresh schema prefix, an engine to look at what
 * the CLI wrote, and `dispose` to drop every schema with the prefix. Postgres is part of the
 * contract: when it is missing the test fails, loudly, instead of skipping.
 */
export async function pgWarehouse(): Promise<{ prefix: string; engine: PostgresEngine; dispose(): Promise<void> }> {
  const prefix = `t_${randomBytes(4).toString('hex')}_`;
  let engine: PostgresEngine;
  try {
    engine = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 2 });
  } catch (err) {
    throw new Error(`these tests need Postgres (HIRELAKE_TEST_PG_URL, default 127.0.0.1:5432/test): ${(err as Error).message}`);
  }
  return {
    prefix,
    engine,
    async dispose() {
      try {
        const schemas = await engine.query<{ nspname: string }>('select nspname from pg_namespace where starts_with(nspname, $1)', [prefix]);
        for (const { nspname } of schemas) await engine.exec(`drop schema ${quoteIdent(nspname)} cascade`);
      } finally {
        await engine.close();
      }
    },
  };
}
