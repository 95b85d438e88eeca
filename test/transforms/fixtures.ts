import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine, EngineKind } from '../../src/engine/engine.ts';
import { tempDir } from '../helpers/tmp.ts';
import { pgWarehouse } from '../helpers/postgres.ts';

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

/** Postgres with a schema prefix of its own, dropped afterwards; fails loudly when Postgres is missing. */
export async function openPostgres(): Promise<TestEngine> {
  return pgWarehouse();
}

export const ENGINES: readonly { kind: EngineKind; open(): Promise<TestEngine> }[] = [
  { kind: 'duckdb', open: openDuck },
  { kind: 'postgres', open: openPostgres },
];
