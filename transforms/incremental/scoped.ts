import { createHash } from 'node:crypto';
import type { Engine, EngineTx } from '../../src/engine/engine.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import type { CompiledModel, CompiledProject } from '../compile.ts';
import { analyzeTable, dialectFor, parseJsonField } from '../dialects/index.ts';
import { fieldColumn, NESTED_KINDS, type ExtractedTable } from '../extracted/spec.ts';
import { TransformError } from '../errors.ts';
import { body } from '../materialize.ts';
import type { IncrementalSpec } from './declare.ts';

/**
 * Where the keys a changed input touches are read from: a stream's changed records (their latest
 * rows before and after, RefreshResult.changes) or the keys a model upstream rebuilt this build.
 * `column` holds the key there.
 */
export interface KeySource {
  readonly relation: string;
  readonly connection: string;
  readonly column: string;
}

/** How one input is read while a key-scoped build runs: only its rows holding the keys rebuilt. */
interface Restriction {
  /** The relation as the compiled SQL names it. */
  readonly relation: string;
  /** Its rows to keep: a condition on alias `t` given the keys table `k`. */
  readonly where: string;
  /** Restricted like another (a nested table: the records its stream's latest table kept). */
  readonly via?: string;
}

const shortName = (prefix: string, name: string) => `${prefix}${createHash('sha1').update(name).digest('hex').slice(0, 12)}`;

/** The key column of an input: `_record_id` or a payload field's typed column (streams), a column (models). */
export function inputKeyColumn(field: string, table: ExtractedTable | null, file: string): string {
  if (!table || field === '_record_id') return field;
  const path = parseJsonField(field).path;
  const col = fieldColumn(path);
  if (!table.fields.has(col)) throw new TransformError(`${file}: incremental_input ${table.vendor}.${table.stream} ${field}: no model reads that field of the stream`);
  return col;
}

/** The views a model reads, directly or through other views, in dependency order. */
function viewClosure(project: CompiledProject, m: CompiledModel): CompiledModel[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const d = project.byName.get(name);
    if (!d || d.materialized !== 'view' || seen.has(name)) return;
    seen.add(name);
    for (const dep of d.deps) visit(dep);
  };
  for (const dep of m.deps) visit(dep);
  return project.models.filter((x) => seen.has(x.name));
}

/**
 * The copies of inputs holding some keys' rows, kept for the rest of a build. Models rebuilt per key
 * one after another mostly rebuild the same keys (an application's visits, its progress, its stage
 * durations each copy core.applications' rows of the same applications), and each copy scans its
 * input whole. A copy is reused for the same input, restriction and keys; it never goes stale, as
 * a build builds each relation once and before every model that reads it. They are tables of the
 * staging schema (a Postgres temporary table lives in one pooled session), dropped when the build ends.
 */
export class KeyedCopies {
  readonly #copies = new Map<string, string>();
  /** Every copy made, to drop when the build ends. */
  readonly tables: string[] = [];

  get(key: string): string | undefined {
    return this.#copies.get(key);
  }

  add(key: string, table: string): void {
    this.#copies.set(key, table);
    this.tables.push(table);
  }
}

function replaceAll(sql: string, names: ReadonlyMap<string, string>): string {
  let out = sql;
  for (const [from, to] of names) out = out.split(from).join(to);
  return out;
}

/**
 * Rebuilds the rows of `m` whose key the changed inputs touch, in one transaction: the keys are
 * collected, every listed input is copied aside holding only those keys, the views the model reads
 * are recreated as temporary views over the copies, and the target's rows of those keys are deleted
 * and built again from the model's own SQL over them. Returns the keys rebuilt and the table the
 * keys are kept in for models downstream (dropped by the build when it ends).
 */
