import type { EngineKind } from '../../src/engine/engine.ts';
import type { SqlDialect } from './dialect.ts';
import { duckdbDialect } from './duckdb.ts';
import { postgresDialect } from './postgres.ts';

const DIALECTS: Readonly<Record<EngineKind, SqlDialect>> = { duckdb: duckdbDialect, postgres: postgresDialect };

/** The SQL dialect of an engine: the one place the transform layer looks at the engine kind. */
export function dialectFor(kind: EngineKind): SqlDialect {
  return DIALECTS[kind];
}

export type { JsonField, SqlDialect } from './dialect.ts';
export { parseJsonField } from './dialect.ts';
