// One page of a list: walk ids downwards from the cursor position, keep rows that pass every
// filter, and peek for one more match so the next cursor starts exactly there. Each row is
// examined about once over a whole pagination, so a page costs O(page size) for dense filters.
import type { World } from '../world/index.ts';
import type { ListQuery } from './query.ts';
import type { ResourceDef, Row } from './resources.ts';
import type { Json } from './render.ts';

export interface Page {
  records: Json[];
  /** id the next page starts at, or null on the last page */
  next: number | null;
}

type Test = (row: Row) => boolean;

function buildTest(world: World, res: ResourceDef, q: ListQuery): Test {
  const tests: Test[] = [(r) => res.visible(world, r)];
  if (q.tf !== undefined) {
    const lo = q.lo ?? -Infinity;
    const hi = q.hi ?? Infinity;
    tests.push(q.tf === 'updated_at'
      ? (r) => r.updatedAt >= lo && r.updatedAt <= hi
      : (r) => r.createdAt >= lo && r.createdAt <= hi);
  }
  for (const [param, ids] of q.pf ?? []) {
    const fk = res.parents[param]!;
    const set = new Set(ids);
    tests.push((r) => set.has(fk(r) ?? -1));
  }
  for (const [param, raw] of q.fl ?? []) {
    const pred = res.flags[param]!(raw)!;
    tests.push((r) => pred(world, r));
  }
  return (r) => {
    for (const t of tests) if (!t(r)) return false;
    return true;
  };
}

/** candidate ids in descending order when a filter pins them down; undefined = scan everything */
function candidateIds(world: World, res: ResourceDef, q: ListQuery): number[] | undefined {
  let best: number[] | undefined = q.ids;
  for (const [param, parentIds] of q.pf ?? []) {
    const children = res.children[param];
    if (!children) continue;
    const ids: number[] = [];
    for (const pid of parentIds) ids.push(...children(world, pid));
    if (best === undefined || ids.length < best.length) best = ids;
  }
  return best === undefined ? undefined : [...new Set(best)].sort((a, b) => b - a);
}

export function readPage(world: World, res: ResourceDef, q: ListQuery, startId: number): Page {
  const rows = res.rows(world);
  const test = buildTest(world, res, q);
  const idSet = q.ids ? new Set(q.ids) : undefined;
  const records: Json[] = [];
  const accept = (row: Row | undefined): boolean =>
    row !== undefined && (idSet === undefined || idSet.has(row.id)) && test(row);

  const pinned = candidateIds(world, res, q);
  if (pinned) {
    for (const id of pinned) {
      if (id > startId) continue;
      const row = rows[id - 1];
      if (!accept(row)) continue;
      if (records.length === q.pp) return { records, next: id };
      records.push(res.render(world, row!));
    }
    return { records, next: null };
  }
  for (let i = Math.min(startId, rows.length) - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (!accept(row)) continue;
    if (records.length === q.pp) return { records, next: row.id };
    records.push(res.render(world, row));
  }
  return { records, next: null };
}
