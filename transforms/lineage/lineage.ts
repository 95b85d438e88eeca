import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isIdentifier } from '../../src/engine/identifiers.ts';
import { TransformError } from '../errors.ts';

/**
 * Where one raw stream's records end up in core, declared per vendor in
 * `sql/staging/<vendor>/_lineage.yml`. It is what lets marts.dropped_records count every newest,
 * non-deleted record that did not reach core, whether or not the vendor's SQL says why.
 */
export type StreamLineage =
  /** Each record becomes (at most) one row of `core`, whose `key` column holds the record id. */
  | { readonly vendor: string; readonly stream: string; readonly kind: 'record'; readonly core: string; readonly key: string }
  /** The stream's records are folded into other rows (no record-level check); `into` says where. */
  | { readonly vendor: string; readonly stream: string; readonly kind: 'derived'; readonly into: string };

const ident = z.string().refine(isIdentifier, 'expected a lowercase model or column name');
const entry = z.union([
  z.strictObject({ core: ident, key: ident }),
  z.strictObject({ derived: z.string().min(1) }),
]);

export const LINEAGE_FILE = '_lineage.yml';

/** Reads one vendor folder's `_lineage.yml` (none: no lineage declared). */
export function loadLineage(vendor: string, dir: string, shown: (f: string) => string): StreamLineage[] {
  const file = join(dir, LINEAGE_FILE);
  if (!existsSync(file)) return [];
  const spec = parseYaml(readFileSync(file, 'utf8')) as unknown;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new TransformError(`${shown(file)}: expected a mapping of stream name → { core, key } or { derived }`);
  }
  return Object.entries(spec as Record<string, unknown>).map(([stream, value]) => {
    if (!isIdentifier(stream)) throw new TransformError(`${shown(file)}: "${stream}" is not a stream name`);
    const parsed = entry.safeParse(value);
    if (!parsed.success) {
      throw new TransformError(`${shown(file)}: ${stream}: ${parsed.error.issues.map((i) => i.message).join('; ')} (expected { core: <table>, key: <column> } or { derived: <where> })`);
    }
    return 'core' in parsed.data
      ? { vendor, stream, kind: 'record' as const, core: parsed.data.core, key: parsed.data.key }
      : { vendor, stream, kind: 'derived' as const, into: parsed.data.derived };
  });
}
