import { loadProject } from '../../transforms/project.ts';
import { declaredTests } from '../../transforms/data-tests/declare.ts';
import type { ModelDocs } from './docs.ts';
import { headerDocs } from './header-docs.ts';

/** What the SQL project says about its models, beyond the tables themselves. */
export interface ModelCatalog {
  /** Descriptions of each core and marts model and its columns (`schema.name`). */
  readonly docs: ModelDocs;
  /** Declared unique keys (per connection, as the data tests check them), by `schema.name`. */
  readonly uniqueKeys: ReadonlyMap<string, readonly string[]>;
}

export const emptyCatalog: ModelCatalog = { docs: { doc: () => undefined }, uniqueKeys: new Map() };

/**
 * Reads sql/ for the model docs and keys. Exports work without it (a warehouse built by another
 * version, or a custom project), so a project that cannot be read yields an empty catalog.
 */
export function loadModelCatalog(sqlDir?: string): ModelCatalog {
  let project;
  try {
    project = loadProject(sqlDir);
  } catch {
    return emptyCatalog;
  }
  const bodies = new Map<string, string>();
  const schemaOf = new Map<string, string>();
  for (const m of project.models) {
    if (m.schema !== 'core' && m.schema !== 'marts') continue;
    // Intermediate models live in a schema too, but only core and marts are exported.
    if (m.layer !== 'core' && m.layer !== 'marts') continue;
    schemaOf.set(m.name, m.schema);
    bodies.set(`${m.schema}.${m.name}`, m.body);
  }
  const uniqueKeys = new Map<string, readonly string[]>();
  try {
    for (const t of declaredTests(project.testFiles)) {
      const schema = schemaOf.get(t.model);
      if (t.kind === 'unique' && t.severity === 'error' && schema && !uniqueKeys.has(`${schema}.${t.model}`)) uniqueKeys.set(`${schema}.${t.model}`, t.columns);
    }
  } catch {
    // Bad test declarations are the transform step's to report.
  }
  const docs: ModelDocs = {
    doc: (model, columns) => {
      const body = bodies.get(`${model.schema}.${model.name}`);
      return body === undefined ? undefined : headerDocs(body, columns);
    },
  };
  return { docs, uniqueKeys };
}
