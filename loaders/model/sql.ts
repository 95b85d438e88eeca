import { quoteIdent } from '../../src/engine/identifiers.ts';

/** A SQL string literal; for file paths, which come from config and may hold quotes. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** `alias."col"`. */
export function col(alias: string, name: string): string {
  return `${alias}.${quoteIdent(name)}`;
}

export function columnList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}
