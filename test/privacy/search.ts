// Looks for a person's values anywhere a warehouse keeps text: every text and JSON column of every
// table and view in the given schemas (the raw payloads included).
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import { erasableCandidates, type Candidate, type World } from '../../emulators/world/index.ts';

const TEXTY = /^(varchar|text|json|jsonb|character varying|character)$/i;

/**
 * `schema.table.column: needle` for every column holding one of the needles (compared lowercased).
 * A needle is a value, or several that must all occur in one cell (a first and a last name kept
 * in separate fields of one JSON record).
 */
export interface Queryable {
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export async function findValues(engine: Queryable, schemas: readonly string[], needles: readonly (string | readonly string[])[]): Promise<string[]> {
  const cols = await engine.query<{ s: string; t: string; c: string; type: string }>(
    `select table_schema as s, table_name as t, column_name as c, data_type as type from information_schema.columns
      where table_schema in (${schemas.map((_, i) => `$${i + 1}`).join(', ')})`,
    schemas,
  );
  const tables = new Map<string, { s: string; t: string; cols: string[] }>();
  for (const c of cols) {
    if (!TEXTY.test(c.type)) continue;
    const k = `${c.s}.${c.t}`;
    const e = tables.get(k) ?? { s: c.s, t: c.t, cols: [] };
    e.cols.push(c.c);
    tables.set(k, e);
  }
  const hits: string[] = [];
  const groups = needles.map((n) => (typeof n === 'string' ? [n] : [...n]).map((v) => v.toLowerCase()));
  const params = groups.flat();
  let offset = 0;
  const starts = groups.map((grp) => ((offset += grp.length), offset - grp.length));
  const joined = (names: readonly string[]) => `lower(concat_ws(' ', ${names.map((c) => `cast(${quoteIdent(c)} as text)`).join(', ')}))`;
  // Every value found in a column is also found in the row's columns joined, so one query over all
  // relations rules out those that hold none of the needles (nearly all, after an erasure) before
  // the per-column breakdown below.
  const relations = [...tables.values()];
  const anyNeedle = (names: readonly string[]) => {
    const whole = joined(names);
    return params.map((_, i) => `strpos(${whole}, $${i + 1}) > 0`).join(' or ');
  };
  const holding = new Set<number>();
  for (let from = 0; from < relations.length; from += 50) {
    const chunk = relations.slice(from, from + 50);
    const rows = await engine.query<{ k: number }>(
      chunk.map((r, i) => `select ${from + i} as k from (select 1 from ${qualified(r.s, r.t)} where ${anyNeedle(r.cols)} limit 1) as x${i}`).join(' union all '),
      params,
    );
    for (const { k } of rows) holding.add(Number(k));
  }
  // One scan per relation holding a needle: a count per (column, needle).
  for (const [i, { s, t, cols: names }] of relations.entries()) {
    if (!holding.has(i)) continue;
    const pairs = names.flatMap((col) => groups.map((_, g) => ({ col, g })));
    const sel = pairs
      .map((p, k) => {
        const all = groups[p.g]!.map((_, j) => `strpos(lower(cast(${quoteIdent(p.col)} as text)), $${starts[p.g]! + j + 1}) > 0`).join(' and ');
        return `count(*) filter (where ${all}) as h${k}`;
      })
      .join(', ');
    // A needle of several values may also be spread over the columns of one row (first_name, last_name).
    const whole = joined(names);
    const rowSel = groups.map((grp, g) => `count(*) filter (where ${grp.map((_, j) => `strpos(${whole}, $${starts[g]! + j + 1}) > 0`).join(' and ')}) as r${g}`).join(', ');
    const [row] = await engine.query<Record<string, number>>(`select ${sel}, ${rowSel} from ${qualified(s, t)}`, params);
    pairs.forEach((p, k) => {
      if (Number(row?.[`h${k}`] ?? 0) > 0) hits.push(`${s}.${t}.${p.col}: ${groups[p.g]!.join(' + ')}`);
    });
    groups.forEach((grp, g) => {
      if (grp.length > 1 && Number(row?.[`r${g}`] ?? 0) > 0 && !hits.some((h) => h.startsWith(`${s}.${t}.`) && h.endsWith(grp.join(' + ')))) {
        hits.push(`${s}.${t} (a row): ${grp.join(' + ')}`);
      }
    });
  }
  return hits;
}

/** Values that name this person and nobody else in the world (so finding one means finding them). */
export function needlesOf(_world: World, c: Candidate): (string | string[])[] {
  return [c.email, c.phone, `${c.firstName} ${c.lastName}`, [c.firstName, c.lastName]];
}

/**
 * An erasable candidate whose values are theirs alone (no other candidate or user shares the phone
 * or full name), written in plain letters (a quote would be escaped inside JSON text), with a
 * pipeline application that answered the survey.
 */
export function uniqueErasable(world: World, answered: (appId: number) => boolean): Candidate {
  const phones = new Map<string, number>();
  const names = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const c of world.candidates) {
    bump(phones, c.phone);
    bump(names, `${c.firstName} ${c.lastName}`.toLowerCase());
  }
  for (const u of world.users) bump(names, `${u.firstName} ${u.lastName}`.toLowerCase());
  const pick = erasableCandidates(world).find((c) =>
    phones.get(c.phone) === 1 && names.get(`${c.firstName} ${c.lastName}`.toLowerCase()) === 1 &&
    /^[A-Za-z -]+$/.test(`${c.firstName} ${c.lastName}`) &&
    c.applicationIds.some((id) => !world.applications[id - 1]!.isProspect && answered(id)));
  if (!pick) throw new Error('the world has no candidate to erase with values of their own');
  return pick;
}
