import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine, EngineKind } from '../../src/engine/engine.ts';
import { quoteIdent } from '../../src/engine/identifiers.ts';
import { PostgresEngine } from '../../src/engine/postgres/postgres-engine.ts';
import { tempDir } from '../helpers/tmp.ts';

const PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A throwaway SQL project: `files` maps paths under sql/ to their text. Returns the sql/ folder. */
export function sqlProject(files: Record<string, string>): { dir: string; write(path: string, text: string): void; cleanup(): void } {
  const tmp = tempDir('hirelake-sql-');
  const dir = join(tmp.dir, 'sql');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { dir, write, cleanup: tmp.cleanup };
}

export interface TestEngine {
  engine: Engine;
  dispose(): Promise<void>;
}

export async function openDuck(): Promise<TestEngine> {
  const engine = await DuckDbEngine.open({ path: ':memory:' });
  return { engine, dispose: () => engine.close() };
}

/**
 * Postgres with a schema prefix of its own, dropped afterwards. Postgres is part of the contract:
 * when it is missing the suite fails, loudly, instead of skipping.
 */
export async function openPostgres(): Promise<TestEngine> {
  const prefix = `t_${randomBytes(4).toString('hex')}_`;
  let engine: PostgresEngine;
  try {
    engine = await PostgresEngine.open({ url: PG_URL, schemaPrefix: prefix, poolSize: 2 });
  } catch (err) {
    throw new Error(`these tests need Postgres (HIRELAKE_TEST_PG_URL, default 127.0.0.1:5432/test): ${(err as Error).message}`);
  }
  return {
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

export const ENGINES: readonly { kind: EngineKind; open(): Promise<TestEngine> }[] = [
  { kind: 'duckdb', open: openDuck },
  { kind: 'postgres', open: openPostgres },
];
