import { quoteIdent, sqlString } from '../../src/engine/identifiers.ts';
import type { CompiledProject } from '../compile.ts';
import { TransformError } from '../errors.ts';
import { body } from '../materialize.ts';
import type { GenericTest, Severity } from './declare.ts';

/** A data test as the engine runs it: a SELECT whose rows are the failures (none = pass). */
export interface DataTest {
  readonly name: string;
  /** The model it checks (generic tests), or null for singular tests. */
  readonly model: string | null;
  readonly file: string;
  readonly severity: Severity;
  readonly sql: string;
}


function testName(t: GenericTest): string {
  switch (t.kind) {
    case 'unique':
      return `unique:${t.model}.${t.columns.join('+')}`;
    case 'not_null':
      return `not_null:${t.model}.${t.column}`;
    case 'accepted_values':
      return `accepted_values:${t.model}.${t.column}`;
    case 'relationships':
      return `relationships:${t.model}.${t.column}->${t.to}.${t.field}`;
    case 'expect_none':
      return `expect_none:${t.model}.${t.name}`;
  }
}

function failingRowsSql(t: GenericTest, rel: string, relationOf: (model: string) => string): string {
  switch (t.kind) {
    case 'unique': {
      const cols = ['connection', ...t.columns].map(quoteIdent).join(', ');
      return `select ${cols}, count(*) as copies from ${rel} group by ${cols} having count(*) > 1`;
    }
    case 'not_null':
      return `select * from ${rel} where ${quoteIdent(t.column)} is null`;
    case 'accepted_values': {
      const c = quoteIdent(t.column);
      return `select ${c}, count(*) as n from ${rel} where ${c} is not null and cast(${c} as text) not in (${t.values.map(sqlString).join(', ')}) group by ${c}`;
    }
    case 'relationships': {
      const c = quoteIdent(t.column);
      return `select * from ${rel} c where c.${c} is not null and not exists (select 1 from ${relationOf(t.to)} p where p.connection = c.connection and p.${quoteIdent(t.field)} = c.${c})`;
    }
    case 'expect_none':
      return `select * from ${rel} where ${t.where}`;
  }
}

/** Every data test of the project: generic ones compiled from `_tests.yml`, then the singular `sql/tests/*.sql`. */
export function compileDataTests(project: CompiledProject, generic: readonly GenericTest[]): DataTest[] {
  const relationOf = (model: string, file: string) => {
    const m = project.byName.get(model);
    if (!m) throw new TransformError(`${file}: tests declared for "${model}", which is not a model`);
    return m.relation;
  };
  const out: DataTest[] = generic.map((t) => ({
    name: testName(t),
    model: t.model,
    file: t.file,
    severity: t.severity,
    sql: failingRowsSql(t, relationOf(t.model, t.file), (m) => relationOf(m, t.file)),
  }));
  for (const t of project.singularTests) out.push({ name: t.name, model: null, file: t.file, severity: t.severity, sql: body(t.sql) });
  return out;
}
