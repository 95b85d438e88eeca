import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.ts';
import { buildModels, runDataTests, TransformError } from '../../transforms/index.ts';
import { openDuck, sqlProject, type TestEngine } from './fixtures.ts';

const config = { connections: [{ name: 'c1', source: 'greenhouse' }] };

/** Two core tables built from literals, with one violation of each kind of test seeded in. */
const PROJECT = {
  'core/parents.sql': `select * from (values ('c1', 'p1', 'open'), ('c1', 'p2', 'closed')) as t(connection, parent_id, status)`,
  'core/children.sql': `select * from (values
      ('c1', 'a', 'p1', 'red',    cast('2024-01-02' as date), cast('2024-01-01' as date)),
      ('c1', 'b', 'p1', 'blue',   cast('2024-01-01' as date), cast('2024-01-05' as date)),
      ('c1', 'b', 'p9', 'purple', cast('2024-01-01' as date), null),
      ('c1', null, 'p2', 'red',   cast('2024-01-01' as date), null)
    ) as t(connection, child_id, parent_id, color, started_on, ended_on)`,
  'core/_tests.yml': `
parents:
  unique: parent_id
  accepted_values:
    status: [open, closed]
children:
  unique: child_id
  not_null: [child_id, parent_id]
  accepted_values:
    color: [red, blue]
  relationships:
    parent_id: parents
  expect_none:
    ends_before_start: ended_on < started_on
  warn:
    not_null: [ended_on]
`,
  'tests/no_purple.sql': `-- severity: warn
select child_id from {{ ref('children') }} where color = 'purple'`,
};

describe('data tests', () => {
  let t: TestEngine | undefined;
  let project: ReturnType<typeof sqlProject> | undefined;
  afterEach(async () => {
    await t?.dispose();
    project?.cleanup();
  });

  it('report each seeded violation with its rows; warnings do not fail the run', async () => {
    t = await openDuck();
    project = sqlProject(PROJECT);
    const { engine } = t;
    expect((await buildModels({ engine, config, log: silentLogger, runId: 'r', sqlDir: project.dir })).ok).toBe(true);
    const run = await runDataTests({ engine, config, log: silentLogger, sqlDir: project.dir });
    const by = Object.fromEntries(run.tests.map((r) => [r.name, r]));
    expect(run.ok).toBe(false);

    expect(by['unique:parents.parent_id']?.status).toBe('pass');
    expect(by['accepted_values:parents.status']?.status).toBe('pass');
    expect(by['unique:children.child_id']).toMatchObject({ status: 'fail', failures: 1, severity: 'error', file: 'sql/core/_tests.yml', rows: [{ connection: 'c1', child_id: 'b', copies: 2 }] });
    expect(by['not_null:children.child_id']).toMatchObject({ status: 'fail', failures: 1, rows: [expect.objectContaining({ child_id: null, parent_id: 'p2' })] });
    expect(by['not_null:children.parent_id']?.status).toBe('pass');
    expect(by['accepted_values:children.color']).toMatchObject({ status: 'fail', rows: [{ color: 'purple', n: 1 }] });
    expect(by['relationships:children.parent_id->parents.parent_id']).toMatchObject({ status: 'fail', rows: [expect.objectContaining({ parent_id: 'p9' })] });
    expect(by['expect_none:children.ends_before_start']).toMatchObject({ status: 'fail', rows: [expect.objectContaining({ child_id: 'a' })] });
    expect(by['not_null:children.ended_on']).toMatchObject({ status: 'fail', severity: 'warn', failures: 2 });
    expect(by['no_purple']).toMatchObject({ status: 'fail', severity: 'warn', file: 'sql/tests/no_purple.sql', rows: [{ child_id: 'b' }] });
  });

  it('pass when the data is clean, with only warnings left', async () => {
    t = await openDuck();
    project = sqlProject({
      ...PROJECT,
      'core/children.sql': `select * from (values ('c1', 'a', 'p1', 'red', cast('2024-01-01' as date), cast('2024-01-02' as date)), ('c1', 'b', 'p2', 'blue', cast('2024-01-01' as date), null))
        as t(connection, child_id, parent_id, color, started_on, ended_on)`,
    });
    await buildModels({ engine: t.engine, config, log: silentLogger, runId: 'r', sqlDir: project.dir });
    const run = await runDataTests({ engine: t.engine, config, log: silentLogger, sqlDir: project.dir });
    expect(run.ok).toBe(true);
    expect(run.tests.filter((r) => r.status !== 'pass').map((r) => r.name)).toEqual(['not_null:children.ended_on']);
  });

  it('a test that cannot run (missing table) fails the run as an error', async () => {
    t = await openDuck();
    project = sqlProject(PROJECT);
    const run = await runDataTests({ engine: t.engine, config, log: silentLogger, sqlDir: project.dir });
    expect(run.ok).toBe(false);
    expect(run.tests.find((r) => r.name === 'unique:children.child_id')).toMatchObject({ status: 'error', error: expect.stringMatching(/^sql\/core\/_tests\.yml: /) });
  });

  it('a bad declaration names the file and the key', async () => {
    t = await openDuck();
    project = sqlProject({ ...PROJECT, 'core/_tests.yml': 'children:\n  unique: child_id\n  not_nul: [x]\n' });
    let caught: unknown;
    try {
      await runDataTests({ engine: t.engine, config, log: silentLogger, sqlDir: project.dir });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TransformError);
    expect((caught as Error).message).toMatch(/^sql\/core\/_tests\.yml: children: .*not_nul/);
  });
});
