import type { EngineKind, SqlRunner } from '../../src/engine/engine.ts';
import type { SqlDialect } from './dialect.ts';
import { duckdbDialect } from './duckdb.ts';
import { postgresDialect } from './postgres.ts';

const DIALECTS: Readonly<Record<EngineKind, SqlDialect>> = { duckdb: duckdbDialect, postgres: postgresDialect };

/** The SQL dialect of an engine: the one place the transform layer looks at the engine kind. */
export function dialectFor(kind: EngineKind): SqlDialect {
  return DIALECTS[kind];
}

/** Gives a table just filled its statistics where the engine wants them now (SqlDialect.analyze). */
export async function analyzeTable(db: SqlRunner, dialect: SqlDialect, table: string): Promise<void> {
  const sql = dialect.analyze(table);
  if (sql) await db.exec(sql);
}

export type { JsonField, SqlDialect } from './dialect.ts';
export { parseJsonField } from './dialect.ts';
