import { randomBytes } from 'node:crypto';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';

export const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A Postgres warehouse of its own for a test: a fresh schema prefix, an engine to look at what
 * the CLI wrote, and `dispose` to drop every schema with the prefix. Postgres is part of the
 * contract: when it is missing the test fails, loudly, instead of skipping.
 */
/** A fresh schema prefix, so parallel test files and reruns never share (or drop) each other's schemas. */
export function testPrefix(): string {
  return `t_${randomBytes(4).toString('hex')}_`;
}

/** Opens the test Postgres under `prefix`; fails loudly, with how to start it, when it is missing. */
export async function openTestPostgres(prefix: string, poolSize = 2): Promise<PostgresEngine> {
  try {
    return await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize });
  } catch (err) {
    throw new Error(
      `these tests need Postgres (HIRELAKE_TEST_PG_URL, default 127.0.0.1:5432/test): ${(err as Error).message}. ` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
}

/** Drops every schema whose name starts with `prefix`. */
export async function dropPrefixedSchemas(engine: PostgresEngine, prefix: string): Promise<void> {
  const schemas = await engine.query<{ nspname: string }>('select nspname from pg_namespace where starts_with(nspname, $1)', [prefix]);
  for (const { nspname } of schemas) await engine.exec(`drop schema ${quoteIdent(nspname)} cascade`);
}

export async function pgWarehouse(): Promise<{ prefix: string; engine: PostgresEngine; dispose(): Promise<void> }> {
  const prefix = testPrefix();
  const engine = await openTestPostgres(prefix);
  return {
    prefix,
    engine,
    async dispose() {
      try {
        await dropPrefixedSchemas(engine, prefix);
      } finally {
        await engine.close();
      }
    },
  };
}
