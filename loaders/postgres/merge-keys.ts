import type { SourceTable } from '../source/source.ts';
import { modelKey } from '../model/select.ts';
import type { PostgresExportConfig } from './export-postgres.ts';

/**
 * The key a table is merged by, or null when it is swapped whole. A table listed without a key
 * takes the unique key its data tests declare; those hold per connection, so connection leads.
 */
export function mergeKeyFor(cfg: PostgresExportConfig, table: SourceTable, declared: ReadonlyMap<string, readonly string[]>): readonly string[] | null {
  const key = modelKey(table);
  for (const entry of cfg.merge) {
    if (typeof entry !== 'string') {
      if (entry.table === key) return entry.key;
      continue;
    }
    if (entry !== key) continue;
    const unique = declared.get(key);
    if (!unique) return null;
    const scoped = table.columns.some((c) => c.name === 'connection') ? ['connection', ...unique.filter((c) => c !== 'connection')] : [...unique];
    return scoped;
  }
  return null;
}
