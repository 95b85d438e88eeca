import { createHash } from 'node:crypto';

/** Postgres cuts identifiers at 63 bytes; derived names keep a hash of the whole so they stay distinct. */
export function derivedName(prefix: string, base: string, suffix = ''): string {
  const full = `${prefix}${base}${suffix}`;
  if (full.length <= 63) return full;
  const hash = createHash('sha1').update(base).digest('hex').slice(0, 8);
  return `${prefix}${base.slice(0, 63 - prefix.length - suffix.length - 9)}_${hash}${suffix}`;
}

/** The table a load builds before it is swapped in (unique per export thanks to the target lock). */
export const loadingTableName = (table: string): string => derivedName('_hl_new_', table);
/** The unique index a merged table is kept with, so merges find their rows by key. */
export const keyIndexName = (table: string): string => derivedName('', table, '_hl_key');
export const loadingKeyIndexName = (table: string): string => derivedName('_hl_new_', table, '_key');
