import type { ModelId } from './select.ts';

/** What a model and its columns mean. */
export interface ModelDoc {
  readonly description?: string;
  readonly columns: Readonly<Record<string, string>>;
}

/**
 * Model docs, looked up with the table's actual columns (the docs are prose, and knowing which
 * names are columns is what tells a column's note from the table's).
 */
export interface ModelDocs {
  doc(model: ModelId, columns: readonly string[]): ModelDoc | undefined;
}

export const noDocs: ModelDocs = { doc: () => undefined };

/** Model docs first; the source's own catalog comments fill what the docs leave out. */
export function withCatalogComments(doc: ModelDoc | undefined, table: string | null, columns: ReadonlyMap<string, string | null>): { table: string | null; column: (name: string) => string | null } {
  return {
    table: doc?.description ?? table ?? null,
    column: (name) => doc?.columns[name] ?? columns.get(name) ?? null,
  };
}
