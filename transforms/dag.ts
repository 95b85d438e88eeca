import { UsageError } from '../src/core/errors.ts';
import { TransformError } from './errors.ts';
import { LAYER_ORDER, type Layer } from './project.ts';

export interface DagNode {
  readonly name: string;
  readonly layer: Layer;
  readonly file: string;
  readonly deps: readonly string[];
}

const rank = (n: DagNode) => LAYER_ORDER.indexOf(n.layer);

/**
 * Topological order (Kahn). Among ready models the earlier layer, then the name, goes first, so the
 * order is stable from run to run. A cycle is an error that spells the loop out with file names.
 */
export function topologicalOrder(nodes: readonly DagNode[]): DagNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const indegree = new Map(nodes.map((n) => [n.name, 0]));
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const n of nodes) {
    for (const d of new Set(n.deps)) {
      if (!byName.has(d)) throw new TransformError(`${n.file}: ref('${d}') names no model`);
      indegree.set(n.name, indegree.get(n.name)! + 1);
      dependents.get(d)!.push(n.name);
    }
  }
  const before = (a: DagNode, b: DagNode) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const ready = nodes.filter((n) => indegree.get(n.name) === 0);
  const out: DagNode[] = [];
  while (ready.length > 0) {
    ready.sort(before);
    const n = ready.shift()!;
    out.push(n);
    for (const m of dependents.get(n.name)!) {
      const left = indegree.get(m)! - 1;
      indegree.set(m, left);
      if (left === 0) ready.push(byName.get(m)!);
    }
  }
  if (out.length < nodes.length) {
    const cycle = findCycle(nodes.filter((n) => indegree.get(n.name)! > 0), byName);
    throw new TransformError(`dependency cycle: ${cycle.map((n) => `${n.name} (${n.file})`).join(' → ')}`);
  }
  return out;
}

function findCycle(stuck: readonly DagNode[], byName: Map<string, DagNode>): DagNode[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: DagNode[] = [];
  const visit = (n: DagNode): DagNode[] | null => {
    state.set(n.name, 'open');
    stack.push(n);
    for (const d of n.deps) {
      const dep = byName.get(d)!;
      if (state.get(d) === 'open') return [...stack.slice(stack.findIndex((s) => s.name === d)), dep];
      if (!state.has(d)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n.name, 'done');
    return null;
  };
  for (const n of stuck) {
    if (!state.has(n.name)) {
      const found = visit(n);
      if (found) return found;
    }
  }
  return [...stuck];
}

/**
 * Selectors: a model name, a layer (`staging`, `core`, `marts`), `name+` (it and everything
 * downstream) or `+name` (it and everything it needs).
 */
export function selectNodes(nodes: readonly DagNode[], selectors: readonly string[]): Set<string> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const down = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const n of nodes) for (const d of n.deps) down.get(d)?.push(n.name);
  const walk = (start: string, next: (name: string) => readonly string[], into: Set<string>) => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length > 0) {
      const name = todo.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      into.add(name);
      todo.push(...next(name));
    }
  };
  const out = new Set<string>();
  for (const raw of selectors) {
    const upstream = raw.startsWith('+');
    const downstream = raw.endsWith('+');
    const name = raw.replace(/^\+|\+$/g, '');
    if ((LAYER_ORDER as readonly string[]).includes(name) && !byName.has(name)) {
      for (const n of nodes) if (n.layer === name) out.add(n.name);
      continue;
    }
    if (!byName.has(name)) throw new UsageError(`--select ${raw}: no model named "${name}"`, 'select model names (file names without .sql), or staging, core, intermediate, marts');
    out.add(name);
    if (upstream) walk(name, (n) => byName.get(n)!.deps, out);
    if (downstream) walk(name, (n) => down.get(n) ?? [], out);
  }
  return out;
}
