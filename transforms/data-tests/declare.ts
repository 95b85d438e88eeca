import { z } from 'zod';
import { isIdentifier } from '../../src/engine/identifiers.ts';
import { TransformError } from '../errors.ts';
import type { TestFileDef } from '../project.ts';

export type Severity = 'error' | 'warn';

/**
 * Generic tests, declared per model in `_tests.yml` beside the models. Every hirelake table starts
 * with `connection`, so keys and relationships are always scoped to one connection.
 */
export type GenericTest =
  | { kind: 'unique'; model: string; columns: string[]; severity: Severity; file: string }
  | { kind: 'not_null'; model: string; column: string; severity: Severity; file: string }
  | { kind: 'accepted_values'; model: string; column: string; values: string[]; severity: Severity; file: string }
  | { kind: 'relationships'; model: string; column: string; to: string; field: string; severity: Severity; file: string }
  | { kind: 'expect_none'; model: string; name: string; where: string; severity: Severity; file: string };

const ident = z.string().refine(isIdentifier, 'expected a lowercase column or model name');
/** `a` or `a, b` (a composite key). */
const key = z.string().transform((s, ctx) => {
  const cols = s.split(',').map((c) => c.trim());
  if (!cols.every(isIdentifier)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a column or a comma-separated list of columns` });
    return z.NEVER;
  }
  return cols;
});

const group = z.strictObject({
  /** keys unique per connection */
  unique: z.union([key, z.array(key)]).optional(),
  not_null: z.array(ident).optional(),
  /** column → allowed values (nulls are for not_null to judge) */
  accepted_values: z.record(ident, z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String))).optional(),
  /** column → `model` or `model.column`, within the same connection */
  relationships: z.record(ident, z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/, 'expected model or model.column')).optional(),
  /** test name → SQL condition; rows matching it fail */
  expect_none: z.record(ident, z.string().min(1)).optional(),
});
const modelTests = group.extend({ warn: group.optional() });

function expand(model: string, g: z.output<typeof group>, severity: Severity, file: string): GenericTest[] {
  const out: GenericTest[] = [];
  const uniques = g.unique === undefined ? [] : typeof g.unique[0] === 'string' ? [g.unique as string[]] : (g.unique as string[][]);
  for (const columns of uniques) out.push({ kind: 'unique', model, columns, severity, file });
  for (const column of g.not_null ?? []) out.push({ kind: 'not_null', model, column, severity, file });
  for (const [column, values] of Object.entries(g.accepted_values ?? {})) out.push({ kind: 'accepted_values', model, column, values, severity, file });
  for (const [column, target] of Object.entries(g.relationships ?? {})) {
    const [to, field] = target.split('.') as [string, string | undefined];
    out.push({ kind: 'relationships', model, column, to, field: field ?? column, severity, file });
  }
  for (const [name, where] of Object.entries(g.expect_none ?? {})) out.push({ kind: 'expect_none', model, name, where, severity, file });
  return out;
}

/** Turns the parsed `_tests.yml` files into test declarations; a bad key names the file and path. */
export function declaredTests(files: readonly TestFileDef[]): GenericTest[] {
  const out: GenericTest[] = [];
  for (const f of files) {
    for (const [model, spec] of Object.entries(f.spec)) {
      const parsed = modelTests.safeParse(spec ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${[model, ...i.path].join('.')}: ${i.message}`).join('; ');
        throw new TransformError(`${f.file}: ${issues}`);
      }
      const { warn, ...errors } = parsed.data;
      out.push(...expand(model, errors, 'error', f.file), ...(warn ? expand(model, warn, 'warn', f.file) : []));
    }
  }
  return out;
}
