import { HirelakeError } from '../../src/core/errors.ts';

export type ModelSchema = 'core' | 'marts';

export interface ModelId {
  readonly schema: ModelSchema;
  readonly name: string;
}

export const modelKey = (m: ModelId): string => `${m.schema}.${m.name}`;

function globRegex(glob: string): RegExp {
  return new RegExp(`^${glob.replaceAll('*', '[a-z0-9_]*')}$`);
}

/**
 * Row-level demographic answers stay in the warehouse: exports (and dashboards) get them only
 * through the small-cell-suppressed marts.diversity_funnel. Globs pass over them; naming one fails.
 */
export const NEVER_EXPORTED: ReadonlySet<string> = new Set(['core.demographic_answers']);

/**
 * The models an export sends, in a stable order (core before marts, then by name). A pattern
 * without `*` names one model and must exist: a typo should fail, not export nothing.
 */
export function selectModels(available: readonly ModelId[], patterns: readonly string[], exportName: string): ModelId[] {
  const chosen = new Set<string>();
  for (const pattern of patterns) {
    if (NEVER_EXPORTED.has(pattern)) {
      throw new HirelakeError('export', `export ${exportName}: ${pattern} is never exported (row-level demographic answers)`, 'export marts.diversity_funnel, its small-cell-suppressed form, instead');
    }
    const re = globRegex(pattern);
    const hits = available.filter((m) => re.test(modelKey(m)) && !NEVER_EXPORTED.has(modelKey(m)));
    if (hits.length === 0 && !pattern.includes('*')) {
      throw new HirelakeError('export', `export ${exportName}: no model ${pattern} in the warehouse`, 'run `hirelake transform` first, or fix the name under exports[].tables');
    }
    for (const m of hits) chosen.add(modelKey(m));
  }
  const order: Record<ModelSchema, number> = { core: 0, marts: 1 };
  const picked = available.filter((m) => chosen.has(modelKey(m)));
  picked.sort((a, b) => order[a.schema] - order[b.schema] || a.name.localeCompare(b.name));
  assertDistinctNames(picked, exportName);
  return picked;
}

/** Targets hold every model under its own name, so core.x and marts.x cannot both go to one target. */
function assertDistinctNames(models: readonly ModelId[], exportName: string): void {
  const byName = new Map<string, string>();
  for (const m of models) {
    const other = byName.get(m.name);
    if (other) {
      throw new HirelakeError('export', `export ${exportName}: ${other} and ${modelKey(m)} would both be written as ${m.name}`, 'list the tables to send under exports[].tables so that each name appears once');
    }
    byName.set(m.name, modelKey(m));
  }
}