export async function buildKeys(
  engine: Engine,
  project: CompiledProject,
  m: CompiledModel,
  spec: IncrementalSpec,
  sources: readonly KeySource[],
  keysTable: string,
  copies: KeyedCopies,
): Promise<{ keys: number; rows: number }> {
  const staging = engine.schemas.staging;
  const keys = qualified(staging, keysTable);
  const restrictions: Restriction[] = [];
  for (const input of spec.inputs) {
    if (input.vendor) {
      const tables = project.extracted.filter((t) => t.vendor === input.vendor && t.stream === input.stream && (t.kind === 'latest' || NESTED_KINDS.includes(t.kind)));
      const latest = tables.find((t) => t.kind === 'latest');
      if (!latest) continue;
      const col = inputKeyColumn(input.field, latest, m.file);
      restrictions.push({ relation: qualified(staging, latest.name), where: `k.connection = t._connection and k.key = cast(t.${quoteIdent(col)} as text)` });
      for (const t of tables) if (t !== latest) restrictions.push({ relation: qualified(staging, t.name), where: '', via: qualified(staging, latest.name) });
    } else {
      const d = project.byName.get(input.name);
      if (!d || d.materialized !== 'table') throw new TransformError(`${m.file}: incremental_input ${input.name} is no table model`);
      restrictions.push({ relation: d.relation, where: `k.connection = t.connection and k.key = cast(t.${quoteIdent(input.field)} as text)` });
    }
  }
  // Only what the model's SQL or the views it reads name is copied (a stream's custom-field entries
  // when nothing reads them: 45 ms of core.applications' 200 ms): a copy nothing names is never read.
  const views = viewClosure(project, m);
  const text = [m.sql, ...views.map((v) => v.sql)].join('\n');
  const named = (relation: string) => text.includes(relation);
  const needed = restrictions.filter((r) => named(r.relation) || restrictions.some((o) => o.via === r.relation && named(o.relation)));
  const target = m.relation;
  const keyMatch = (alias: string) => `exists (select 1 from ${keys} k where k.connection = ${alias}.connection and k.key = cast(${alias}.${quoteIdent(spec.key)} as text))`;

  // Tables just made have no statistics until autovacuum comes by: Postgres would plan the model over them blind.
  const dialect = dialectFor(engine.kind);
  const made: [string, string][] = [];
  const result = await engine.transaction(async (tx: EngineTx) => {
    await tx.exec(`drop table if exists ${keys}`);
    const union = sources.map((s) => `select cast(${s.connection} as text) as connection, cast(${quoteIdent(s.column)} as text) as key from ${s.relation}`).join(' union ');
    const keyCount = await tx.execCount(`create table ${keys} as select distinct connection, key from (${union}) u where key is not null`);
    await analyzeTable(tx, dialect, keys);
    const [d] = await tx.query<{ d: string | null }>(`select md5(string_agg(connection || '/' || key, ',' order by connection, key)) as d from ${keys}`);
    const renames = new Map<string, string>();
    const copyKeys = new Map<string, string>();
    const tempViews: string[] = [];
    for (const r of needed) {
      const copyKey = r.via ? `${r.relation} via ${copyKeys.get(r.via)}` : `${r.relation} where ${r.where} keys ${d?.d ?? ''}`;
      copyKeys.set(r.relation, copyKey);
      const cached = copies.get(copyKey);
      if (cached) {
        renames.set(r.relation, qualified(staging, cached));
        continue;
      }
      const table = shortName('_hl_copy_', `${copyKey} ${copies.tables.length + made.length}`);
      const name = qualified(staging, table);
      const where = r.via ? `exists (select 1 from ${renames.get(r.via)} l where l._connection = t._connection and l._record_id = t._record_id)` : `exists (select 1 from ${keys} k where ${r.where})`;
      await tx.exec(`drop table if exists ${name}`);
      await tx.exec(`create table ${name} as select * from ${r.relation} t where ${where}`);
      await analyzeTable(tx, dialect, name);
      made.push([copyKey, table]);
      renames.set(r.relation, name);
    }
    for (const v of views) {
      const name = quoteIdent(shortName('_hl_v_', v.relation));
      await tx.exec(`create temp view ${name} as ${replaceAll(body(v.sql), renames)}`);
      tempViews.push(name);
      renames.set(v.relation, name);
    }
    // The target's own name as the correlation name: DuckDB's DELETE takes no alias.
    await tx.exec(`delete from ${target} where ${keyMatch(quoteIdent(m.name))}`);
    const rows = await tx.execCount(`insert into ${target} select * from (${replaceAll(body(m.sql), renames)}) hl_model where ${keyMatch('hl_model')}`);
    for (const name of tempViews.reverse()) await tx.exec(`drop view if exists ${name}`);
    return { keys: keyCount, rows };
  });
  // Only once committed: a rolled-back transaction took its copies with it.
  for (const [key, table] of made) copies.add(key, table);
  return result;
}
