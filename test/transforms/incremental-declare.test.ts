import { describe, expect, it } from 'vitest';
import { incrementalSpec } from '../../transforms/incremental/declare.ts';
import { KeyedCopies } from '../../transforms/incremental/scoped.ts';

describe('incremental declarations in a model header', () => {
  it('reads the key, the keyed inputs and the inputs that refresh some rows', () => {
    const body = [
      '-- incremental_key: application_id',
      '-- incremental_input: greenhouse.applications _record_id',
      '-- incremental_input: stage_visits application_id',
      '-- incremental_refresh: int_connection_activity exited_at is null and days is null',
      '-- what the model is',
      'select 1',
      '-- incremental_input: ignored after the header',
    ].join('\n');
    expect(incrementalSpec(body, 'm.sql')).toEqual({
      key: 'application_id',
      inputs: [
        { name: 'greenhouse.applications', vendor: 'greenhouse', stream: 'applications', field: '_record_id' },
        { name: 'stage_visits', field: 'application_id' },
      ],
      refresh: [{ name: 'int_connection_activity', where: 'exited_at is null and days is null' }],
    });
    expect(incrementalSpec('-- a model\nselect 1', 'm.sql')).toBeNull();
  });

  it('names what is wrong with a declaration', () => {
    expect(() => incrementalSpec('-- incremental_refresh: int_connection_activity', 'm.sql')).toThrow(
      'm.sql: incremental_refresh takes a model and a condition on the table\'s rows, not "int_connection_activity"',
    );
    expect(() => incrementalSpec('-- incremental_refresh: "x y" a = 1', 'm.sql')).toThrow(/incremental_refresh takes a model/);
    expect(() => incrementalSpec('-- incremental_refresh: activity a is null', 'm.sql')).toThrow('m.sql: incremental_input or incremental_refresh without incremental_key');
    expect(() => incrementalSpec('-- incremental_key: a b', 'm.sql')).toThrow('incremental_key must be a column name');
  });
});

describe('keyed copies kept for a build', () => {
  it('are found again for the same input, restriction and keys, and all are listed to drop at the end', () => {
    const copies = new KeyedCopies();
    copies.add('core.applications where a keys k1', 'c1');
    copies.add('core.stage_visits where a keys k1', 'c2');
    expect([copies.get('core.applications where a keys k1'), copies.get('core.applications where a keys k2'), copies.get('core.stage_visits where a keys k1')]).toEqual(['c1', undefined, 'c2']);
    expect(copies.tables).toEqual(['c1', 'c2']);
  });
});
