import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';
import type { InputConfig } from './inputs/input-model.ts';

/**
 * The vendors a build models: those of the configured connections, and any other whose raw zone
 * holds records (a connection taken out of the config keeps its history in core and the marts, as
 * before). Most of the project is vendor staging, so an account on one ATS builds about a third of
 * the models it would for all five. With neither (no connection, nothing landed), every vendor:
 * the project then builds empty, as it always has.
 */
export async function vendorsInPlay(engine: Engine, config: InputConfig, vendors: readonly string[]): Promise<string[]> {
  const configured = new Set(config.connections.map((c) => c.source));
  const others = vendors.filter((v) => !configured.has(v));
  const landed = others.length === 0 ? new Set<string>() : await vendorsWithRecords(engine, others);
  const inPlay = vendors.filter((v) => configured.has(v) || landed.has(v));
  return inPlay.length > 0 ? inPlay : [...vendors];
}

/** Which of `vendors` have a raw table holding at least one version (one statement, each table read to its first row). */
async function vendorsWithRecords(engine: Engine, vendors: readonly string[]): Promise<Set<string>> {
  const raw = engine.schemas.raw;
  const tables = await engine.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`,
    [raw],
  );
  const owned = tables
    .map((t) => ({ table: t.name, vendor: vendors.find((v) => t.name.startsWith(`${v}__`)) }))
    .filter((t): t is { table: string; vendor: string } => t.vendor !== undefined);
  if (owned.length === 0) return new Set();
  const probes = owned.map((t, i) => `select $${i + 1}::text as vendor where exists (select 1 from ${qualified(raw, t.table)})`);
  const rows = await engine.query<{ vendor: string }>(probes.join('\nunion all\n'), owned.map((t) => t.vendor));
  return new Set(rows.map((r) => r.vendor));
}
