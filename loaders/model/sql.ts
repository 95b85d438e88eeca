import { quoteIdent } from '../../src/engine/identifiers.ts';

export { sqlString } from '../../src/engine/identifiers.ts';

/** `alias."col"`. */
export function col(alias: string, name: string): string {
  return `${alias}.${quoteIdent(name)}`;
}

export function columnList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}
